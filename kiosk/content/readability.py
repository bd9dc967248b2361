"""Reading-grade scores for patient text (K-C1: aim for US grade 6-8), computed fully offline.

Owns sentence/word/syllable counting and the Flesch-Kincaid grade and SMOG formulas used by the
content lint. textstat is deliberately not used: it fetches nltk data at run time, and the kiosk
and its CI must work with no network. Syllables come from a table derived from the CMU
Pronouncing Dictionary and shipped in this package (``kiosk/data/syllables.txt.gz``, BSD-style
licence beside it, built by ``make syllable-table``; loaded lazily, once), with a rule-based
counter for other words.
Text is first passed through :func:`kiosk.words.plain_text.strip_markdown`, so bullets and headings
are graded as the sentences they are shown as.
"""

from __future__ import annotations

import functools
import gzip
import math
import re
from dataclasses import dataclass
from importlib import resources

from kiosk.words.plain_text import strip_markdown

# A sentence ends at . ! ? ; (plus closing quotes/brackets) followed by space or the end, so
# "2.5" never splits; a blank line (paragraph break) also ends one.
_BOUNDARY = re.compile(r"[.!?;]+[\"')\]\u2019\u201d]*(?=\s|$)|\n\s*\n")
_NEVER_ENDS = {"dr.", "mr.", "mrs.", "ms.", "prof.", "st.", "vs.", "e.g.", "i.e.", "eg.", "ie.", "approx."}
_ENDS_IF_CAPITAL_NEXT = {"a.m.", "p.m.", "etc."}
# Numbers such as 2.5, 1,000 or 9:30 are one word; otherwise letters/digits joined by ' or -.
_WORD = re.compile(r"\d+(?:[.,:]\d+)*|[^\W_]+(?:['\u2019-][^\W_]+)*")

_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_ADD = re.compile(r"[^aeiou]ia|iu|io(?!u)|[^g]eo|ua(?!y)|uo|[^aeiou]ie(?=[rt])|[aeiou]y[aeiou]"
                  r"|[aeiouy]ing|[^aeiou]ism$|iest$|ee[aeio]|oo[ae]")
_SUB = re.compile(r"[cgstx]i[ao]|[^aeiouy]e(?=ment|ly$|ful|ness|less|ward|ship|land|hand|back|keep|way|like)")


@dataclass(frozen=True)
class ReadingReport:
    """Counts from one pass over a text, and the two grades derived from them."""

    words: int
    sentences: int
    syllables: int
    polysyllables: int  # words of 3+ syllables
    grade: float  # Flesch-Kincaid grade level
    smog: float


#: The shipped syllable table, inside the ``kiosk`` package (see tools/build_syllable_table.py).
SYLLABLE_TABLE = "data/syllables.txt.gz"


@functools.cache
def _cmu() -> dict[str, tuple[str, ...]]:
    """word -> the stress pattern of each CMU pronunciation ("every": ``("100", "10")``), one
    digit per syllable. About 126,000 words: loaded on first use, never at import.

    Each line of the table is ``patterns<TAB>words``, so words sharing patterns share one tuple.
    """
    text = gzip.decompress(resources.files("kiosk").joinpath(SYLLABLE_TABLE).read_bytes()).decode("utf-8")
    table: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            patterns, _, words = line.partition("\t")
            table.update(dict.fromkeys(words.split(" "), tuple(patterns.split(" "))))
    return table


def dictionary_loaded() -> bool:
    return _cmu.cache_info().currsize > 0


def release() -> None:
    """Drop the dictionary again: the running kiosk grades on request only, and must not keep
    its tens of MB for good after a staff check."""
    _cmu.cache_clear()


def _rule_syllables(word: str) -> int:
    """Spelling-based estimate for words the dictionary lacks (~92% exact on CMU words)."""
    w = re.sub(r"[^a-z]", "", word.lower()).replace("qu", "q")
    if len(w) <= 3:
        return 1 if w else 0
    n = len(_VOWEL_GROUP.findall(w.lstrip("y")))
    if w.endswith("e") and not re.search(r"[^aeiouy]le$|[eyo]e$", w):
        n -= 1  # silent final e ("dose"), but "table", "free"
    if re.search(r"[^aeiouytd]ed$", w):
        n -= 1  # "washed", but "rested"
    if re.search(r"[^aeiouycgsxzh]es$", w) and not re.search(r"[^aeiouy]les$", w):
        n -= 1  # "doses" keeps it, "tablets" has none
    return max(1, n + len(_ADD.findall(w)) - len(_SUB.findall(w)))


@functools.lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one word token; a number counts one per digit group ("2.5" -> 2).

    Cached: a content folder repeats the same few thousand words over and over.
    """
    if word[:1].isdigit():
        return max(1, len(re.findall(r"\d+", word)))
    total = 0
    for part in word.lower().replace("\u2019", "'").split("-"):
        prons = _cmu().get(part) or _cmu().get(part.replace("'", ""))
        # Fewest syllables of the listed pronunciations ("every" as "ev-ry"): lint errs lenient.
        # A pattern has one digit per syllable; "-" (no vowel, "hmm") has none.
        total += min(sum(c.isdigit() for c in pattern) for pattern in prons) if prons else _rule_syllables(part)
    return max(1, total)


def _sentence_count(text: str) -> int:
    """Sentences that contain at least one word."""
    count, start = 0, 0
    for m in _BOUNDARY.finditer(text):
        if m.group() == ".":
            before = text[start:m.end()].split()
            token = before[-1].lower().lstrip("(\"'\u2018\u201c") if before else ""
            after = text[m.end():].lstrip()[:1]
            if token in _NEVER_ENDS or (token in _ENDS_IF_CAPITAL_NEXT and not after.isupper()):
                continue
        count += bool(_WORD.search(text[start:m.end()]))
        start = m.end()
    return count + bool(_WORD.search(text[start:]))


def reading_report(text: str) -> ReadingReport:
    """Count words, sentences and syllables once and derive both grades (0.0 if no words)."""
    plain = strip_markdown(text or "")
    counts = [syllables(w) for w in _WORD.findall(plain)]
    if not counts:
        return ReadingReport(0, 0, 0, 0, 0.0, 0.0)
    words, sentences = len(counts), _sentence_count(plain)  # >= 1 whenever there are words
    syl, poly = sum(counts), sum(c >= 3 for c in counts)
    grade = 0.39 * words / sentences + 11.8 * syl / words - 15.59
    smog = 1.0430 * math.sqrt(poly * 30 / sentences) + 3.1291
    return ReadingReport(words, sentences, syl, poly, grade, smog)


def flesch_kincaid_grade(text: str) -> float:
    """Flesch-Kincaid grade level of a page body (0.0 for empty text)."""
    return reading_report(text).grade


def smog_index(text: str) -> float:
    """SMOG grade of a page body (0.0 for empty text)."""
    return reading_report(text).smog


def word_count(text: str) -> int:
    """Number of words in a page body, as the grades count them."""
    return reading_report(text).words
