#!/usr/bin/env python3
"""Generate Rules/zh/palladius.tsv (Russian Palladius Cyrillic spelling -> pinyin syllable) from
Rules/zh/pinyin-syllables.txt and the Palladius transcription rules written below.

Usage: python3 scripts/rules/gen_zh_palladius.py   (stdlib only, deterministic)
"""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SYLLABLES = os.path.join(ROOT, "Rules", "zh", "pinyin-syllables.txt")
OUT = os.path.join(ROOT, "Rules", "zh", "palladius.tsv")
SCRIPT = "scripts/rules/gen_zh_palladius.py"

# Longest first so that zh/ch/sh win over z/c/s.
INITIALS = ["zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h",
            "j", "q", "x", "r", "z", "c", "s", "y", "w"]
CYR_INITIAL = {"b": "б", "p": "п", "m": "м", "f": "ф", "d": "д", "t": "т", "n": "н", "l": "л",
               "g": "г", "k": "к", "h": "х", "j": "цз", "q": "ц", "x": "с", "zh": "чж",
               "ch": "ч", "sh": "ш", "r": "ж", "z": "цз", "c": "ц", "s": "с", "": ""}
# Finals after a consonant. The final -n is written -нь and -ng is written -н.
CYR_FINAL = {"a": "а", "ai": "ай", "an": "ань", "ang": "ан", "ao": "ао",
             "e": "э", "ei": "эй", "en": "энь", "eng": "эн", "er": "эр", "o": "о", "ou": "оу",
             "ong": "ун", "i": "и", "ia": "я", "iao": "яо", "ie": "е", "iu": "ю", "ian": "янь",
             "in": "инь", "iang": "ян", "ing": "ин", "iong": "юн",
             "u": "у", "ua": "уа", "uo": "о", "uai": "уай", "ui": "уй", "uan": "уань",
             "un": "унь", "uang": "уан",
             "v": "юй", "ve": "юэ", "van": "юань", "vn": "юнь"}
# Syllables with no initial consonant, and y-/w- syllables (pinyin's y and w are spelling devices).
ZERO = {"a": "а", "ai": "ай", "an": "ань", "ang": "ан", "ao": "ао", "e": "э", "ei": "эй",
        "en": "энь", "eng": "эн", "er": "эр", "o": "о", "ou": "оу",
        "yi": "и", "ya": "я", "yo": "ё", "ye": "е", "yao": "яо", "you": "ю", "yan": "янь",
        "yin": "инь", "yang": "ян", "ying": "ин", "yong": "юн",
        "yu": "юй", "yue": "юэ", "yuan": "юань", "yun": "юнь",
        "wu": "у", "wa": "ва", "wo": "во", "wai": "вай", "wei": "вэй", "wan": "вань",
        "wen": "вэнь", "wang": "ван", "weng": "вэн"}
PALATAL = {"j", "q", "x"}
RETROFLEX = {"zh", "ch", "sh", "r"}
DENTAL = {"z", "c", "s"}
CONSONANTS = set("бпмфдтнлгкхцзсчжш")


def split(py):
    for ini in INITIALS:
        if py.startswith(ini) and len(py) > len(ini):
            return ini, py[len(ini):]
    return "", py


def palladius(py):
    """The standard Palladius spelling of a toneless pinyin syllable (ü as v), lowercase."""
    if py in ZERO:
        return ZERO[py]
    if py == "hui":
        return "хуэй"  # the one exception to -уй in the system (хуэй, not хуй)
    ini, fin = split(py)
    if ini in PALATAL:
        # pinyin drops the umlaut after j q x; the Cyrillic keeps it (цзюй, сюэ, цюань, цзюнь)
        fin = {"u": "v", "ue": "ve", "uan": "van", "un": "vn"}.get(fin, fin)
    if fin == "i" and ini in RETROFLEX:
        return CYR_INITIAL[ini] + "и"  # чжи, чи, ши, жи
    if fin == "i" and ini in DENTAL:
        return CYR_INITIAL[ini] + "ы"  # цзы, цы, сы
    return CYR_INITIAL[ini] + CYR_FINAL[fin]


def variants(cyr):
    """Other spellings Russian texts use for the same syllable."""
    out = []
    # э written е after a consonant or inside the syllable: Мао Цзедун, Ден Сяопин, Чен, юе
    if "э" in cyr[1:]:
        out.append(cyr[0] + cyr[1:].replace("э", "е"))
    # ё written е, as most Russian print does
    if "ё" in cyr:
        out.append(cyr.replace("ё", "е"))
    return out


def main():
    sylls = [l.strip() for l in open(SYLLABLES, encoding="utf-8") if l.strip() and not l.startswith("#")]
    order = {p: i for i, p in enumerate(sorted(sylls))}
    table = {}  # spelling -> list of (rank, order, pinyin); rank 0 standard, 1 variant

    def add(spelling, py, rank):
        lst = table.setdefault(spelling, [])
        if all(p != py for _, _, p in lst):
            lst.append((rank, order[py], py))

    for py in sylls:
        cyr = palladius(py)
        assert all("а" <= ch <= "я" or ch == "ё" for ch in cyr), (py, cyr)
        add(cyr, py, 0)
    for py in sylls:
        for v in variants(palladius(py)):
            add(v, py, 1)
    # Both standard for ло: luo (罗, 骆, 洛) is common in names, lo is an interjection.
    prefer = {"ло": "luo"}
    rows = []
    for sp in sorted(table):
        lst = sorted(table[sp], key=lambda t: (t[2] != prefer.get(sp), t[0], t[1]))
        rows += [f"{sp}\t{p}\n" for _, _, p in lst]
    header = f"""# palladius.tsv: Russian (Palladius system) Cyrillic syllable spellings -> pinyin syllables
# source: the Palladius (Палладий Кафаров) Cyrillic transcription of Mandarin as Russian texts and the
#   Russian press use it, applied to every syllable of pinyin-syllables.txt; checked by hand against
#   well-known names (Си Цзиньпин, Мао Цзэдун, Чжоу Эньлай, Дэн Сяопин, Ху Цзиньтао, Ли Кэцян, Ван И)
# regenerate: python3 {SCRIPT}
# format: cyrillic TAB pinyin (toneless, ü as v)
# generated by {SCRIPT} from Rules/zh/pinyin-syllables.txt; do not edit
# Lowercase Cyrillic; one row per reading. Final -n is -нь, final -ng is -н (цзинь jin, цзин jing);
# j/z are цз, q/c are ц, x/s are с, zh is чж, r is ж; zi ci si are цзы цы сы; hui is хуэй.
# Names: the surname is one word, the given name's syllables are written together as one word with
# one capital letter: Си Цзиньпин = си + цзинь + пин, Чжоу Эньлай = чжоу + энь + лай. The soft sign
# of -нь is kept inside the joined word, so it also marks a syllable boundary before a vowel
# (Яньань = янь + ань, but Янань = ян + ань or я + нань). Older (Soviet-era) texts hyphenate the
# given name (Мао Цзэ-дун); both forms must be segmented by the engine, fewest syllables first.
# A vowel-initial syllable after -н is not marked, so ties remain (Хунин = ху + нин or хун + ин):
# prefer the split whose later syllables begin with a consonant, as pinyin does without an apostrophe.
# Variants Russian texts use are listed after the standard reading: е for э after a consonant or
# inside a syllable (Мао Цзедун, Ден Сяопин, Чен, юе) and е for ё. Where a variant collides with a
# standard spelling the standard reading comes first (цзе = jie before ze, се = xie before se,
# де = die before de): so Цзедун needs the engine to try the later rows when segmentation fails or
# a name table says so. ло is luo before lo (both standard).
"""
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "".join(rows))
    print(f"wrote Rules/zh/palladius.tsv: {len(rows)} rows, {len(table)} spellings")


if __name__ == "__main__":
    main()
