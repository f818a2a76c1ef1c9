#!/usr/bin/env python3
"""Streams a large input through `namecanon normalize` or `namecanon serve` and samples memory
and throughput as it goes, to show that both stay flat (docs/reliability.md).

    scripts/stream.py [--bytes 1G] [--mode normalize|serve] [--bin PATH] [--samples 20]

The input is generated on the fly, never stored: full names built from Fixtures/normalize/*.tsv
inputs and numbered suffixes so that almost every line is distinct (the engine's name cache
would otherwise flatter the figures). For serve, each line is a JSON normalize request. Output:
one row per sample with the input consumed (MB), elapsed seconds, MB/s over the last interval,
lines/s, and the child's resident memory (VmRSS, MB), then a summary. Exit 1 if the child fails
or answers fewer lines than it was sent.
Use a release build for figures (swift build -c release; --bin .build/release/namecanon).
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def size(text):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    return int(float(text[:-1]) * units[text[-1].upper()]) if text[-1].upper() in units else int(text)


def seed_names():
    names = []
    for path in sorted(glob.glob(os.path.join(ROOT, "Fixtures/normalize/*.tsv"))):
        for line in open(path, encoding="utf-8"):
            if line.startswith(("#", "@")) or not line.strip():
                continue
            name = line.split("\t")[0]
            if name.strip() and len(name) < 80:
                names.append(name)
    return names


def lines(mode, names):
    """Endless distinct lines: fixture names with a Latin given name varied by a counter."""
    given = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Felix", "Greta", "Hugo", "Irene", "Jonas"]
    i = 0
    while True:
        base = names[i % len(names)]
        n = i // len(names)
        name = f"{base}" if n == 0 else f"{given[n % 10]}{'abcdefghij'[(n // 10) % 10]}{n // 100} {base}"
        if mode == "serve":
            yield (json.dumps({"id": i, "op": "normalize", "name": name}, ensure_ascii=False) + "\n").encode()
        else:
            yield (name + "\n").encode()
        i += 1


def rss_mb(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bytes", default="1G")
    parser.add_argument("--mode", choices=["normalize", "serve"], default="normalize")
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build/release/namecanon"))
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=0, help="normalize --jobs (default: the tool's)")
    args = parser.parse_args()
    total = size(args.bytes)
    command = [args.bin, args.mode] + (["--no-header"] if args.mode == "normalize" else [])
    if args.jobs and args.mode == "normalize":
        command += ["--jobs", str(args.jobs)]
    child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    answered = [0]

    def drain():
        for _ in child.stdout:
            answered[0] += 1

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    errors = []
    threading.Thread(target=lambda: errors.extend(child.stderr), daemon=True).start()

    step = total // args.samples
    sent = sent_lines = 0
    next_sample = step
    start = last_time = time.monotonic()
    last_bytes = last_answered = 0
    peak = 0.0
    rates = []
    print(f"# {args.mode}: {total / 1e6:.0f} MB through {os.path.relpath(args.bin, ROOT)}")
    print("MB_in\tseconds\tMB/s\tlines/s\tRSS_MB")
    chunk = []
    chunk_bytes = 0
    for line in lines(args.mode, seed_names()):
        chunk.append(line)
        chunk_bytes += len(line)
        if chunk_bytes < 1 << 16:
            continue
        child.stdin.write(b"".join(chunk))
        sent += chunk_bytes
        sent_lines += len(chunk)
        chunk, chunk_bytes = [], 0
        if sent >= next_sample or sent >= total:
            now = time.monotonic()
            rss = rss_mb(child.pid)
            peak = max(peak, rss)
            rate = (sent - last_bytes) / 1e6 / (now - last_time)
            rates.append(rate)
            print(f"{sent / 1e6:.0f}\t{now - start:.1f}\t{rate:.2f}\t{(answered[0] - last_answered) / (now - last_time):.0f}\t{rss:.1f}", flush=True)
            last_time, last_bytes, last_answered = now, sent, answered[0]
            next_sample += step
        if sent >= total:
            break
    child.stdin.close()
    status = child.wait()
    reader.join()
    elapsed = time.monotonic() - start
    print(f"# {sent_lines} lines, {sent / 1e6:.0f} MB in {elapsed:.0f} s: {sent / 1e6 / elapsed:.2f} MB/s overall; "
          f"interval MB/s min {min(rates):.2f} max {max(rates):.2f}; peak RSS {peak:.1f} MB; exit {status}; "
          f"{answered[0]} lines answered; {len(errors)} stderr lines")
    return 0 if status in (0, 1) and answered[0] == sent_lines else 1


if __name__ == "__main__":
    sys.exit(main())
