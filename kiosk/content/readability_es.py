"""Reading-ease scores for Spanish patient text, computed fully offline (K-C1).

Owns the Spanish syllable count and the two Spanish readability formulas; the English grades
stay in :mod:`kiosk.content.readability`. No dictionary and no library is needed: Spanish spelling
says how a word is split into syllables, so a rule-based count is exact on ordinary words
(see :func:`syllables`). Text goes through :func:`kiosk.words.plain_text.strip_markdown` first, so
bullets and headings are graded as the sentences they are shown as, as in English.

The formulas (``S`` syllables, ``W`` words, ``F`` sentences):

* **Szigriszt-Pazos perspicuity** (Szigriszt 1993), read on the **INFLESZ** scale
  (Barrio-Cantalejo et al., *Anales Sis San Navarra* 2008, validated on health texts for
  patients): ``206.835 - 62.3 * S/W - W/F``. Under 40 "muy difícil", 40-55 "algo difícil",
  55-65 "normal", 65-80 "bastante fácil", 80 and over "muy fácil".
* **Fernández-Huerta** (1959), as corrected by Law (2011) so longer sentences lower the score:
  ``206.84 - 60 * S/W - 1.02 * W/F``. 0-30 "muy difícil" ... 60-70 "normal", 70-80 "bastante
  fácil", 80-90 "fácil", 90-100 "muy fácil".

Both are Flesch's Reading Ease re-weighted for Spanish, whose words carry more syllables than
English ones; higher is easier. The kiosk warns on the INFLESZ figure (``min_reading_ease_es``
in ``kiosk.yaml``, 65 by default): INFLESZ is the one validated on Spanish health leaflets,
and its bands name a school level. Why 65 is comparable to the English limit, a
Flesch-Kincaid grade of 7 to 8 (K-C1 aims at grade 6-8; ``max_reading_grade`` is 8):

1. Szigriszt re-fitted Flesch's Reading Ease to Spanish, so that a Spanish text lands on
   Flesch's scale where an English text of the same difficulty does; and Flesch's Reading
   Ease maps to a Flesch-Kincaid grade. At the 14-16 words a sentence of plain patient prose,
   a Reading Ease of 65 is grade 7.5-8 (15 words of 1.5 syllables: Reading Ease 64.7, grade
   8.0; 14 words of 1.45: 70.0 and 7.0), the English limit.
2. INFLESZ puts 65 at the border between "normal" (55-65: ESO, secondary school from age 12,
   US grades 7-10) and "bastante fácil" (65-80: primary school, up to US grade 6). So a page
   at 65 or more reads at the end of primary school or below, grade 6-7: inside the
   English aim, at its easy end rather than at its limit.
3. The INFLESZ authors give 55 ("normal") as the least a health text for patients should
   score; 65 is the next band up, as grade 8 is below what ordinary adult prose asks.

So 65 is, if anything, a little stricter than grade 8. Spanish words are long: at 2.1
syllables a word a page needs sentences of about 10 words to reach 65. A clinic that finds
that too strict can lower ``min_reading_ease_es``, but should not go below 55.

Sentences end as in :mod:`kiosk.content.readability` (``. ! ? ;`` or a blank line), with Spanish
abbreviations ("Dr.", "Sra.", "p. ej.") that never end one; ``¿`` and ``¡`` open, never end.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from kiosk.words.plain_text import strip_markdown

_BOUNDARY = re.compile(r"[.!?;]+[\"')\]\u2019\u201d\u00bb]*(?=\s|$)|\n\s*\n")
_NEVER_ENDS = {
    "dr.", "dra.", "sr.", "sra.", "srta.", "ud.", "uds.", "vd.", "vds.", "lic.", "enf.", "núm.", "tel.",
    "aprox.", "p.", "ej.", "pág.", "avda.", "dña.", "ee.", "uu.",
}
_ENDS_IF_CAPITAL_NEXT = {"a.m.", "p.m.", "etc.", "a.", "m."}
# Numbers such as 2,5 or 1.000 or 9:30 are one word; otherwise letters/digits joined by ' or -.
_WORD = re.compile(r"\d+(?:[.,:]\d+)*|[^\W_]+(?:['\u2019-][^\W_]+)*")

_STRONG = set("aeoáéóíú")  # accented i/u are strong: they never join a neighbour ("día", "reúne")
_WEAK = set("iuü")
_VOWELS = _STRONG | _WEAK
_ACCENTED_WEAK = set("íú")
# The u of "que", "qui", "gue", "gui" is silent; "güe", "güi" keep it (the ü is a weak vowel).
_SILENT_U = re.compile(r"(?<=[qg])u(?=[eiéí])")

#: INFLESZ bands (Barrio-Cantalejo 2008), lowest score of each, hardest first.
INFLESZ_BANDS = ((0.0, "muy difícil"), (40.0, "algo difícil"), (55.0, "normal"),
                 (65.0, "bastante fácil"), (80.0, "muy fácil"))
#: Fernández-Huerta bands, lowest score of each, hardest first.
FERNANDEZ_HUERTA_BANDS = ((0.0, "muy difícil"), (30.0, "difícil"), (50.0, "algo difícil"), (60.0, "normal"),
                          (70.0, "bastante fácil"), (80.0, "fácil"), (90.0, "muy fácil"))


@dataclass(frozen=True)
class LecturaReport:
    """Counts from one pass over a Spanish text, and the two scores derived from them."""

    words: int
    sentences: int
    syllables: int
    szigriszt_pazos: float  # read on the INFLESZ scale; higher is easier
    fernandez_huerta: float  # higher is easier

    @property
    def inflesz(self) -> str:
        """The INFLESZ band of the Szigriszt-Pazos score, e.g. "bastante fácil"."""
        return band(self.szigriszt_pazos, INFLESZ_BANDS)


def band(score: float, bands: tuple[tuple[float, str], ...]) -> str:
    """The name of the band ``score`` falls in (below the first band: the first band)."""
    name = bands[0][1]
    for lowest, label in bands:
        if score >= lowest:
            name = label
    return name


def _word_syllables(word: str) -> int:
    """Syllables of one word of letters: one per vowel nucleus, by Spanish spelling rules.

    A nucleus is a vowel, a diphthong or a triphthong. Two strong vowels (a, e, o) side by side
    are two syllables (hiatus: "le-er", "o-cé-a-no"); a weak vowel (i, u, ü) without an accent
    joins its neighbours ("ai-re", "ciu-dad", "cui-da-do", "buey"); an accented í or ú never
    joins ("dí-a", "pa-ís", "re-ú-ne"). The u of que/qui/gue/gui is silent, the ü of güe/güi is
    not ("pin-güi-no"). y is a vowel alone ("y") and at the end of a word ("hoy", "muy"),
    elsewhere a consonant ("ma-yo"). h parts vowels as written ("a-hí", "pro-hi-bir", the
    split a dictionary prints). Words with no vowel ("mg") count 1.
    """
    w = _SILENT_U.sub("", word)
    if w.endswith("y"):
        w = w[:-1] + "i"
    count, previous = 0, ""
    for ch in w:
        if ch not in _VOWELS:
            previous = ""
            continue
        joins = previous and not (
            (previous in _STRONG and ch in _STRONG) or previous in _ACCENTED_WEAK or ch in _ACCENTED_WEAK
        )
        if not joins:
            count += 1
        previous = ch
    return max(1, count)


@functools.lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one word token; a number counts one per digit group ("2,5" -> 2), as in English.

    Letters are compared without case and in composed form, so "Día" typed with a combining
    accent counts like "día". Parts of a hyphenated word are counted and added ("físico-químico").
    """
    if word[:1].isdigit():
        return max(1, len(re.findall(r"\d+", word)))
    text = unicodedata.normalize("NFC", word.lower())
    parts = [re.sub(r"[^a-záéíóúüñ]", "", part) for part in re.split(r"[-'\u2019]", text)]
    return max(1, sum(_word_syllables(p) for p in parts if p))


def _sentence_count(text: str) -> int:
    """Sentences that contain at least one word."""
    count, start = 0, 0
    for m in _BOUNDARY.finditer(text):
        if m.group() == ".":
            before = text[start:m.end()].split()
            token = before[-1].lower().lstrip("(\"'\u2018\u201c\u00ab¿¡") if before else ""
            after = text[m.end():].lstrip().lstrip("¿¡\"'\u00ab")[:1]
            if token in _NEVER_ENDS or (token in _ENDS_IF_CAPITAL_NEXT and not after.isupper()):
                continue
        count += bool(_WORD.search(text[start:m.end()]))
        start = m.end()
    return count + bool(_WORD.search(text[start:]))


def szigriszt_pazos(words: int, sentences: int, syllables_: int) -> float:
    """Szigriszt-Pazos perspicuity from counts (0.0 when there are no words)."""
    if not words:
        return 0.0
    return 206.835 - 62.3 * syllables_ / words - words / sentences


def fernandez_huerta(words: int, sentences: int, syllables_: int) -> float:
    """Fernández-Huerta reading ease from counts, Law's correction (0.0 when there are no words)."""
    if not words:
        return 0.0
    return 206.84 - 60.0 * syllables_ / words - 1.02 * words / sentences


def lectura_report(text: str) -> LecturaReport:
    """Count words, sentences and syllables of a Spanish text once and derive both scores."""
    plain = strip_markdown(text or "")
    counts = [syllables(w) for w in _WORD.findall(plain)]
    if not counts:
        return LecturaReport(0, 0, 0, 0.0, 0.0)
    words, sentences, syl = len(counts), _sentence_count(plain), sum(counts)
    return LecturaReport(words, sentences, syl, szigriszt_pazos(words, sentences, syl),
                         fernandez_huerta(words, sentences, syl))
