#!/usr/bin/env python3
"""Generates the scale-out benchmark's inputs: a registry export of about NAMES names and a
stream of MENTIONS mentions to resolve against it.

    python3 make_scaleout_corpus.py NAMES MENTIONS OUTDIR

Writes OUTDIR/registry.jsonl (as `namecanon registry export` writes it: one entity a line,
sorted by ID) and OUTDIR/mentions.txt (one name a line). Deterministic for given arguments.
The people are invented: Chinese names from common surnames and given-name syllables (a pinyin
primary name and, for half of them, an upper-case press alias), Vietnamese names from common
family, middle and given names with diacritics. The mentions are 60% known people written
another way (diacritics dropped, upper case, surname last), 20% exact repeats and 20% new people,
so a `resolve --create` run reads, learns and creates.
"""
import json
import random
import sys
import unicodedata

ZH_SURNAMES = "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Lu".split()
ZH_GIVEN = ("wei fang na min jing li qiang lei jun yang yong yan jie tao ming chao xiu xia ping gang gui ying hua yu lan "
            "hong e ling fen yan bin peng hui kai jian jun fan shuai xu ning liang fei xin hao zhi tian dong bo cheng "
            "rui jia wen hai guo zhong an kang le").split()
VI_FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trương Lưu Mai".split()
VI_MIDDLE = "Văn Thị Hữu Đức Minh Quốc Thanh Ngọc Xuân Công Đình Hoài Kim Thu Gia Bảo".split()
VI_GIVEN = ("Hùng Dũng Tuấn Long Nam Hải Sơn Trung Phong Quang Thắng Bình An Hòa Lan Hương Hà Mai Linh Trang "
            "Thảo Ngân Phương Yến Vy Nhung Khoa Khánh Cường Hiếu Lộc Phúc Tài Thành Tâm Tùng Vinh Việt").split()

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def ascii_fold(text):
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def person(rng, i):
    """One invented person: (display, lang, [forms])."""
    if i % 2 == 0:
        given = rng.choice(ZH_GIVEN) + rng.choice(ZH_GIVEN)
        name = f"{rng.choice(ZH_SURNAMES)} {given.capitalize()}"
        return name, "zh", [name]
    name = f"{rng.choice(VI_FAMILY)} {rng.choice(VI_MIDDLE)} {rng.choice(VI_GIVEN)}"
    return name, "vi", [name]


def main():
    names, mentions, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = random.Random(20261202)
    people, seen, count = [], set(), 0
    # Invented names repeat; a repeated name is one person, so draw until enough are distinct.
    # (The count is kept as it grows: summing the list on every draw made 1M names quadratic.)
    while count < names:
        display, lang, forms = person(rng, len(people) + rng.randrange(2))
        if display in seen:
            # Make it distinct the way real registries do: another given name.
            display = display + " " + rng.choice(ZH_GIVEN).capitalize() if lang == "zh" else display + " " + rng.choice(VI_GIVEN)
            if display in seen:
                continue
            forms = [display]
        seen.add(display)
        if lang == "zh" and rng.random() < 0.5:
            forms = forms + [display.upper()]
        people.append((display, lang, forms))
        count += len(forms)
    ids = set()
    lines = []
    for display, lang, forms in people:
        while True:
            pid = "p" + "".join(rng.choice(ALPHABET) for _ in range(10))
            if pid not in ids:
                ids.add(pid)
                break
        entity = {"display": display, "id": pid, "names": [
            {"kind": "primary" if k == 0 else "alias", "lang": lang, "script": "Latn", "source": "bench", "text": f}
            for k, f in enumerate(forms)]}
        lines.append((pid, json.dumps(entity, ensure_ascii=False, sort_keys=True, separators=(",", ":"))))
    lines.sort()
    with open(f"{out}/registry.jsonl", "w", encoding="utf-8") as f:
        for _, line in lines:
            f.write(line + "\n")
    with open(f"{out}/mentions.txt", "w", encoding="utf-8") as f:
        for m in range(mentions):
            roll = rng.random()
            display, lang, forms = rng.choice(people)
            if roll < 0.2:
                f.write(rng.choice(forms) + "\n")
            elif roll < 0.8:
                variant = rng.randrange(3)
                if variant == 0:
                    f.write(ascii_fold(display) + "\n")
                elif variant == 1:
                    f.write(display.upper() + "\n")
                else:
                    parts = display.split(" ")
                    f.write(" ".join(parts[1:] + parts[:1]) + "\n" if lang == "zh" else ascii_fold(display).upper() + "\n")
            else:
                new = person(rng, m)[0]
                f.write(f"{new} {rng.choice(VI_GIVEN if ' ' in new and new.split()[0] in VI_FAMILY else ZH_GIVEN).capitalize()}\n")
    print(f"{len(people)} people, {sum(len(p[2]) for p in people)} names, {mentions} mentions", file=sys.stderr)


if __name__ == "__main__":
    main()
