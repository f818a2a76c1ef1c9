#!/usr/bin/env python3
"""The Python peer of `namecanon convert --add key`: read a CSV, append an ASCII key made by
PyICU's `Any-Latin; Latin-ASCII; Lower` transliterator per row, write the CSV.

    python3 Benchmarks/scripts/pyicu_convert.py IN.csv OUT.csv NAME_COLUMN
"""
import csv
import sys

import icu


def main():
    source, target, column = sys.argv[1], sys.argv[2], sys.argv[3]
    translit = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII; Lower")
    with open(source, newline="", encoding="utf-8") as fin, open(target, "w", newline="", encoding="utf-8") as fout:
        reader = csv.reader(fin)
        writer = csv.writer(fout, lineterminator="\n")
        header = next(reader)
        index = header.index(column)
        writer.writerow(header + ["key"])
        for row in reader:
            name = row[index] if index < len(row) else ""
            writer.writerow(row + [" ".join(translit.transliterate(name).split())])


if __name__ == "__main__":
    main()
