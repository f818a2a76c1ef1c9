#!/usr/bin/env python3
"""Writes the hand-made hostile inputs of Fixtures/fuzz/TARGET/ (one file an input).

    python3 scripts/fuzz/make_regressions.py

Each input names what it attacks. The same directories receive inputs that libFuzzer found and
that were minimized (scripts/fuzz.sh explains how); this script never deletes those. Every file
under Fixtures/fuzz/ is replayed by the test suite (FuzzRegressionTests in the targets'
test modules) through the same entry point and invariants as its fuzz target, and seeds every
run of scripts/fuzz.sh.
"""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Fixtures", "fuzz")

U = lambda s: s.encode("utf-8")
# Lone surrogate and other ill-formed sequences, as raw bytes.
BAD_UTF8 = [b"\xff", b"\xc0\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x82", b"\x80\x80"]

normalize = {
    "mark-flood": U("a" + "\u0301" * 200),
    "mark-first": U("\u0301\u0300Nguyen"),
    "marks-on-every-letter": U("".join(c + "\u0323\u0302" for c in "Nguyen Phu Trong")),
    "zero-width-inside": U("Xi\u200bJin\u200dping\u2060"),
    "bidi-override": U("\u202eNguy\u1ec5n Ph\u00fa Tr\u1ecdng\u202c"),
    "bom-and-nbsp": U("\ufeffXi\u00a0Jinping"),
    "only-punctuation": U("-'.-·・, ,"),
    "only-spaces": U(" \t " * 40),
    "nul-inside": b"Nguy\x00en Phu",
    "control-chars": U("Xi\x07Jin\x1bping\x7f"),
    "mixed-script-cyrillic": U("Xi Jinpіng"),
    "greek-omicron": U("Hο Chi Minh"),
    "fullwidth": U("\uff38\uff49 \uff2a\uff49\uff4e\uff50\uff49\uff4e\uff47"),
    "math-bold": U("\U0001d417\U0001d422 \U0001d409\U0001d422\U0001d427"),
    "dotted-capital-i": U("\u0130smail \u0130nan"),         # lower-casing lengthens the string
    "ligature-ffi": U("\ufb03 \ufb00 Jinping"),              # case folding expands one scalar to three
    "sharp-s-and-n-apostrophe": U("Stra\u00dfe \u0149 \u1e9e"),
    "titlecase-digraph": U("\u01c5ura \u01c8ubo"),
    "han-ext-b": U("\U00020000\U0002a6d6\U00030000"),
    "han-compat": U("\uf900\uf901\ufa0e"),
    "han-variation-selector": U("\u7fd2\ufe00\u8fd1\U000e0100\u5e73"),
    "hangul-jamo-decomposed": U("\u1109\u1175 \u110c\u1175\u11ab\u1111\u1175\u11bc"),
    "hangul-halfwidth": U("\uffbe\uffc2"),
    "emoji-zwj": U("Xi \U0001f468\u200d\U0001f469\u200d\U0001f467 Jinping"),
    "regional-indicators": U("\U0001f1fb\U0001f1f3 Nguyen"),
    "kana-and-han": U("\u5b89\u500d\u3057\u3093\u305e\u3046"),
    "long-name-513": U("Nguyen " * 73 + "A"),
    "long-han-600": U("\u738b" * 600),
    "private-use": U("\ue000\uf8ff Xi"),
    "noncharacters": U("\ufdd0\ufffe\U0001fffe"),
    "replacement-char": U("Nguy\ufffdn"),
    "vni-encoded": U("Nguye\u00e3n Phu\u00f9 Tro\u00efng"),
    "wade-giles-apostrophes": U("Hsi Chin-p\u2018ing Ch\u2019ien Mu"),
    "tone-numbers": U("Xi2 Jin4ping2 ni3hao3 5555"),
    "hyphen-storm": U("Jin-" * 60 + "ping"),
    "all-vietnamese-tone-marks": U("\u00e0\u00e1\u1ea3\u00e3\u1ea1 \u0103\u1eaf\u1eb1 \u01b0\u1ee9\u1eeb\u1eed \u0111"),
    "double-tone-mark": U("Nguy\u00ea\u0301\u0300n"),
    "cyrillic-palladius": U("\u0421\u0438 \u0426\u0437\u0438\u043d\u044c\u043f\u0438\u043d"),
    "descriptor-only": U("Ch\u1ee7 t\u1ecbch n\u01b0\u1edbc"),
}
for i, b in enumerate(BAD_UTF8):
    normalize[f"invalid-utf8-{i}"] = b"Nguyen " + b + b" Phu"

def req(**kw):
    return json.dumps(kw, ensure_ascii=False).encode("utf-8")

protocol = {
    "nested-arrays": b"[" * 30000 + b"]" * 30000,
    "nested-objects": b'{"a":' * 5000 + b"1" + b"}" * 5000,
    "lone-high-surrogate": b'{"id":1,"op":"normalize","name":"\\ud800"}',
    "lone-low-surrogate": b'{"id":2,"op":"normalize","name":"x\\udc00y"}',
    "escaped-nul": b'{"id":3,"op":"normalize","name":"Xi\\u0000Jinping"}',
    "huge-id": b'{"id":18446744073709551616,"op":"normalize","name":"Xi"}',
    "exponent-id": b'{"id":1e400,"op":"normalize","name":"Xi"}',
    "negative-zero-id": b'{"id":-0.0,"op":"normalize","name":"Xi"}',
    "duplicate-keys": b'{"id":1,"op":"normalize","op":"resolve","name":"Xi","name":"Li"}',
    "null-op": b'{"id":1,"op":null,"name":"Xi"}',
    "op-wrong-type": b'{"id":1,"op":["normalize"],"name":{"x":1}}',
    "top-level-array": b'[{"op":"normalize","name":"Xi"}]',
    "top-level-string": b'"normalize"',
    "trailing-garbage": b'{"id":1,"op":"normalize","name":"Xi"} {"id":2}',
    "bom-prefixed": b'\xef\xbb\xbf{"id":1,"op":"normalize","name":"Xi"}',
    "utf16le": '{"id":1,"op":"normalize","name":"Xi"}'.encode("utf-16-le"),
    "invalid-utf8-in-string": b'{"id":1,"op":"normalize","name":"Nguy\xffn"}',
    "invalid-utf8-in-id": b'{"id":"\xc0\x80","op":"normalize","name":"Xi"}',
    "empty": b"",
    "only-spaces": b"      ",
    "cr-only": b"\r",
    "unknown-op": req(id=1, op="explode", name="Xi"),
    "missing-name": req(id=1, op="normalize"),
    "empty-name": req(id=1, op="normalize", name=""),
    "resolve-create-hostile": req(id=1, op="resolve", name="\u202eXi\u200b Jinping", create=True),
    "compare-empty": req(id=1, op="compare", a="", b=""),
    "compare-mark-flood": req(id=1, op="compare", a="a" + "\u0301" * 100, b="a"),
    "transliterate-unknown-target": req(id=1, op="transliterate", name="Xi", to="klingon"),
    "transliterate-han-ext": req(id=1, op="transliterate", name="\U00020000\U0002a6d6", to="hanviet"),
    "hint-unknown": req(id=1, op="normalize", name="Xi", lang="xx-Latn"),
    "hint-wrong-type": b'{"id":1,"op":"normalize","name":"Xi","lang":7}',
    "long-name": req(id=1, op="normalize", name="Nguyen " * 200),
    "many-fields": b"{" + b",".join(b'"k%d":%d' % (i, i) for i in range(3000)) + b',"op":"normalize","name":"Xi"}',
    "deep-string-escapes": b'{"id":1,"op":"normalize","name":"' + b"\\\\" * 4000 + b'"}',
    "numbers-as-name": b'{"id":1,"op":"normalize","name":12345}',
    "document-context": req(id=1, op="resolve", name="Trong", document="d1"),
}

records = {
    "csv-unclosed-quote.csv": b'name,lang\n"Nguyen Phu Trong,vi\nXi Jinping,zh\n',
    "csv-quote-mid-field.csv": b'name\nXi "Jin" ping\n"a""b"c\n',
    "csv-crlf-and-lone-cr.csv": b'name,lang\r\nXi Jinping,zh\rLi Qiang,zh\r\n\r\n',
    "csv-bom.csv": b'\xef\xbb\xbfname\nXi\n',
    "csv-empty-fields.csv": b',,,\n,,\n,\n\n',
    "csv-long-field.csv": b"name\n" + b"x" * 5000 + b"\nXi\n",
    "csv-nul.csv": b"name\nXi\x00Jinping\n",
    "csv-quoted-newlines.csv": b'name,note\n"Xi\nJinping","a\r\nb"\nLi,c\n',
    "tsv-quotes-literal.tsv": b'name\tlang\n"Xi\tJinping"\tzh\n',
    "tsv-ragged.tsv": b"a\tb\tc\n1\n1\t2\t3\t4\t5\n",
    "jsonl-non-object.jsonl": b'[1,2]\n"x"\n{"name":"Xi"}\nnull\n',
    "jsonl-broken.jsonl": b'{"name":"Xi"\n{"name":\n}\n',
    "jsonl-nested.jsonl": b"[" * 5000 + b"\n" + b'{"name":"Li"}\n',
    "lines-invalid-utf8.txt": b"Xi Jinping\n\xff\xfe\nNguy\xe1\xbb\x85n\n\xe1\xbb\n",
    "lines-no-final-newline.txt": b"Xi Jinping\nLi Qiang",
    "lines-only-newlines.txt": b"\n\n\n\n",
}

rules = {
    "tsv-no-tabs.tsv": b"this line has no tab\nnor this one\n",
    "tsv-too-many-columns.tsv": b"a\tb\tc\td\te\tf\n",
    "tsv-invalid-utf8.tsv": b"\xff\xfe\t\xc0\x80\n",
    "tsv-empty-key.tsv": b"\tvalue\n\t\n",
    "tsv-only-comments.tsv": b"# nothing\n#\n",
    "tsv-crlf.tsv": b"\xe7\x8e\x8b\tWang\r\n",
    "icu-unbalanced.txt": b"$a = [abc;\n a > b ;\n ::Any-Latin(\n",
    "icu-self-variable.txt": b"$a = $a $a ;\n$a > x ;\n",
    "icu-doubling.txt": b"".join(b"$v%d = $v%d $v%d ;\n" % (i + 1, i, i) for i in range(40)).replace(b"$v0 $v0", b"x x", 1),
    "icu-unknown-transform.txt": b"::No-Such-Transform ;\n",
    "icu-huge-set.txt": b"[\\u0000-\\U0010FFFF] > x ;\n",
    "icu-empty.txt": b"",
    "icu-nul.txt": b"a > b ;\x00 c > d ;\n",
}

def write(target, items):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    for name, data in items.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)

write("normalize", normalize)
write("protocol", protocol)
write("records", records)
write("rules", rules)
print(sum(map(len, [normalize, protocol, records, rules])), "inputs written under Fixtures/fuzz/")
