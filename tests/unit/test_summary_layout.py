"""The provider summary at 40x12: the topic and day on one line where they fit, every answer
whole on a screen, and the provider's copy (a heading and its answers) never cut from its
heading, starting a screen of its own when it does not fit under the patient's answers."""

from __future__ import annotations

import datetime as dt

from kiosk.words.page_layout import screenfuls
from kiosk.words.summary_layout import keys_fit_three_a_row, summary_date_line, summary_parts

DAY = dt.date(2026, 9, 30)
WIDTH = 38


def texts(parts):
    return [[line.text for line in part] for part in parts]


def test_the_day_in_words_when_the_line_fits():
    assert summary_date_line("Muscle cramps", DAY, "en", WIDTH) == "Muscle cramps, September 30, 2026"


def test_the_day_alone_when_the_topic_and_day_would_wrap():
    # "Calambres musculares, 30 de septiembre de 2026" is 46 cells: two rows at 40 columns
    assert summary_date_line("Calambres musculares", DAY, "es", WIDTH) == "30 de septiembre de 2026"


def test_the_whole_line_where_even_the_day_alone_would_wrap():
    assert summary_date_line("Calambres", DAY, "es", 12) == "Calambres, 30 de septiembre de 2026"


def test_answers_alone_split_as_any_page_does():
    body = "\n".join(f"- Label {n}: an answer of a few words that wraps." for n in range(7))
    for height in (2, 3, 4, 5):
        assert len(summary_parts(body, WIDTH, height)) == len(screenfuls(body, WIDTH, height))


def test_the_provider_copy_follows_on_the_same_screen_when_it_fits():
    body = "- Donde: pie.\n\nFor your provider, in English:\n- Where: foot."
    assert texts(summary_parts(body, WIDTH, 5)) == [
        ["Donde: pie.", "", "For your provider, in English:", "Where: foot."]]


def test_the_provider_copy_starts_its_own_screen_when_it_does_not_fit():
    body = "- Donde: pie.\n- Dura: segundos.\n\nFor your provider, in English:\n- Where: foot.\n- Lasts: seconds."
    assert texts(summary_parts(body, WIDTH, 4)) == [
        ["Donde: pie.", "Dura: segundos."],
        ["For your provider, in English:", "Where: foot.", "Lasts: seconds."]]


def test_the_provider_heading_never_ends_a_screen_alone():
    # two rows left under the Spanish answers: room for the heading, not for its first answer
    body = ("- Donde: pie.\n\nFor your provider, in English:\n"
            "- Body parts: calf, back thigh, front thigh, foot and hand.\n- Lasts: seconds.")
    for height in (3, 4, 5):
        for part in summary_parts(body, WIDTH, height):
            if "For your provider, in English:" in [line.text for line in part]:
                assert part[-1].text != "For your provider, in English:", height


def test_the_last_answer_is_not_alone_but_the_heading_keeps_its_first():
    body = "- A: one.\n- B: two.\n\nFor your provider, in English:\n- A: one.\n- B: two."
    parts = texts(summary_parts(body, WIDTH, 3))
    assert parts == [["A: one.", "B: two."], ["For your provider, in English:", "A: one.", "B: two."]]
    parts = texts(summary_parts(body, WIDTH, 2))
    assert ["For your provider, in English:", "A: one."] in parts  # the heading with its first answer


def test_the_summary_keys_fit_three_a_row_at_40_columns_in_both_languages():
    assert keys_fit_three_a_row("en", WIDTH) and keys_fit_three_a_row("es", WIDTH)


def test_keys_too_wide_for_three_a_row_stay_two_a_row():
    assert not keys_fit_three_a_row("es", 30)
