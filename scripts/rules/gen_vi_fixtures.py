#!/usr/bin/env python3
"""Write Fixtures/normalize/vi.tsv and Fixtures/transliterate/vi.tsv from the hand-written cases below.

The facts (people, name parts, Han forms, expected readings) are written by hand in this file;
the script only spells out the mechanical variants that are error-prone to type: bare ASCII,
NFD bytes, Windows-1252 mojibake (including C1 controls for the five bytes cp1252 leaves
undefined), old/new tone style, Western order.  Han-Viet expectations are written by hand
(HAN list) and checked here against Rules/vi/hanviet.tsv + hanviet-overrides.tsv, so a table
change that breaks a name fails loudly.

Usage (from the repository root): python3 scripts/rules/gen_vi_fixtures.py
Deterministic output; stdlib only.
"""
import os
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_vi_hanviet import ascii_fold, fold_iy, restyle  # noqa: E402

NFC = lambda s: unicodedata.normalize("NFC", s)  # noqa: E731
NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731

# (surname, middles, given, comment).  Real people unless the comment says otherwise.
# SEED = the people of the 2023-12-13 wire story.
SEED = [
    ("Nguyễn", ["Phú"], "Trọng", "General Secretary of the Communist Party of Vietnam"),
    ("Vương", ["Đình"], "Huệ", "Chairman of the National Assembly"),
    ("Phạm", ["Minh"], "Chính", "Prime Minister"),
    ("Võ", ["Văn"], "Thưởng", "President"),
    ("Nguyễn", ["Khắc"], "Giang", "analyst, ISEAS-Yusof Ishak Institute"),
]
PEOPLE = [
    ("Hồ", ["Chí"], "Minh", "president; a chosen name, parsed like any other"),
    ("Võ", ["Nguyên"], "Giáp", "general"),
    ("Phạm", ["Văn"], "Đồng", "prime minister"),
    ("Lê", [], "Duẩn", "general secretary; no middle name"),
    ("Tôn", ["Đức"], "Thắng", "president"),
    ("Nguyễn", ["Văn"], "Linh", "general secretary"),
    ("Đỗ", [], "Mười", "general secretary; no middle name"),
    ("Lê", ["Khả"], "Phiêu", "general secretary"),
    ("Nông", ["Đức"], "Mạnh", "general secretary"),
    ("Nguyễn", ["Minh"], "Triết", "president"),
    ("Trương", ["Tấn"], "Sang", "president"),
    ("Trần", ["Đại"], "Quang", "president"),
    ("Nguyễn", ["Xuân"], "Phúc", "president"),
    ("Nguyễn", ["Tấn"], "Dũng", "prime minister"),
    ("Phan", ["Văn"], "Khải", "prime minister"),
    ("Võ", ["Văn"], "Kiệt", "prime minister"),
    ("Nguyễn", ["Thị", "Kim"], "Ngân", "National Assembly chairwoman; two middle names"),
    ("Tô", [], "Lâm", "general secretary; no middle name"),
    ("Lương", [], "Cường", "president; no middle name"),
    ("Trần", ["Thanh"], "Mẫn", "National Assembly chairman"),
    ("Vũ", ["Đức"], "Đam", "deputy prime minister"),
    ("Phạm", ["Bình"], "Minh", "deputy prime minister"),
    ("Bùi", ["Thanh"], "Sơn", "foreign minister"),
    ("Nguyễn", ["Thị"], "Bình", "vice president, Paris Peace Accords signatory"),
    ("Đặng", ["Thị", "Ngọc"], "Thịnh", "vice president"),
    ("Võ", ["Thị", "Ánh"], "Xuân", "vice president"),
    ("Ngô", ["Đình"], "Diệm", "president of South Vietnam"),
    ("Nguyễn", ["Văn"], "Thiệu", "president of South Vietnam"),
    ("Dương", ["Văn"], "Minh", "president of South Vietnam"),
    ("Lê", ["Đức"], "Thọ", "negotiator"),
    ("Nguyễn", ["Cơ"], "Thạch", "foreign minister"),
    ("Huỳnh", ["Tấn"], "Phát", "Southern spelling of Hoàng"),
    ("Huỳnh", ["Thúc"], "Kháng", "scholar, politician"),
    ("Phan", ["Bội"], "Châu", "scholar"),
    ("Phan", ["Châu"], "Trinh", "scholar"),
    ("Nguyễn", [], "Trãi", "scholar; no middle name"),
    ("Nguyễn", [], "Du", "poet; no middle name"),
    ("Hồ", ["Xuân"], "Hương", "poet"),
    ("Nguyễn", ["Đình"], "Chiểu", "poet"),
    ("Đoàn", ["Thị"], "Điểm", "poet"),
    ("Trịnh", ["Công"], "Sơn", "songwriter"),
    ("Ngô", ["Bảo"], "Châu", "mathematician"),
    ("Đặng", ["Thái"], "Sơn", "pianist"),
    ("Phạm", ["Nhật"], "Vượng", "businessman"),
    ("Nguyễn", ["Quang"], "Hải", "footballer"),
    ("Đặng", ["Văn"], "Lâm", "footballer"),
    ("Lê", ["Công"], "Vinh", "footballer"),
    ("Hoàng", ["Xuân"], "Vinh", "shooter"),
    ("Nguyễn", ["Thị", "Ánh"], "Viên", "swimmer; two middle names"),
    ("Võ", ["Thị"], "Sáu", "revolutionary"),
    ("Nguyễn", ["Văn"], "Trỗi", "revolutionary"),
    ("Nguyễn", ["Thị"], "Định", "general"),
    ("Trương", ["Thị"], "Mai", "politician"),
    ("Phan", ["Văn"], "Giang", "defence minister"),
    ("Đinh", ["Tiến"], "Dũng", "politician"),
    ("Trần", ["Hồng"], "Hà", "deputy prime minister"),
    ("Lê", ["Minh"], "Khái", "deputy prime minister"),
    ("Huỳnh", ["Thành"], "Đạt", "minister"),
    ("Đinh", ["Thế"], "Huynh", "politician"),
    ("Bùi", ["Văn"], "Cường", "politician"),
]
# ordinary names (not public figures): the parse follows the tables
ORDINARY = [
    ("Trần", ["Văn"], "Nam", ""), ("Lê", ["Thị"], "Lan", ""), ("Phạm", ["Văn"], "Hùng", ""),
    ("Hoàng", ["Thị"], "Hương", ""), ("Huỳnh", ["Văn"], "Dũng", ""), ("Phan", ["Thị", "Thu"], "Hà", ""),
    ("Đặng", ["Văn"], "Tuấn", ""), ("Bùi", ["Thị"], "Mai", ""), ("Đỗ", ["Văn"], "Cường", ""),
    ("Dương", ["Thị"], "Yến", ""), ("Trịnh", ["Văn"], "Long", ""), ("Đào", ["Thị"], "Nhung", ""),
]

SURNAMES_ASCII = set()
SURNAMES_DIA = set()
GIVEN_ASCII = set()


def load_tables():
    for line in open("Rules/vi/surnames.tsv", encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        SURNAMES_ASCII.add(line.split("\t")[1])
        SURNAMES_DIA.add(line.split("\t")[0])
    for line in open("Rules/vi/given-names.tsv", encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        GIVEN_ASCII.add(line.split("\t")[1])


def words(p):
    s, m, g, _ = p
    return s.split() + m + [g]


def full(p):
    return " ".join(words(p))


def asc_word(w):
    a = ascii_fold(w)
    return a[:1].upper() + a[1:]


def asc(text):
    return " ".join(asc_word(w) for w in text.split())


def key_of(text):
    return " ".join(fold_iy(ascii_fold(w)) for w in text.split())


def mojibake(s):
    """UTF-8 bytes read as Windows-1252; the 5 undefined bytes become C1 controls (Latin-1)."""
    out = []
    for b in s.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def latin1_mojibake(s):
    return s.encode("utf-8").decode("latin-1")


CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def has_undefined(s):
    return any(b in CP1252_UNDEFINED for b in s.encode("utf-8"))


def row(inp, *exp, opts=()):
    return "\t".join([inp] + list(opts) + [e for e in exp if e is not None])


def full_exp(p, display=None, title=""):
    s, m, g, _ = p
    d = display or full(p)
    return ["display=" + d, "latin=" + d, "key=" + key_of(full(p)), "surname=" + s,
            "middle=" + " ".join(m), "given=" + g, "reference=" + g, "title=" + title,
            "language=vi", "order=surname-first", "script=Latn"]


def ascii_exp(p, title=None):
    s, m, g, _ = p
    e = ["display=" + asc(full(p)), "key=" + key_of(full(p)), "surname=" + asc(s),
         "middle=" + asc(" ".join(m)), "given=" + asc(g), "reference=" + asc(g), "language=vi"]
    if title is not None:
        e.append("title=" + title)
    return e


def person_block(p, out, rich=False, hanviet_key=False):
    s, m, g, note = p
    f = full(p)
    a = asc(f)
    k = key_of(f)
    out.append("# %s (%s)" % (f, note) if note else "# " + f)
    extra = ["keys.hanviet=" + k] if hanviet_key else []
    out.append(row(f, *(full_exp(p) + extra)))
    out.append(row(a, *(ascii_exp(p) + ["order=surname-first"] + extra)))
    out.append(row(NFD(f), "display=" + f, "key=" + k, "given=" + g))
    mj = mojibake(f)
    if mj != f:
        if has_undefined(f):
            out.append("# mojibake with C1 controls: UTF-8 bytes 81 8D 8F 90 9D are undefined in cp1252")
        out.append(row(mj, "display=" + f, "key=" + k, "surname=" + s, "given=" + g, "repairs=mojibake"))
    if not rich:
        return
    out.append(row(f.lower(), "display=" + f, "key=" + k, "given=" + g))
    out.append(row(f.upper(), "display=" + f, "key=" + k, "surname=" + s, "given=" + g))
    out.append(row(a.upper(), "display=" + a, "key=" + k, "surname=" + asc(s), "given=" + asc(g)))
    up = " ".join([asc(s).upper()] + [asc(w) for w in m + [g]])
    out.append(row(up, "display=" + a, "key=" + k, "surname=" + asc(s), "given=" + asc(g),
                   "order=surname-first"))
    up_d = " ".join([s.upper()] + m + [g])
    out.append(row(up_d, "display=" + f, "key=" + k, "surname=" + s, "given=" + g))
    comma_a = asc(s) + ", " + " ".join(asc(w) for w in m + [g])
    out.append(row(comma_a, "display=" + a, "key=" + k, "surname=" + asc(s),
                   "middle=" + asc(" ".join(m)), "given=" + asc(g)))
    comma_d = s + ", " + " ".join(m + [g])
    out.append(row(comma_d, "display=" + f, "key=" + k, "surname=" + s, "given=" + g))
    # Western order (given names first, surname last) only when the first word cannot itself be
    # a surname: checked on the ASCII form for the ASCII row, on the exact spelling otherwise
    # (Dinh may be Đinh, but Đình is no surname)
    west = " ".join(m + [g] + [s])
    if ascii_fold((m + [g])[0]) not in SURNAMES_ASCII:
        out.append(row(asc(west), "display=" + a, "key=" + k, "surname=" + asc(s),
                       "middle=" + asc(" ".join(m)), "given=" + asc(g), "order=given-first"))
    if (m + [g])[0] not in SURNAMES_DIA:
        out.append(row(west, "display=" + f, "key=" + k, "surname=" + s, "given=" + g,
                       "order=given-first"))
    out.append("# Latin-1 (not cp1252) mojibake: every byte 80-9F becomes a C1 control")
    out.append(row(latin1_mojibake(f), "display=" + f, "key=" + k, "repairs=mojibake"))


# Han names as the Chinese press writes them, with the Vietnamese press reading.
# (han, hanviet reading, han-variant or "", comment)
HAN = [
    ("阮富仲", "Nguyễn Phú Trọng", "both", "Chinese press form of Nguyễn Phú Trọng"),
    ("王廷惠", "Vương Đình Huệ", "both", ""),
    ("范明政", "Phạm Minh Chính", "", "范 is both a surname in its own right and the simplified 範: variant not asserted"),
    ("武文赏", "Võ Văn Thưởng", "simplified", ""),
    ("武文賞", "Võ Văn Thưởng", "traditional", ""),
    ("胡志明", "Hồ Chí Minh", "both", ""),
    ("武元甲", "Võ Nguyên Giáp", "both", ""),
    ("阮春福", "Nguyễn Xuân Phúc", "", ""),
    ("阮晋勇", "Nguyễn Tấn Dũng", "", ""),
    ("陈大光", "Trần Đại Quang", "", ""),
    ("阮氏金银", "Nguyễn Thị Kim Ngân", "", ""),
    ("农德孟", "Nông Đức Mạnh", "", ""),
    ("黎可漂", "Lê Khả Phiêu", "", ""),
    ("潘文凯", "Phan Văn Khải", "", ""),
    ("范文同", "Phạm Văn Đồng", "", ""),
    ("黎笋", "Lê Duẩn", "", ""),
    ("苏林", "Tô Lâm", "", ""),
    ("梁强", "Lương Cường", "", ""),
    ("陈青敏", "Trần Thanh Mẫn", "", "Chinese press writes 青 for Thanh"),
    ("阮明哲", "Nguyễn Minh Triết", "", ""),
    ("黎德寿", "Lê Đức Thọ", "", ""),
    ("武文杰", "Võ Văn Kiệt", "", ""),
    ("阮文灵", "Nguyễn Văn Linh", "", ""),
    ("孙德胜", "Tôn Đức Thắng", "", ""),
    ("习近平", "Tập Cận Bình", "simplified", "Xi Jinping"),
    ("習近平", "Tập Cận Bình", "traditional", "Xi Jinping"),
    ("邓小平", "Đặng Tiểu Bình", "", ""),
    ("鄧小平", "Đặng Tiểu Bình", "", ""),
    ("江泽民", "Giang Trạch Dân", "", ""),
    ("胡锦涛", "Hồ Cẩm Đào", "", ""),
    ("胡錦濤", "Hồ Cẩm Đào", "", ""),
    ("温家宝", "Ôn Gia Bảo", "", ""),
    ("溫家寶", "Ôn Gia Bảo", "", ""),
    ("李鹏", "Lý Bằng", "", "names write Lý, not Lí"),
    ("孙中山", "Tôn Trung Sơn", "", ""),
    ("孫中山", "Tôn Trung Sơn", "", ""),
    ("蒋介石", "Tưởng Giới Thạch", "", ""),
    ("蔣介石", "Tưởng Giới Thạch", "", ""),
    ("毛泽东", "Mao Trạch Đông", "", ""),
    ("毛澤東", "Mao Trạch Đông", "", ""),
    ("周恩来", "Chu Ân Lai", "", ""),
    ("李克强", "Lý Khắc Cường", "", ""),
    ("李强", "Lý Cường", "", ""),
    ("王毅", "Vương Nghị", "", ""),
    ("赵乐际", "Triệu Lạc Tế", "", "乐 read Lạc in a given name"),
    ("王沪宁", "Vương Hộ Ninh", "", "press reading Hộ for 沪"),
    ("蔡奇", "Thái Kỳ", "", ""),
    ("丁薛祥", "Đinh Tiết Tường", "", ""),
    ("李希", "Lý Hy", "", "press writes Hy"),
    ("韩正", "Hàn Chính", "", ""),
    ("朱镕基", "Chu Dung Cơ", "", ""),
    ("胡耀邦", "Hồ Diệu Bang", "", ""),
    ("赵紫阳", "Triệu Tử Dương", "", ""),
    ("刘少奇", "Lưu Thiếu Kỳ", "", ""),
    ("王岐山", "Vương Kỳ Sơn", "", ""),
    ("汪洋", "Uông Dương", "", ""),
    ("张德江", "Trương Đức Giang", "", ""),
    ("薄熙来", "Bạc Hy Lai", "", ""),
    ("彭丽媛", "Bành Lệ Viện", "", ""),
    ("秦刚", "Tần Cương", "", ""),
    ("马英九", "Mã Anh Cửu", "", ""),
    ("蔡英文", "Thái Anh Văn", "", ""),
    ("陈水扁", "Trần Thủy Biển", "", ""),
    ("李登辉", "Lý Đăng Huy", "", ""),
    ("赖清德", "Lại Thanh Đức", "", ""),
    ("叶剑英", "Diệp Kiếm Anh", "", ""),
    ("彭德怀", "Bành Đức Hoài", "", ""),
    ("袁世凯", "Viên Thế Khải", "", ""),
    ("梁启超", "Lương Khải Siêu", "", ""),
    ("鲁迅", "Lỗ Tấn", "", ""),
    ("华国锋", "Hoa Quốc Phong", "", ""),
    ("曾庆红", "Tăng Khánh Hồng", "", ""),
    ("贾庆林", "Giả Khánh Lâm", "", ""),
    ("吴邦国", "Ngô Bang Quốc", "", ""),
    ("张高丽", "Trương Cao Lệ", "", ""),
    ("刘云山", "Lưu Vân Sơn", "", ""),
    ("俞正声", "Du Chính Thanh", "", ""),
    ("栗战书", "Lật Chiến Thư", "", ""),
    ("沈括", "Thẩm Quát", "", "沈 read Thẩm as a surname"),
    ("吕不韦", "Lữ Bất Vi", "", "吕: Lữ per hanviet-overrides.tsv (Lã is also seen); the key folds Vi to vy (i/y after v)"),
]


def load_hanviet():
    tab = {}
    for name in ("Rules/vi/hanviet.tsv", "Rules/vi/hanviet-overrides.tsv"):
        for line in open(name, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            tab[cols[0]] = cols[1].split(",")[0]
    return tab


def check_han(tab):
    bad = []
    for han, reading, _, _ in HAN:
        got = " ".join(tab.get(c, "?")[:1].upper() + tab.get(c, "?")[1:] for c in han)
        if got != reading:
            bad.append("%s: tables give %s, fixture says %s" % (han, got, reading))
    return bad


def build_normalize():
    out = [
        "# Fixtures/normalize/vi.tsv: Vietnamese names, and Han names read the Vietnamese way",
        "# generated by scripts/rules/gen_vi_fixtures.py from the cases written in it; edit the script, not this file",
        "# format: input TAB expectation... (see the lead's conventions); rows with NFD input hold NFD bytes,",
        "#   mojibake rows hold the literal mis-decoded text (C1 control characters included)",
        "",
        "# ---- the people of the 2023-12-13 wire story, in many spellings",
    ]
    for p in SEED:
        person_block(p, out, rich=True, hanviet_key=True)
    out += [
        "# the wire story's bare reference: a single word, order unknown",
        row("Nguyen", "key=nguyen", "order=unknown"),
        "# titles are stripped into title",
        row("Ông Nguyễn Phú Trọng", "display=Nguyễn Phú Trọng", "key=nguyen phu trong", "title=Ông", "reference=Trọng"),
        row("Bà Nguyễn Thị Kim Ngân", "display=Nguyễn Thị Kim Ngân", "key=nguyen thi kim ngan", "title=Bà", "given=Ngân"),
        row("Mr. Nguyen Khac Giang", "display=Nguyen Khac Giang", "key=nguyen khac giang", "title=Mr.", "given=Giang"),
        row("Mr. Nguyen", "key=nguyen", "title=Mr."),
        row("Chairman Vuong Dinh Hue", "display=Vuong Dinh Hue", "key=vuong dinh hue", "title=Chairman", "surname=Vuong"),
        row("Chủ tịch Võ Văn Thưởng", "display=Võ Văn Thưởng", "key=vo van thuong", "title=Chủ tịch", "reference=Thưởng"),
        row("Thủ tướng Phạm Minh Chính", "display=Phạm Minh Chính", "key=pham minh chinh", "title=Thủ tướng", "reference=Chính"),
        row("Tổng Bí thư Nguyễn Phú Trọng", "display=Nguyễn Phú Trọng", "key=nguyen phu trong", "title=Tổng Bí thư", "given=Trọng"),
        row("General Secretary Nguyen Phu Trong", "display=Nguyen Phu Trong", "key=nguyen phu trong", "title=General Secretary"),
        row("Prime Minister Pham Minh Chinh", "display=Pham Minh Chinh", "key=pham minh chinh", "title=Prime Minister"),
        row("President Vo Van Thuong", "display=Vo Van Thuong", "key=vo van thuong", "title=President", "given=Thuong"),
        "# the wire story's longer titles: only the person is asserted",
        row("Communist Party General Secretary Nguyen Phu Trong", "key=nguyen phu trong", "surname=Nguyen", "given=Trong"),
        row("National Assembly Chairman Vuong Dinh Hue", "key=vuong dinh hue", "surname=Vuong", "given=Hue"),
        row("Vietnamese Prime Minister Pham Minh Chinh", "key=pham minh chinh", "given=Chinh"),
        "# Xi Jinping as the Vietnamese press writes him",
        row("Tập Cận Bình", "display=Tập Cận Bình", "key=tap can binh", "keys.hanviet=tap can binh", "surname=Tập", "script=Latn"),
        row("Chủ tịch Tập Cận Bình", "key=tap can binh", "title=Chủ tịch", "surname=Tập"),
        "",
        "# ---- Đ lookalikes are repaired: Ð U+00D0 (Icelandic eth), Ɖ U+0189 (African D), ð U+00F0",
        row("Vương Ðình Huệ", "display=Vương Đình Huệ", "key=vuong dinh hue", "middle=Đình"),
        row("Vương Ɖình Huệ", "display=Vương Đình Huệ", "key=vuong dinh hue", "middle=Đình"),
        row("Vương ðình Huệ", "display=Vương Đình Huệ", "key=vuong dinh hue", "middle=Đình"),
        row("Ðặng Thị Ngọc Thịnh", "display=Đặng Thị Ngọc Thịnh", "key=dang thi ngoc thinh", "surname=Đặng"),
        row("Ɖặng Văn Lâm", "display=Đặng Văn Lâm", "key=dang van lam", "surname=Đặng"),
        row("ÐỖ MƯỜI", "display=Đỗ Mười", "key=do muoi", "surname=Đỗ", "given=Mười"),
        row("ðỗ mười", "display=Đỗ Mười", "key=do muoi", "surname=Đỗ"),
        "",
        "# ---- tone-mark style: default output writes Hòa/Thủy/Khỏe (tone on the first vowel of open oa/oe/uy)",
        row("Nguyễn Thị Hoà", "key=nguyen thi hoa", "surname=Nguyễn", "middle=Thị", "given=Hòa", "display=Nguyễn Thị Hòa", "language=vi"),
        row("Nguyễn Thị Hòa", "key=nguyen thi hoa", "given=Hòa", "display=Nguyễn Thị Hòa", "reference=Hòa"),
        row("Nguyen Thi Hòa", "key=nguyen thi hoa", "given=Hòa", "language=vi"),
        row("NGUYỄN Thị Hòa", "key=nguyen thi hoa", "given=Hòa", "display=Nguyễn Thị Hòa"),
        row("NGUYỄN THỊ HOÀ", "key=nguyen thi hoa", "given=Hòa", "display=Nguyễn Thị Hòa"),
        row("Nguyen Thi Hoa", "key=nguyen thi hoa", "given=Hoa", "display=Nguyen Thi Hoa"),
        row(NFD("Nguyễn Thị Hoà"), "key=nguyen thi hoa", "given=Hòa", "display=Nguyễn Thị Hòa"),
        row(mojibake("Nguyễn Thị Hoà"), "key=nguyen thi hoa", "given=Hòa", "repairs=mojibake"),
        row("Nguyễn Thị Hòa", "given=Hoà", "display=Nguyễn Thị Hoà", opts=["@tone-style=old"]),
        row("Nguyễn Thị Hoà", "given=Hoà", "display=Nguyễn Thị Hoà", opts=["@tone-style=keep"]),
        row("Nguyễn Thị Hòa", "given=Hòa", "display=Nguyễn Thị Hòa", opts=["@tone-style=keep"]),
        row("Nguyễn Thị Hoà", "given=Hòa", "display=Nguyễn Thị Hòa", opts=["@tone-style=new"]),
        "# Nguyễn Hòa Bình (chief justice, deputy prime minister): the old-style mark is in the middle name",
        row("Nguyễn Hoà Bình", "key=nguyen hoa binh", "middle=Hòa", "given=Bình", "display=Nguyễn Hòa Bình"),
        row("Nguyễn Hòa Bình", "middle=Hoà", "display=Nguyễn Hoà Bình", opts=["@tone-style=old"]),
        row("Lê Thị Thuỷ", "key=le thi thuy", "given=Thủy", "display=Lê Thị Thủy"),
        row("Lê Thị Thủy", "given=Thuỷ", "display=Lê Thị Thuỷ", opts=["@tone-style=old"]),
        row("Trần Thị Thuý", "key=tran thi thuy", "given=Thúy", "display=Trần Thị Thúy"),
        row("Ngô Thị Thuỳ Dung", "key=ngo thi thuy dung", "middle=Thị Thùy", "given=Dung", "display=Ngô Thị Thùy Dung"),
        row("Phạm Văn Khoẻ", "key=pham van khoe", "given=Khỏe", "display=Phạm Văn Khỏe"),
        row("Phạm Văn Khỏe", "given=Khoẻ", "display=Phạm Văn Khoẻ", opts=["@tone-style=old"]),
        "# a closed syllable or qu- onset is written the same in both styles: Hoàn, Quý, Thuyết, Ngoài",
        row("Lê Văn Hoàn", "given=Hoàn", "display=Lê Văn Hoàn", opts=["@tone-style=old"]),
        row("Hồ Quý Ly", "key=ho quy ly", "surname=Hồ", "middle=Quý", "given=Ly", "display=Hồ Quý Ly", opts=["@tone-style=old"]),
        row("Hồ Quý Ly", "key=ho quy ly", "display=Hồ Quý Ly"),
        row("Tôn Thất Thuyết", "display=Tôn Thất Thuyết", opts=["@tone-style=old"]),
        "",
        "# ---- i/y after h k l m s t v folds to y in the key",
        row("Lý Thường Kiệt", "key=ly thuong kiet", "surname=Lý", "middle=Thường", "given=Kiệt", "language=vi"),
        row("Lí Thường Kiệt", "key=ly thuong kiet", "surname=Lí"),
        row("Ly Thuong Kiet", "key=ly thuong kiet"),
        row("Li Thuong Kiet", "key=ly thuong kiet", "surname=Li", opts=["@hint=vi"]),
        row("Nguyễn Cao Kỳ", "key=nguyen cao ky", "middle=Cao", "given=Kỳ"),
        row("Nguyễn Cao Kì", "key=nguyen cao ky", "given=Kì"),
        row("Nguyễn Thị Mỹ", "key=nguyen thi my", "given=Mỹ"),
        row("Nguyễn Thị Mĩ", "key=nguyen thi my", "given=Mĩ"),
        row("Trần Thị Mỹ Linh", "key=tran thi my linh", "middle=Thị Mỹ", "given=Linh"),
        row("Trần Thị Mĩ Linh", "key=tran thi my linh", "middle=Thị Mĩ"),
        row("Lê Văn Sỹ", "key=le van sy"),
        row("Lê Văn Sĩ", "key=le van sy"),
        "# the fold is only for those single letters: Thị and Chi keep i",
        row("Nguyễn Thị Chi", "key=nguyen thi chi", "given=Chi"),
        "",
        "# ---- compound surnames (longest match in Rules/vi/surnames.tsv)",
        "# Tôn Nữ Thị Ninh, diplomat",
        row("Tôn Nữ Thị Ninh", "key=ton nu thi ninh", "surname=Tôn Nữ", "middle=Thị", "given=Ninh", "reference=Ninh", "language=vi"),
        row("Ton Nu Thi Ninh", "key=ton nu thi ninh", "surname=Ton Nu", "middle=Thi", "given=Ninh"),
        row("TÔN NỮ Thị Ninh", "display=Tôn Nữ Thị Ninh", "surname=Tôn Nữ"),
        "# Tôn Thất Thuyết, regent; Tôn Thất Tùng, surgeon",
        row("Tôn Thất Thuyết", "key=ton that thuyet", "surname=Tôn Thất", "middle=", "given=Thuyết"),
        row("Tôn Thất Tùng", "key=ton that tung", "surname=Tôn Thất", "middle=", "given=Tùng", "reference=Tùng"),
        row("Ton That Tung", "key=ton that tung", "surname=Ton That", "given=Tung"),
        "# Nguyễn Phúc Ánh (Emperor Gia Long) and Nguyễn Phúc Vĩnh Thụy (Bảo Đại): royal clan surname",
        row("Nguyễn Phúc Ánh", "key=nguyen phuc anh", "surname=Nguyễn Phúc", "middle=", "given=Ánh"),
        row("Nguyễn Phúc Vĩnh Thụy", "key=nguyen phuc vinh thuy", "surname=Nguyễn Phúc", "middle=Vĩnh", "given=Thụy"),
        row("Nguyễn Phước Vĩnh Thụy", "key=nguyen phuoc vinh thuy", "surname=Nguyễn Phước", "given=Thụy"),
        "# ordinary names built on the compound surnames of the table",
        row("Âu Dương Thị Hạnh", "key=au duong thi hanh", "surname=Âu Dương", "middle=Thị", "given=Hạnh"),
        row("Công Tằng Tôn Nữ Thị Phương Thảo", "key=cong tang ton nu thi phuong thao",
            "surname=Công Tằng Tôn Nữ", "middle=Thị Phương", "given=Thảo"),
        "",
        "# ---- Hoàng/Huỳnh and Vũ/Võ are different spellings: keys differ, each keeps its own",
        row("Huỳnh Văn Nghệ", "key=huynh van nghe", "surname=Huỳnh"),
        row("Vũ Đức Đam", "key=vu duc dam", "surname=Vũ"),
        row("Võ Đức Đam", "key=vo duc dam", "surname=Võ"),
        "",
        "# ---- Vietnamese names with a language hint",
        row("Nguyen Phu Trong", "key=nguyen phu trong", "language=vi", opts=["@hint=vi"]),
        row("Trong Nguyen", "key=nguyen trong", "surname=Nguyen", "given=Trong", "order=given-first", opts=["@hint=vi"]),
        "",
        "# ---- Han names as the Chinese press writes them, read the Vietnamese way",
    ]
    for han, reading, variant, note in HAN:
        if note:
            out.append("# " + note)
        exp = ["display=" + han, "keys.hanviet=" + key_of(reading), "script=Hani"]
        if variant:
            exp.append("han-variant=" + variant)
        out.append(row(han, *exp))
    out += ["", "# ---- other public figures: diacritics, bare ASCII, NFD, mojibake"]
    for p in PEOPLE:
        person_block(p, out)
    out += ["", "# ---- ordinary names"]
    for p in ORDINARY:
        person_block(p, out)
    return out


def build_transliterate():
    out = [
        "# Fixtures/transliterate/vi.tsv: Han names to Hán-Việt, Vietnamese names to ASCII",
        "# generated by scripts/rules/gen_vi_fixtures.py from the cases written in it; edit the script, not this file",
        "# format: target TAB input TAB expected",
        "",
        "# ---- hanviet: person-name readings (Rules/vi/hanviet-overrides.tsv over hanviet.tsv)",
    ]
    for han, reading, _, note in HAN:
        if note:
            out.append("# " + note)
        out.append("\t".join(["hanviet", han, reading]))
    out += ["", "# ---- ascii: diacritics dropped, Đ -> D, case kept"]
    seen = set()
    for p in SEED + PEOPLE + ORDINARY:
        f = full(p)
        if f in seen:
            continue
        seen.add(f)
        out.append("\t".join(["ascii", f, asc(f)]))
    out += [
        "ascii\tNguyễn Thị Hoà\tNguyen Thi Hoa",
        "ascii\tNguyễn Thị Hòa\tNguyen Thi Hoa",
        "ascii\tTập Cận Bình\tTap Can Binh",
        "ascii\tTôn Nữ Thị Ninh\tTon Nu Thi Ninh",
        "ascii\tCông Tằng Tôn Nữ Thị Phương Thảo\tCong Tang Ton Nu Thi Phuong Thao",
        "# ascii keeps the input's i/y and case: only the key folds them",
        "ascii\tLí Thường Kiệt\tLi Thuong Kiet",
        "ascii\tĐỖ MƯỜI\tDO MUOI",
        "ascii\t" + NFD("Nguyễn Phú Trọng") + "\tNguyen Phu Trong",
    ]
    return out


def main():
    load_tables()
    bad = check_han(load_hanviet())
    if bad:
        sys.exit("Han-Viet fixtures disagree with the tables:\n  " + "\n  ".join(bad))
    norm = build_normalize()
    tr = build_transliterate()
    for path, lines in (("Fixtures/normalize/vi.tsv", norm), ("Fixtures/transliterate/vi.tsv", tr)):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines) + "\n")
        n = sum(1 for l in lines if l and not l.startswith("#"))
        print("%s: %d cases" % (path, n), file=sys.stderr)


if __name__ == "__main__":
    main()
