"""Every key is named in words, and what a patient hears reads well (K-S1, K-S2).

Found by listening: "Press * for help now." was handed to the synthesiser as "Press for help
now."; a heading ending in "?" got a second full stop; units, acronyms and dates were read
as symbols or digit strings (heard through `kiosk say` of the bundled topic).
"""

from __future__ import annotations

import pytest

from kiosk.speech.text import speakable


@pytest.mark.parametrize(
    ("shown", "heard"),
    [
        ("Press * for help now.", "Press star for help now."),
        ("To hear this screen, press / (slash).", "To hear this screen, press slash."),
        ("Press - to pause.", "Press minus to pause."),
        ("Press + to hear it again.", "Press plus to hear it again."),
        ("Press . for sound.", "Press full stop for sound."),
    ],
)
def test_every_key_is_named_in_words_K_S2(shown, heard):
    assert speakable(shown) == heard


def test_no_full_stop_after_a_question_mark():
    assert speakable("Is it an emergency?.") == "Is it an emergency?"
    assert speakable("Is it an emergency?\n\nCall 911.") == "Is it an emergency? Call 9 1 1."


@pytest.mark.parametrize(
    ("shown", "heard"),
    [
        ("Take 500 mg twice a day.", "Take 500 milligrams twice a day."),
        ("Take 1 mg.", "Take 1 milligram."),
        ("a medicine for HIV", "a medicine for H I V"),
        ("low vitamin B12", "low vitamin B 12"),
        ("Reflux (GERD) can cause it.", "Reflux (G E R D) can cause it."),
        ("Muscle spasms, November 25, 2026", "Muscle spasms, November 25, 2026"),
        ("Reviewed 2026-03-01.", "Reviewed March 1, 2026."),
        ("A fever of 101°F", "A fever of 101 degrees Fahrenheit"),
        ("Most people (80%) get better.", "Most people (80 percent) get better."),
        ("Speech on/off", "Speech on or off"),
        ("Salt, e.g. in soup", "Salt, for example in soup"),
        ("Heat & rest help.", "Heat and rest help."),
    ],
)
def test_units_acronyms_dates_and_symbols_read_well(shown, heard):
    assert speakable(shown) == heard
