#!/usr/bin/env python3
"""Generate Rules/vi/hanviet.tsv: Sino-Vietnamese (Han-Viet) readings per Han character.

Inputs (paths relative to the repository root; each may be given as an option):
  --mcpdict      ../shared/data/mcpdict.csv   per-character readings, column `vn` in Telex
  --zh-surnames  Rules/zh/surnames.tsv        Chinese surname table (optional; every Han
                                               character in it is required to have a reading)
  --jieba-dict   dict.txt of the PyPI package jieba 0.42.1 (found through the installed
                 package if not given; `pip install jieba==0.42.1`; dict.txt md5
                 897a1f17ca8c08caa37a36f92e2da441).  Only used to define the "3,500 most
                 common characters" coverage set and its statistics: the word frequencies
                 of dict.txt are summed per character, skipping single-character entries
                 tagged `zg` (that tag holds the file's mojibake junk such as 鐨 銆 鍏).
  --out          Rules/vi/hanviet.tsv

Also needs `uconv` (ICU command line, icu-devtools) for Simplified-Traditional.

What it does:
  * decodes each Telex reading (aa=â aw=ă ee=ê oo=ô ow=ơ uw=ư dd=đ; final s f r x j =
    sắc huyền hỏi ngã nặng) to NFC Vietnamese, placing the tone mark in the style that
    writes hòa, thủy, khỏe, quý (this project's "new" style, see Rules/vi/README.md);
    the source's i/y spelling is kept (李 lí);
  * keeps the source order (most common first), dropping duplicates;
  * a character whose `vn` is empty or missing takes the readings of its traditional form
    (ICU Simplified-Traditional, per character) when that form has readings;
  * prints coverage statistics to stderr and records them in the header.

Output is deterministic: rows sorted by code point, no timestamps.
The module also exports the orthography helpers (telex_to_vi, place_tone, strip_tone,
ascii_fold) used by the other gen_vi_* scripts.
"""
import argparse
import csv
import importlib.util
import os
import subprocess
import sys
import unicodedata

# ---------------------------------------------------------------- orthography

VOWELS = "aăâeêioôơuưy"
# combining tone marks: sắc, huyền, hỏi, ngã, nặng
TONE_MARKS = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
TONE_CHARS = set(TONE_MARKS.values())
ONSETS = sorted(
    ["b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng",
     "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"],
    key=len, reverse=True)
MODIFIED = "ăâêôơư"


def split_syllable(s):
    """Split a toneless lowercase syllable into (onset, vowels, coda)."""
    onset = ""
    for o in ONSETS:
        if s.startswith(o):
            rest = s[len(o):]
            if o == "gi" and not any(ch in VOWELS for ch in rest):
                # gì, gìn: g + i
                o = "g"
            elif o == "qu" and not rest:
                o = "q"
            onset = o
            break
    rest = s[len(onset):]
    i = 0
    while i < len(rest) and rest[i] in VOWELS:
        i += 1
    return onset, rest[:i], rest[i:]


def tone_index(vowels, coda, style="new"):
    """Index in `vowels` of the letter that carries the tone mark.

    style "new" (this project's name): hòa, khỏe, thủy; "old": hoà, khoẻ, thuỷ.
    """
    n = len(vowels)
    if n <= 1:
        return 0
    if "ơ" in vowels:                      # ươ, uơ, ươi, ươu -> on ơ
        return vowels.index("ơ")
    for i, ch in enumerate(vowels):        # ă â ê ô ư carry it
        if ch in MODIFIED:
            return i
    if coda:                               # hoàn, toán, hoạch, huýnh
        return n - 1
    if n == 3:                             # ngoài, xoáy, khuỷu, ngoẹo
        return 1
    if style == "old" and vowels in ("oa", "oe", "uy"):
        return 1
    return 0                               # hòa, khỏe, thủy, mía, múa, túi, cái


def place_tone(toneless, tone, style="new"):
    """Put combining tone `tone` (or '' for ngang) on a toneless syllable; returns NFC."""
    if not tone:
        return unicodedata.normalize("NFC", toneless)
    low = toneless.lower()
    onset, vowels, coda = split_syllable(low)
    if not vowels:
        raise ValueError("no vowel in %r" % toneless)
    pos = len(onset) + tone_index(vowels, coda, style)
    out = toneless[:pos + 1] + tone + toneless[pos + 1:]
    return unicodedata.normalize("NFC", out)


def strip_tone(word):
    """Return (toneless word NFC, combining tone mark or '')."""
    d = unicodedata.normalize("NFD", word)
    tone = ""
    kept = []
    for ch in d:
        if ch in TONE_CHARS:
            tone = ch
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def restyle(word, style="new"):
    """Move the tone mark of a Vietnamese syllable to where `style` puts it."""
    base, tone = strip_tone(word)
    return place_tone(base, tone, style) if tone else base


def telex_to_vi(t, style="new"):
    """Decode one Telex syllable (lowercase) to NFC Vietnamese."""
    t = t.strip().lower()
    tone = ""
    if t and t[-1] in TONE_MARKS:
        tone = TONE_MARKS[t[-1]]
        t = t[:-1]
    for a, b in (("dd", "đ"), ("uwow", "ươ"), ("uow", "ươ"), ("aa", "â"), ("aw", "ă"),
                 ("ee", "ê"), ("oo", "ô"), ("ow", "ơ"), ("uw", "ư")):
        t = t.replace(a, b)
    if "w" in t or not t:
        raise ValueError("cannot decode Telex %r" % t)
    return place_tone(t, tone, style)


def ascii_fold(s):
    """Lowercase ASCII without diacritics, đ -> d (no i/y folding)."""
    s = s.replace("đ", "d").replace("Đ", "D")
    d = unicodedata.normalize("NFD", s)
    return "".join(ch for ch in d if not unicodedata.combining(ch)).lower()


def fold_iy(word_ascii):
    """Key folding of i/y: a final i after h k l m s t v is written y (lí/lý -> ly)."""
    w = word_ascii
    if len(w) == 2 and w[0] in "hklmstv" and w[1] == "i":
        return w[0] + "y"
    return w


# ---------------------------------------------------------------- helpers

def is_han(ch):
    cp = ord(ch)
    return (0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF
            or 0x20000 <= cp <= 0x3FFFF)


def uconv_map(chars, transform):
    """Map each character through an ICU transform, one character per line."""
    chars = sorted(set(chars))
    if not chars:
        return {}
    res = subprocess.run(["uconv", "-f", "utf-8", "-t", "utf-8", "-x", transform],
                         input="\n".join(chars) + "\n", capture_output=True, text=True,
                         check=True)
    out = res.stdout.split("\n")
    return {c: out[i] for i, c in enumerate(chars)}


# common Chinese surnames (both forms are added through ICU); used in addition to the
# Chinese surname table when present so that the coverage set never shrinks
BUILTIN_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章"
    "鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉"
    "骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄"
    "丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼"
    "盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云"
    "容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉"
    "银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
    "司马上官欧阳夏侯诸葛东方皇甫尉迟公孙慕容长孙宇文司徒轩辕令狐钟离端木")


def read_surnames(path):
    chars = set()
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                # columns 1-2 = simplified, traditional forms (Rules/zh/surnames.tsv format);
                # later columns are readings, ranks and notes, which may cite other characters
                cols = line.rstrip("\n").split("\t")
                chars.update(ch for col in cols[:2] for ch in col if is_han(ch))
    return chars


def jieba_char_freq(path):
    freq = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            word, n = parts[0], int(parts[1])
            if len(word) == 1 and len(parts) > 2 and parts[2] == "zg":
                # single-character "zg" entries include mojibake junk (鐨 銆 鍏 ...)
                continue
            for ch in word:
                if is_han(ch):
                    freq[ch] = freq.get(ch, 0) + n
    return freq


def find_jieba_dict():
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        return None
    p = os.path.join(os.path.dirname(spec.origin), "dict.txt")
    return p if os.path.exists(p) else None


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mcpdict", default="../shared/data/mcpdict.csv")
    ap.add_argument("--zh-surnames", default="Rules/zh/surnames.tsv")
    ap.add_argument("--jieba-dict", default=None)
    ap.add_argument("--top", type=int, default=3500)
    ap.add_argument("--out", default="Rules/vi/hanviet.tsv")
    args = ap.parse_args()

    readings = {}   # char -> list of readings (own row)
    with open(args.mcpdict, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            ch = row["character"]
            out = []
            for t in row["vn"].split(","):
                t = t.strip()
                if not t:
                    continue
                v = telex_to_vi(t)
                if v not in out:
                    out.append(v)
            readings[ch] = out

    jpath = args.jieba_dict or find_jieba_dict()
    if not jpath:
        sys.exit("jieba dict.txt not found: pip install jieba==0.42.1 or pass --jieba-dict")
    freq = jieba_char_freq(jpath)
    top = sorted(freq, key=lambda c: (-freq[c], ord(c)))[:args.top]

    zh_sur = read_surnames(args.zh_surnames)
    builtin = set(ch for ch in BUILTIN_SURNAMES if is_han(ch))
    s2t = uconv_map(set(readings) | set(top) | zh_sur | builtin, "Simplified-Traditional")
    trad_of = {c: t for c, t in s2t.items() if len(t) == 1 and t != c}
    top_trad = set(trad_of.get(c, c) for c in top) - set(top)
    surnames = zh_sur | builtin
    surnames |= set(trad_of.get(c, c) for c in surnames)

    final = {}
    borrowed = {}
    for ch in sorted(set(readings) | set(top) | surnames | top_trad, key=ord):
        own = readings.get(ch, [])
        if own:
            final[ch] = own
            continue
        t = trad_of.get(ch)
        if t and readings.get(t):
            final[ch] = readings[t]
            borrowed[ch] = t

    def cov(chars):
        chars = set(chars)
        have = sorted((c for c in chars if c in final), key=ord)
        miss = sorted((c for c in chars if c not in final), key=ord)
        return len(chars), len(have), miss

    stats = [
        ("top %d characters by jieba frequency" % args.top, cov(top)),
        ("their traditional forms (ICU) not already in that set", cov(top_trad)),
        ("surname characters, both forms (%s + built-in list)" %
         ("Rules/zh/surnames.tsv" if zh_sur else "no Rules/zh/surnames.tsv found"),
         cov(surnames)),
    ]
    nread = sum(len(v) for v in final.values())
    lines = [
        "# hanviet.tsv: Sino-Vietnamese (Hán-Việt) readings of Han characters, most common first",
        "# source: MCPDict character-reading table (mcpdict.csv from hltcoe/mingpipe, column vn, Telex);",
        "#   ICU 72 Simplified-Traditional (uconv) for simplified characters without a reading;",
        "#   \"most common characters\" = the %d characters with the highest summed word frequency" % args.top,
        "#   in dict.txt of the PyPI package jieba 0.42.1, word frequencies summed per character,",
        "#   single-character entries tagged zg skipped (they hold mojibake junk); coverage check only",
        "# regenerate: python3 scripts/rules/gen_vi_hanviet.py",
        "# generated by scripts/rules/gen_vi_hanviet.py from mcpdict.csv, jieba 0.42.1 dict.txt, Rules/zh/surnames.tsv; do not edit",
        "# format: char TAB readings (comma-separated, NFC, tone mark style hòa/thủy/khỏe/quý, source i/y spelling kept)",
        "# person-name preferences live in hanviet-overrides.tsv, which takes precedence",
        "# counts: %d characters, %d readings; %d characters took their traditional form's readings" %
        (len(final), nread, len(borrowed)),
    ]
    for label, (n, h, miss) in stats:
        lines.append("# coverage: %s: %d/%d have a reading" % (label, h, n))
        lines.append("#   without a reading: %s" % (" ".join(miss) if miss else "(none)"))
        print("coverage: %s: %d/%d (%.2f%%); missing: %s" %
              (label, h, n, 100.0 * h / max(n, 1), "".join(miss) or "-"), file=sys.stderr)
    print("characters: %d, readings: %d, borrowed from traditional: %d" %
          (len(final), nread, len(borrowed)), file=sys.stderr)
    for ch in sorted(final, key=ord):
        lines.append("%s\t%s" % (ch, ",".join(final[ch])))
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
