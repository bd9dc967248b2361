"""Spanish speech text: what the Spanish voice is given to read.

The Spanish espeak-ng voice reads digits in Spanish by itself, so the text keeps digits and
never puts English words in: "911" stays "9 1 1" ("nueve uno uno"). Only a date's year needs
help. English goes through exactly :func:`speakable` (its own tests are in test_speech_text).
"""

from __future__ import annotations

import pytest

from kiosk.speech.text import speakable, speakable_in

SPANISH = [
    ("Llame al **911** ahora.", "Llame al 9 1 1 ahora."),
    ("Página 2 de 22.", "Página 2 de 22."),
    ("Espasmos, 25 de noviembre de 2026.", "Espasmos, 25 de noviembre de 2026."),
    ("El 1 de Enero de 2027", "El 1 de Enero de 2027"),
    ("Llame al 555-0100.", "Llame al 5 5 5, 0 1 0 0."),
    ("Oprima 0 para volver.", "Oprima 0 para volver."),
    ("Tome 500 mg.", "Tome 500 mg."),
]


@pytest.mark.parametrize(("text", "said"), SPANISH)
def test_spanish_text_keeps_numbers_for_the_spanish_voice(text, said):
    assert speakable_in(text, "es") == said
    assert speakable_in(text, "es-MX") == said


@pytest.mark.parametrize("text", [t for t, _ in SPANISH] + ["Muscle spasms, November 25, 2026.", "Call 911 now."])
def test_english_is_exactly_speakable(text):
    assert speakable_in(text, "en") == speakable(text)
    assert speakable_in(text) == speakable(text)


def test_no_english_words_are_added_to_spanish_text():
    english = {"press", "star", "slash", "page", "of", "and", "percent", "call"}
    said = speakable_in("¡Ayuda! → Oprima * o / ahora. 50 % de 911, 25 de mayo de 2026.", "es").lower()
    assert not english & set(said.replace(",", " ").replace(".", " ").split())


def test_keys_are_named_in_spanish():
    """Keys are named in Spanish ("oprima asterisco"), never with the English key names."""
    said = speakable_in("Oprima * para pedir ayuda. Oprima / para oír esta pantalla.", "es")
    assert "asterisco" in said and "barra" in said and "star" not in said


def test_a_key_named_in_brackets_after_it_is_said_once():
    """Found walking the Spanish kiosk by ear: "oprima / (barra)" was said "oprima barra
    (barra)". The key's written name in brackets goes, as in English ("press / (slash)")."""
    from kiosk.speech.text import speakable

    assert speakable("Para apagarla, oprima / (barra).", "es") == "Para apagarla, oprima barra."
    assert speakable("Para oír esta pantalla, oprima / (barra).", "es") == "Para oír esta pantalla, oprima barra."
    assert speakable("To stop it, press / (slash).") == "To stop it, press slash."
