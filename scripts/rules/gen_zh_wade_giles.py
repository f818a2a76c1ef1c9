#!/usr/bin/env python3
"""Generate Rules/zh/wade-giles.tsv (Wade-Giles spelling -> pinyin syllable) from
Rules/zh/pinyin-syllables.txt and the Wade-Giles spelling rules written below.

Usage: python3 scripts/rules/gen_zh_wade_giles.py   (stdlib only, deterministic)
"""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SYLLABLES = os.path.join(ROOT, "Rules", "zh", "pinyin-syllables.txt")
OUT = os.path.join(ROOT, "Rules", "zh", "wade-giles.tsv")
SCRIPT = "scripts/rules/gen_zh_wade_giles.py"

# Longest first so that zh/ch/sh win over z/c/s.
INITIALS = ["zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h",
            "j", "q", "x", "r", "z", "c", "s", "y", "w"]
WG_INITIAL = {"b": "p", "p": "p'", "m": "m", "f": "f", "d": "t", "t": "t'", "n": "n", "l": "l",
              "g": "k", "k": "k'", "h": "h", "j": "ch", "q": "ch'", "x": "hs", "zh": "ch",
              "ch": "ch'", "sh": "sh", "r": "j", "z": "ts", "c": "ts'", "s": "s", "": ""}
# Finals whose spelling does not depend on the initial.
WG_FINAL = {"a": "a", "ai": "ai", "an": "an", "ang": "ang", "ao": "ao", "ei": "ei", "en": "en",
            "eng": "eng", "ou": "ou", "o": "o", "ia": "ia", "iao": "iao", "ie": "ieh", "iu": "iu",
            "ian": "ien", "in": "in", "iang": "iang", "ing": "ing", "iong": "iung", "ong": "ung",
            "ua": "ua", "uai": "uai", "uan": "uan", "uang": "uang", "un": "un", "v": "ü",
            "ve": "üeh", "u": "u", "ui": "ui", "uo": "uo", "ue": "ueh", "i": "i", "e": "e"}
PALATAL = {"j", "q", "x"}
RETROFLEX = {"zh", "ch", "sh", "r"}
DENTAL = {"z", "c", "s"}
VELAR = {"g", "k", "h"}


def split(py):
    for ini in INITIALS:
        if py.startswith(ini) and len(py) > len(ini):
            return ini, py[len(ini):]
    return "", py


def wade_giles(py):
    """The standard Wade-Giles spelling of a toneless pinyin syllable (ü as v), written with
    ASCII apostrophes, ü, and without the breve (ŭ) and circumflex (ê)."""
    special = {"er": "erh", "e": "o", "yi": "i", "you": "yu", "yu": "yü", "yue": "yüeh",
               "yuan": "yüan", "yun": "yün", "ye": "yeh", "yan": "yen", "yong": "yung",
               "zi": "tzu", "ci": "tz'u", "si": "ssu", "shuo": "shuo",
               "guo": "kuo", "kuo": "k'uo", "huo": "huo"}
    if py in special:
        return special[py]
    ini, fin = split(py)
    if ini in ("y", "w"):
        return py  # ya, yao, yang, yin, ying, yo, wa, wo, wei, wen, weng, ...
    if ini in PALATAL:
        # pinyin drops the umlaut after j q x; Wade-Giles keeps it
        fin = {"u": "v", "ue": "ve", "uan": "van", "un": "vn"}.get(fin, fin)
        wfin = {"v": "ü", "ve": "üeh", "van": "üan", "vn": "ün"}.get(fin) or WG_FINAL[fin]
        return WG_INITIAL[ini] + wfin
    if fin == "i" and ini in RETROFLEX:
        return WG_INITIAL[ini] + "ih"
    if fin == "e" and ini in VELAR:
        return WG_INITIAL[ini] + "o"  # ge ko, ke k'o, he ho
    if fin == "uo" and ini not in VELAR:
        return WG_INITIAL[ini] + "o"  # duo to, luo lo, zuo tso, zhuo cho, ruo jo
    if fin == "ui":
        return WG_INITIAL[ini] + ("uei" if ini in ("g", "k") else "ui")
    return WG_INITIAL[ini] + WG_FINAL[fin]


def variants(py, wg):
    """Other spellings real texts use for the same syllable, with a rank (lower = better)."""
    out = []
    if py in ("zi", "ci"):
        out.append(wg[:-1] + "ŭ")
    if py == "si":
        out += ["szu", "ssŭ", "szŭ"]
    if py == "yi":
        out.append("yi")
    if py == "e":
        out += ["ê", "e"]
    # circumflex: ê in e (after non-velars), en, eng, erh -- not in ieh, üeh, ei, ien
    ini, fin = split(py)
    if py == "er":
        out.append("êrh")
    elif fin in ("en", "eng") and ini not in ("y", "w") or (fin == "e" and ini and ini not in VELAR):
        base = wg[: len(wg) - len(fin)] if fin != "e" else wg[:-1]
        out.append(base + "ê" + fin[1:])
    elif py in ("en", "eng"):
        out.append("ê" + py[1:])
    return out


def main():
    sylls = [l.strip() for l in open(SYLLABLES, encoding="utf-8") if l.strip() and not l.startswith("#")]
    # spelling -> list of (rank, order, pinyin); rank 0 = the standard spelling, 1 = a spelling
    # variant, 2 = the standard spelling with ü written u (an ambiguity real texts create)
    table = {}
    order = {p: i for i, p in enumerate(sorted(sylls))}

    def add(spelling, py, rank):
        lst = table.setdefault(spelling, [])
        if all(p != py for _, _, p in lst):
            lst.append((rank, order[py], py))

    for py in sylls:
        wg = wade_giles(py)
        add(wg, py, 0)
        for v in variants(py, wg):
            add(v, py, 1)
    for py in sylls:
        for sp in [wade_giles(py)] + variants(py, wade_giles(py)):
            if "ü" in sp:
                add(sp.replace("ü", "u"), py, 2)
    # Both standard: o is e (鹅) far more often than the interjection o; lo is luo (罗) more than lo.
    prefer = {"o": "e", "lo": "luo"}
    rows = []
    for sp in sorted(table):
        lst = sorted(table[sp], key=lambda t: (t[2] != prefer.get(sp), t[0], t[1]))
        rows += [f"{sp}\t{p}\n" for _, _, p in lst]
    header = f"""# wade-giles.tsv: Wade-Giles syllable spellings -> pinyin syllables
# source: the Wade-Giles romanization rules (Wade 1867, Giles 1892), applied to every syllable of pinyin-syllables.txt
# regenerate: python3 {SCRIPT}
# format: wade-giles TAB pinyin (toneless, ü as v)
# generated by {SCRIPT} from Rules/zh/pinyin-syllables.txt; do not edit
# Lowercase; aspiration written with an ASCII apostrophe (p' t' k' ch' ts' tz'); ü written ü.
# Also listed: spellings real texts use -- ŭ (tzŭ, ssŭ), szu, ê (têng, shên), yi for i -- and the
# standard spelling with ü written u (hsu, yu, chu, lu): one row per reading. When a spelling has more
# than one reading, the reading of the standard spelling comes first (yu = you before yu, chu = zhu
# before ju), except o (e before o) and lo (luo before lo).
# Apostrophe-less input is ambiguous and is NOT listed here (ping = bing, p'ing = ping; chang = zhang,
# ch'ang = chang): the engine tries the aspirated reading of an apostrophe-less syllable itself.
"""
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "".join(rows))
    print(f"wrote Rules/zh/wade-giles.tsv: {len(rows)} rows, {len(table)} spellings")


if __name__ == "__main__":
    main()
