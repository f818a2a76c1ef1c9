#!/usr/bin/env python3
"""Generate Rules/zh/transcription.tsv: the Han characters Chinese uses to transcribe foreign
(mostly Western) names, with the sound value each stands for.

Chinese writes foreign names with a small, fixed set of characters (the Xinhua transcription
tables, GB/T 17693.1: 特 for t, 朗 for ran/lan, 普 for p, 斯 for s ...). This script collects
that set from CC-CEDICT's person-name entries: an entry whose pinyin reads as one transcribed
word per part (one capital per ·-separated part: "Te4 lang3 pu3", "Ya4 dang1 · Si1 mi4") and
whose English gloss is not that pinyin (so 丁玲 Ding Ling, a Chinese name, is not counted).
Each character's reading is the one CC-CEDICT gives it in those entries (the most frequent).

Its sound value is derived from that reading by the rule NameCanon's phonetic comparison uses
(documented in Rules/zh/README.md): the pinyin initial's consonant class, then N for a nasal
final (-n, -ng) or L for the final -r of 尔 er; vowels are dropped, because Chinese
transcription adds them after every consonant (特 te for final t, 斯 si for s).

Usage:  python3 scripts/rules/gen_zh_transcription.py CC-CEDICT-FILE > Rules/zh/transcription.tsv
The input is CC-CEDICT (https://www.mdbg.net/chinese/dictionary?page=cc-cedict), CC BY-SA 4.0.
"""
import collections
import re
import sys

LINE = re.compile(r"^(\S+) (\S+) \[([^\]]+)\] /(.*)/\s*$")
MIN_ENTRIES = 3

INITIALS = [
    ("zh", "S"), ("ch", "S"), ("sh", "S"),
    ("b", "P"), ("p", "P"), ("d", "T"), ("t", "T"), ("g", "K"), ("k", "K"),
    ("j", "S"), ("q", "S"), ("x", "S"), ("z", "S"), ("c", "S"), ("s", "S"),
    ("f", "F"), ("h", "h"), ("l", "L"), ("r", "L"), ("m", "N"), ("n", "N"),
    ("w", ""), ("y", ""),
]


def sound(syllable):
    """The consonant skeleton of one toneless pinyin syllable: initial class, nasal or r final.
    A lowercase class is weak (h: Chinese uses 赫/哈 for h, and for nothing in 约翰 John)."""
    s = syllable.lower().replace("u:", "v")
    initial = ""
    rest = s
    for prefix, cls in INITIALS:
        if s.startswith(prefix):
            initial, rest = cls, s[len(prefix):]
            break
    if s == "er":
        return "L"
    final = "N" if rest.endswith("n") or rest.endswith("ng") else ""
    value = initial + final
    return value if value else "-"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    counts = collections.Counter()
    readings = collections.defaultdict(collections.Counter)
    traditional = {}
    examples = collections.defaultdict(list)
    entries = 0
    with open(sys.argv[1], encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            m = LINE.match(line.rstrip("\n"))
            if not m:
                continue
            trad, simp, pinyin, gloss = m.groups()
            parts_han = simp.split("·")
            parts_pinyin = [p.split() for p in pinyin.split("·")]
            if len(parts_han) != len(parts_pinyin):
                continue
            ok = True
            for han, syllables in zip(parts_han, parts_pinyin):
                if len(han) != len(syllables) or len(han) < 2:
                    ok = False
                    break
                capitals = [s for s in syllables if s[0].isupper()]
                if len(capitals) != 1 or not syllables[0][0].isupper():
                    ok = False
                    break
            if not ok:
                continue
            first_gloss = gloss.split("/")[0]
            if not re.search(r"\(name\)|\(\??[0-9]{3,4}\??-", first_gloss):
                continue
            toneless = ["".join(re.sub(r"[0-9]", "", s).lower() for s in part) for part in parts_pinyin]
            words = re.findall(r"[a-z]+", first_gloss.lower().replace("ü", "v"))
            if any(t in words for t in toneless):
                continue  # a Chinese name glossed in pinyin
            entries += 1
            trad_parts = trad.split("·")
            for han, thpart, syllables in zip(parts_han, trad_parts, parts_pinyin):
                for i, (c, s) in enumerate(zip(han, syllables)):
                    counts[c] += 1
                    readings[c][re.sub(r"[0-9]", "", s).lower()] += 1
                    if i < len(thpart):
                        traditional.setdefault(c, thpart[i])
                    if len(examples[c]) < 2:
                        name = re.sub(r"\s*\(.*", "", first_gloss).strip()
                        if name and len(name) < 40:
                            examples[c].append(f"{han} {name}")
    print("# transcription.tsv: Han characters Chinese uses to transcribe foreign names, with their sound values")
    print("# source: CC-CEDICT (CC BY-SA 4.0, https://www.mdbg.net/chinese/dictionary?page=cc-cedict), its person-name")
    print(f"#   entries transcribed from other languages ({entries} entries); characters used in at least {MIN_ENTRIES} of them.")
    print("#   The characters are those of the Xinhua transcription tables (GB/T 17693.1) as the press uses them.")
    print("# regenerate: python3 scripts/rules/gen_zh_transcription.py cc-cedict.u8 > Rules/zh/transcription.tsv")
    print("# generated by scripts/rules/gen_zh_transcription.py; do not edit")
    print("# format: simplified TAB traditional TAB pinyin (the reading in names) TAB sound TAB entries TAB examples")
    print("#   sound: consonant classes, vowels dropped (P b/p, T d/t, K g/k, S sibilants and affricates,")
    print("#   F f/v, L l/r, N m/n/ng, h weak h; - a vowel only). See Rules/zh/README.md.")
    for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if n < MIN_ENTRIES:
            continue
        reading = readings[c].most_common(1)[0][0]
        print("\t".join([c, traditional.get(c, c), reading, sound(reading), str(n), "; ".join(examples[c])]))


if __name__ == "__main__":
    main()
