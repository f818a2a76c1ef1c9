#!/usr/bin/env python3
"""Write a deterministic mixed corpus of person names, one per line, for the benchmarks.

    python3 Benchmarks/scripts/make_corpus.py [COUNT] [OUT]     # defaults: 1000000, Benchmarks/corpus/names.txt

The mix (by construction, seeded, so every run writes the same bytes):
  30% Vietnamese with diacritics (surname, middle, given from Rules/vi), some in old tone style,
      some upper-case surnames, some given-first;
  10% Vietnamese without diacritics;
  15% Chinese in simplified Han, 10% in traditional Han (surnames from Rules/zh/surnames.tsv,
      given names from common given-name characters);
  20% pinyin in several orders and casings ("Xi Jinping", "XI Jinping", "Jinping Xi", "Xi Jin-ping");
  15% Western names.

    python3 Benchmarks/scripts/make_corpus.py --slice KIND [COUNT] [OUT]

writes only the names of one kind (han, vi, vi-plain, pinyin, western; han holds both simplified
and traditional), drawn from the same seeded sequence, so each slice is the mixed corpus's lines
of that kind, in order, continued until COUNT. Without --slice the output is unchanged.
"""
import os
import random
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def table(path, column=0):
    rows = []
    with open(os.path.join(ROOT, "Rules", path), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            rows.append(line.rstrip("\n").split("\t"))
    return rows


def fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


SLICES = {"vi": (0.0, 0.30), "vi-plain": (0.30, 0.40), "han": (0.40, 0.65), "pinyin": (0.65, 0.85), "western": (0.85, 1.0)}


def main():
    args = sys.argv[1:]
    slice_range = None
    if args[:1] == ["--slice"]:
        if len(args) < 2 or args[1] not in SLICES:
            sys.exit(f"--slice needs one of: {', '.join(SLICES)}")
        slice_range = SLICES[args[1]]
        args = args[2:]
    count = int(args[0]) if len(args) > 0 else 1_000_000
    out = args[1] if len(args) > 1 else os.path.join(ROOT, "Benchmarks", "corpus", "names.txt")
    rng = random.Random(20231213)
    vi_surnames = [r[0] for r in table("vi/surnames.tsv") if " " not in r[0]][:60]
    vi_middles = [r[0] for r in table("vi/middle-names.tsv")][:40]
    vi_givens = [r[0] for r in table("vi/given-names.tsv")][:300]
    zh = [(r[0], r[1].split(",")[0], r[2]) for r in table("zh/surnames.tsv") if len(r) >= 3 and len(r[0]) == 1][:200]
    given_chars = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力志国庆兰春云鹏飞宇浩然子轩梓涵欣怡雨晨"
    given_trad = "偉芳娜敏靜麗強磊軍洋勇艷傑娟濤明超秀霞平剛桂英華玉萍紅建文輝力志國慶蘭春雲鵬飛宇浩然子軒梓涵欣怡雨晨"
    pinyin_surnames = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun",
                       "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Luo", "Xi", "Ouyang", "Sima"]
    pinyin_given = ["Jinping", "Keqiang", "Qiang", "Wei", "Fang", "Xiaoping", "Zedong", "Enlai", "Yang", "Nana",
                    "Mingzhu", "Haoran", "Zixuan", "Yuxuan", "Xinyi", "Guofan", "Jiabao", "Jintao", "Huning"]
    western_given = ["Janet", "Andre", "Piyush", "Imran", "Ruchira", "Maria", "John", "Anna", "Olivier", "Søren",
                     "José", "Zoë", "Michael", "Fatima", "Yuki", "Hans", "Chloé", "Łukasz"]
    western_surnames = ["Yellen", "Braugher", "Goyal", "Khan", "Kamboj", "García", "Smith", "Müller", "Dubois",
                        "Kierkegaard", "Nowak", "O'Brien", "Rossi", "Novák", "Jensen"]
    oldstyle = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ", "ủy": "uỷ", "ùy": "uỳ", "úy": "uý", "ỏe": "oẻ"}
    lines = []
    while len(lines) < count:
        r = rng.random()
        if r < 0.30:
            name = [rng.choice(vi_surnames), rng.choice(vi_middles), rng.choice(vi_givens)]
            v = rng.random()
            if v < 0.1:
                name[0] = name[0].upper()
            elif v < 0.2:
                name = name[1:] + name[:1]
            text = " ".join(name)
            if rng.random() < 0.2:
                for a, b in oldstyle.items():
                    text = text.replace(a, b)
        elif r < 0.40:
            text = fold(" ".join([rng.choice(vi_surnames), rng.choice(vi_middles), rng.choice(vi_givens)]))
        elif r < 0.55:
            s = rng.choice(zh)[0]
            text = s + "".join(rng.choice(given_chars) for _ in range(rng.choice([1, 2, 2, 2])))
        elif r < 0.65:
            s = rng.choice(zh)[1]
            text = s + "".join(rng.choice(given_trad) for _ in range(rng.choice([1, 2, 2, 2])))
        elif r < 0.85:
            s, g = rng.choice(pinyin_surnames), rng.choice(pinyin_given)
            v = rng.random()
            if v < 0.4:
                text = f"{s} {g}"
            elif v < 0.6:
                text = f"{s.upper()} {g}"
            elif v < 0.75:
                text = f"{g} {s}"
            elif v < 0.9:
                text = f"{s} {g[:3]}-{g[3:].lower()}" if len(g) > 4 else f"{s} {g}"
            else:
                text = f"{s} {g}".lower()
        else:
            text = f"{rng.choice(western_given)} {rng.choice(western_surnames)}"
        if slice_range is None or slice_range[0] <= r < slice_range[1]:
            lines.append(text)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("\n".join(lines) + "\n")
    print(f"{count} names -> {os.path.relpath(out, ROOT)}")


if __name__ == "__main__":
    main()
