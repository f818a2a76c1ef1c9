#!/usr/bin/env python3
"""Generate Rules/zh/hangul-chinese.tsv (Hangul spelling of a Mandarin syllable -> pinyin syllable)
from Rules/zh/pinyin-syllables.txt and the rules of the Korean standard transcription of Chinese
(외래어 표기법, 중국어 표기) written below.

Usage: python3 scripts/rules/gen_zh_hangul.py   (stdlib only, deterministic)
"""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SYLLABLES = os.path.join(ROOT, "Rules", "zh", "pinyin-syllables.txt")
OUT = os.path.join(ROOT, "Rules", "zh", "hangul-chinese.tsv")
SCRIPT = "scripts/rules/gen_zh_hangul.py"

# Hangul jamo orders used by Unicode syllable composition (U+AC00 + (L*21 + V)*28 + T).
LEADS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
TAILS = ["", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ",
         "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"]

INITIALS = ["zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h",
            "j", "q", "x", "r", "z", "c", "s", "y", "w"]
# 성모 (initials) in the standard table: f is ㅍ, r is ㄹ, z c s are ㅉ ㅊ ㅆ, zh ch sh are ㅈ ㅊ ㅅ.
HANGUL_INITIAL = {"b": "ㅂ", "p": "ㅍ", "m": "ㅁ", "f": "ㅍ", "d": "ㄷ", "t": "ㅌ", "n": "ㄴ",
                  "l": "ㄹ", "g": "ㄱ", "k": "ㅋ", "h": "ㅎ", "j": "ㅈ", "q": "ㅊ", "x": "ㅅ",
                  "zh": "ㅈ", "ch": "ㅊ", "sh": "ㅅ", "r": "ㄹ", "z": "ㅉ", "c": "ㅊ", "s": "ㅆ"}
# 운모 (finals) as written after a consonant, spelled with the null initial ㅇ; the consonant
# replaces the ㅇ of the first syllable.
HANGUL_FINAL = {"a": "아", "o": "오", "e": "어", "ai": "아이", "ei": "에이", "ao": "아오", "ou": "어우",
                "an": "안", "en": "언", "ang": "앙", "eng": "엉", "ong": "웅",
                "i": "이", "ia": "야", "ie": "예", "iao": "야오", "iu": "유", "ian": "옌", "in": "인",
                "iang": "양", "ing": "잉", "iong": "융",
                "u": "우", "ua": "와", "uo": "워", "uai": "와이", "ui": "우이", "uan": "완", "un": "운",
                "uang": "왕",
                "v": "위", "ve": "웨", "van": "위안", "vn": "윈"}
# Syllables without an initial consonant (y- and w- are pinyin spelling devices).
ZERO = {"a": "아", "o": "오", "e": "어", "ai": "아이", "ei": "에이", "ao": "아오", "ou": "어우",
        "an": "안", "en": "언", "ang": "앙", "eng": "엉", "er": "얼",
        "yi": "이", "ya": "야", "yo": "요", "ye": "예", "yao": "야오", "you": "유", "yan": "옌",
        "yin": "인", "yang": "양", "ying": "잉", "yong": "융",
        "yu": "위", "yue": "웨", "yuan": "위안", "yun": "윈",
        "wu": "우", "wa": "와", "wo": "워", "wai": "와이", "wei": "웨이", "wan": "완", "wen": "원",
        "wang": "왕", "weng": "웡"}
PALATAL = {"j", "q", "x"}
# 세칙 제2항: after the consonants written ㅈ ㅉ ㅊ, the vowels ㅑ ㅖ ㅛ ㅠ are written ㅏ ㅔ ㅗ ㅜ.
AFFRICATES = {"ㅈ", "ㅉ", "ㅊ"}
UNGLIDE = {"ㅑ": "ㅏ", "ㅖ": "ㅔ", "ㅛ": "ㅗ", "ㅠ": "ㅜ"}


def decompose(syl):
    i = ord(syl) - 0xAC00
    return LEADS[i // 588], VOWELS[(i % 588) // 28], TAILS[i % 28]


def compose(lead, vowel, tail):
    return chr(0xAC00 + (LEADS.index(lead) * 21 + VOWELS.index(vowel)) * 28 + TAILS.index(tail))


def split(py):
    for ini in INITIALS:
        if py.startswith(ini) and len(py) > len(ini):
            return ini, py[len(ini):]
    return "", py


def hangul(py):
    """The standard Hangul spelling of a toneless pinyin syllable (ü as v)."""
    if py in ZERO:
        return ZERO[py]
    ini, fin = split(py)
    lead = HANGUL_INITIAL[ini]
    if fin == "i" and ini in ("zh", "ch", "sh", "r", "z", "c", "s"):
        return compose(lead, "ㅡ", "")  # 즈 츠 스 르 쯔 츠 쓰
    if ini in PALATAL:
        # pinyin drops the umlaut after j q x; the Hangul keeps it (쥐, 쉐, 취안, 쥔)
        fin = {"u": "v", "ue": "ve", "uan": "van", "un": "vn"}.get(fin, fin)
    spelled = HANGUL_FINAL[fin]
    first, rest = spelled[0], spelled[1:]
    _, vowel, tail = decompose(first)
    if lead in AFFRICATES:
        vowel = UNGLIDE.get(vowel, vowel)
    return compose(lead, vowel, tail) + rest


# Hangul spellings shared by several pinyin syllables: the reading to list first, chosen by how
# often the syllable occurs in Chinese personal names (surnames and given-name characters); the
# others follow in pinyin order.
PREFER = {
    "자": ["jia", "zha"],            # 家 佳 嘉 贾 before 查 扎
    "자오": ["zhao", "jiao"],        # 赵 昭 钊 before 焦 娇
    "장": ["zhang", "jiang"],        # 张 章 before 江 蒋 姜
    "주": ["zhu", "jiu"],            # 朱 祝 珠 before 九 久
    "중": ["zhong", "jiong"],
    "차": ["cha", "qia", "ca"],
    "차오": ["qiao", "chao", "cao"],  # 乔 巧 before 超 朝, 曹
    "창": ["qiang", "chang", "cang"],  # 强 (志强, 国强; Li Qiang 리창) before 常 昌 长, 仓
    "충": ["chong", "qiong", "cong"],
    "추": ["qiu", "chu", "cu"],       # 秋 邱 丘 before 楚 初
    "춘": ["chun", "cun"],
    "춰": ["chuo", "cuo"],
    "촨": ["chuan", "cuan"],
    "처": ["che", "ce"],
    "처우": ["chou", "cou"],
    "천": ["chen", "cen"],            # 陈 晨 before 岑
    "청": ["cheng", "ceng"],
    "츠": ["chi", "ci"],
    "찬": ["chan", "can"],
    "차이": ["cai", "chai"],          # 蔡 才 彩 before 柴
    "추이": ["cui", "chui"],          # 崔 翠 before 垂
    "란": ["lan", "ran"],            # 兰 岚 before 冉 然
    "랑": ["lang", "rang"],
    "라오": ["lao", "rao"],          # 劳 before 饶 (both surnames; close)
    "렁": ["leng", "reng"],
    "루": ["lu", "ru"],              # 卢 鲁 陆 路 before 如 茹
    "룬": ["lun", "run"],
    "룽": ["long", "rong"],          # 龙 before 荣 容 蓉
    "뤄": ["luo", "ruo"],            # 罗 洛 before 若
    "롼": ["ruan", "luan"],          # the surname 阮 before 栾
    "러": ["le", "re"],
    "러우": ["lou", "rou"],
    "파": ["fa", "pa"],
    "판": ["fan", "pan"],            # 范 樊 before 潘 盘
    "팡": ["fang", "pang"],          # 方 芳 before 庞
    "페이": ["fei", "pei"],          # 飞 菲 费 before 裴 培 沛
    "펀": ["fen", "pen"],
    "펑": ["feng", "peng"],          # 冯 峰 凤 before 彭 鹏
    "포": ["po", "fo"],
    "퍼우": ["fou", "pou"],
    "푸": ["fu", "pu"],              # 傅 富 福 before 蒲 朴
}


def main():
    sylls = [l.strip() for l in open(SYLLABLES, encoding="utf-8") if l.strip() and not l.startswith("#")]
    table = {}
    for py in sorted(sylls):
        table.setdefault(hangul(py), []).append(py)
    rows = []
    for sp in sorted(table):
        lst = table[sp]
        pref = PREFER.get(sp, [])
        lst = sorted(lst, key=lambda p: (pref.index(p) if p in pref else len(pref), p))
        rows += [f"{sp}\t{p}\n" for p in lst]
    unlisted = sorted(sp for sp, lst in table.items() if len(lst) > 1 and sp not in PREFER)
    header = f"""# hangul-chinese.tsv: Hangul spellings of Mandarin syllables -> pinyin syllables
# source: the Korean standard transcription of Chinese (외래어 표기법, 중국어 표기: the 주음 부호와
#   한글 대조표 and 세칙 제2항), applied to every syllable of pinyin-syllables.txt; checked by hand
#   against names (시진핑 Xi Jinping, 리커창 Li Keqiang, 마오쩌둥 Mao Zedong, 후진타오 Hu Jintao,
#   덩샤오핑 Deng Xiaoping, 원자바오 Wen Jiabao, 장쩌민 Jiang Zemin, 리창 Li Qiang, 왕이 Wang Yi)
# regenerate: python3 {SCRIPT}
# format: hangul TAB pinyin (toneless, ü as v)
# generated by {SCRIPT} from Rules/zh/pinyin-syllables.txt; do not edit
# Rules: b p m f = ㅂ ㅍ ㅁ ㅍ, d t n l = ㄷ ㅌ ㄴ ㄹ, g k h = ㄱ ㅋ ㅎ, j q x = ㅈ ㅊ ㅅ,
# zh ch sh r = ㅈ ㅊ ㅅ ㄹ, z c s = ㅉ ㅊ ㅆ; after ㅈ ㅉ ㅊ the vowels ㅑ ㅖ ㅛ ㅠ lose their glide
# (jia 자, jie 제, jian 젠, jiu 주; but xiao 샤오, xian 셴). No initial-sound rule (리, 류, 뤄).
# A syllable may be written as more than one Hangul syllable (xiao 샤오, quan 취안, gui 구이);
# Korean writes a whole Chinese name without spaces between the given name's syllables (시진핑),
# usually without a space after the surname either, so the engine must segment the whole string;
# prefer the longest spelling (후이 is hui, not hu + yi; 샤오 is xiao, not xia + o).
# Many spellings are shared (장 = zhang, jiang; 창 = qiang, chang, cang; 페이 = fei, pei): one row per
# reading, the reading most frequent in personal names first (a judgement, see PREFER in the script),
# the others in pinyin order.
"""
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "".join(rows))
    print(f"wrote Rules/zh/hangul-chinese.tsv: {len(rows)} rows, {len(table)} spellings")
    if unlisted:
        print("shared spellings without a preference:", " ".join(f"{sp}={'/'.join(table[sp])}" for sp in unlisted))


if __name__ == "__main__":
    main()
