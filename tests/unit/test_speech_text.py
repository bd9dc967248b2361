"""Speech text rules: what is read aloud for screen text (K-S1, K-S4 emergency number)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.speech.text import speakable, split_sentences
from kiosk.speech.utterance import Utterance


def test_emergency_number_is_read_digit_by_digit_K_C2():
    assert speakable("Not in the clinic? Call 911.") == "Not in the clinic? Call 9 1 1."
    assert "9 8 8" in speakable("Crisis line: 988")
    assert "1 1 2" in speakable("Llame al 112.")


def test_phone_number_groups_are_read_digit_by_digit():
    assert speakable("Call 555-0100 today.") == "Call 5 5 5, 0 1 0 0 today."


@pytest.mark.parametrize(
    "text",
    ["Wait 30 seconds.", "Take 2 tablets.", "Take 500 milligrams twice a day.", "Walk 1,000 steps.",
     "A 3.5 centimeters cut.", "Rest for 120 minutes.", "It costs $150."],
)
def test_small_numbers_amounts_and_units_stay_natural(text):
    assert speakable(text) == text


def test_markdown_is_removed_K_S1():
    spoken = speakable("# Stretch\n\nKeep it **gentle** and *slow*.\n\n- Hold for 30 seconds\n- Relax")
    assert spoken == "Stretch. Keep it gentle and slow. Hold for 30 seconds. Relax."


@pytest.mark.parametrize("symbol", ["!!", "→", "•", "*", "#", "_", "✔", "⚠"])
def test_decorative_symbols_are_not_spoken(symbol):
    spoken = speakable(f"{symbol} Chest pain {symbol} tell the desk")
    assert symbol not in spoken
    assert "Chest pain" in spoken and "tell the desk" in spoken


def test_emergency_banner_symbol_is_dropped_K_V3():
    assert speakable("!! Chest pain or trouble breathing? Tell the front desk now.") == (
        "Chest pain or trouble breathing? Tell the front desk now."
    )


def test_bullet_character_lines_become_sentences():
    assert split_sentences(speakable("• Rest\n• Drink water")) == ["Rest.", "Drink water."]


def test_soft_wrapped_lines_join_and_paragraphs_end_as_sentences():
    assert speakable("A cramp is a tight\nmuscle\n\nIt passes") == "A cramp is a tight muscle. It passes"


def test_split_sentences_in_reading_order():
    assert split_sentences("Stretch your calf. Does it hurt? Tell us! Then rest.") == [
        "Stretch your calf.", "Does it hurt?", "Tell us!", "Then rest.",
    ]


def test_split_sentences_keeps_abbreviations_and_numbers_whole():
    assert split_sentences("Ask Dr. Lee, e.g. at the desk. Call 9 1 1. Wait 2.5 hours.") == [
        "Ask Dr. Lee, e.g. at the desk.", "Call 9 1 1.", "Wait 2.5 hours.",
    ]


def test_split_sentences_handles_spanish_marks_K_S8():
    assert split_sentences("¿Le duele? ¡Llame ya! Gracias.") == ["¿Le duele?", "¡Llame ya!", "Gracias."]


def test_long_sentence_is_cut_for_a_fast_stop():
    long = ", ".join(["stretch the muscle slowly"] * 20) + "."
    pieces = split_sentences(long)
    assert len(pieces) > 1 and all(len(p) <= 200 for p in pieces)
    assert " ".join(pieces) == long


def test_no_empty_or_symbol_only_sentences():
    assert split_sentences("...\n\n  \n!!") == []


def test_utterance_defaults():
    u = Utterance("Hello")
    assert (u.language, u.protected) == ("en", False)
    with pytest.raises(AttributeError):
        u.text = "changed"  # frozen: a queued item can't change under the speech thread


@given(st.text(max_size=200))
def test_speakable_and_split_never_fail_and_never_give_empty_sentences(text):
    for sentence in split_sentences(speakable(text)):
        assert sentence.strip() and any(ch.isalnum() for ch in sentence)


def _topic(language: str = "en"):
    import datetime as dt

    from kiosk.content.model import Page, RedFlag, Review, ReviewStatus, Source, Topic

    return Topic(
        id="calf-cramp", language=language, title="Calf cramps", summary="Why cramps happen",
        pages=[Page(heading="What is a cramp?", body="A **tight** muscle.\n\n- Stretch it"),
               Page(heading="When to call", body="Call 911 if you cannot breathe.")],
        red_flags=[RedFlag(symptom="Chest pain", action="Tell the front desk now."),
                   RedFlag(symptom="Fainting", action="Call out for help")],
        sources=[Source(title="Cramps", publisher="NHS")],
        review=Review(status=ReviewStatus.REVIEWED, by="Dr Test", on=dt.date(2025, 1, 1)),
    )


def test_topic_script_reads_everything_in_visible_order_K_S1():
    from kiosk.speech.say import topic_script

    assert [u.text for u in topic_script(_topic())] == [
        "Calf cramps.",
        "Why cramps happen.",
        "Page 1 of 2. What is a cramp? A tight muscle. Stretch it.",
        "Page 2 of 2. When to call. Call 9 1 1 if you cannot breathe.",
        "Get help now if you have: Chest pain. Tell the front desk now. Fainting. Call out for help.",
    ]


def test_topic_script_reads_more_about_sections_after_the_core_as_the_contents_lists_them():
    from kiosk.content.model import MoreSection, Page
    from kiosk.speech.say import topic_script

    topic = _topic().model_copy(update={"more": [
        MoreSection(title="More about causes", pages=[Page(heading="Rare causes", body="Nerve illness."),
                                                      Page(heading="Medicines", body="Water pills.")])]})
    texts = [u.text for u in topic_script(topic)]
    assert texts[2:6] == [
        "Page 1 of 2. What is a cramp? A tight muscle. Stretch it.",
        "Page 2 of 2. When to call. Call 9 1 1 if you cannot breathe.",
        "More about causes.",
        "Page 1 of 2. Rare causes. Nerve illness.",
    ]
    assert texts[6] == "Page 2 of 2. Medicines. Water pills."
    assert texts[-1].startswith("Get help now if you have:")


def test_topic_script_speaks_in_the_topic_language_K_S8():
    from kiosk.speech.say import topic_script

    script = topic_script(_topic("es"))
    assert {u.language for u in script} == {"es"}
    assert script[2].text.startswith("Página 1 de 2.")
    assert script[-1].text.startswith("Pida ayuda ahora si tiene:")  # the catalog's words
