"""Staff mode's reading levels: each topic graded in its own language, as `kiosk validate` does.

An English grade formula read on Spanish text counts long Spanish words as hard and called the
bundled Spanish topic TOO HARD, while `kiosk validate` rated it "muy fácil" on the INFLESZ scale.
Both now word each topic's level with one function, so they cannot disagree again.
"""

from __future__ import annotations

import re

from kiosk.cli import main
from kiosk.content.content_path import load_content
from kiosk.ui.screens.staff_menu import StaffScreen
from kiosk.visit.staff import hash_pin
from tests.app.screen_text import screen_text
from tests.app.waits import settle
from tests.conftest import CONTENT, tuned

WIDE = (160, 50)
PIN = "2468"
FAST_HASH = hash_pin(PIN, n=2**4)


async def content_warnings(make_app, library) -> str:
    """Staff mode's "4 Content warnings", once its reading levels are in."""
    library = tuned(library, staff=library.settings.staff.model_copy(update={"pin_hash": FAST_HASH}))
    app = make_app(library)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("0", "minus", "0", "minus", "0", *PIN, "enter")
        await settle(pilot)
        assert isinstance(app.screen, StaffScreen)
        await pilot.press("4")
        await settle(pilot)
        text = screen_text(app)
        assert "Checking reading levels" not in text
        return text


async def test_the_bundled_spanish_topic_is_not_too_hard_in_staff_mode(make_app, library):
    text = await content_warnings(make_app, library)
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Reading "))  # the reading levels
    spanish = next(line for line in lines[start:] if "muscle-spasms (es)" in line)
    assert "INFLESZ" in spanish and "fácil" in spanish
    assert "TOO HARD" not in spanish and "grade" not in spanish
    english = next(line for line in lines[start:] if "muscle-spasms (en)" in line)
    assert re.search(r"reading grade \d+\.\d \(Flesch-Kincaid\)", english)


async def test_staff_mode_and_kiosk_validate_word_each_topic_the_same(make_app, library, capsys):
    text = await content_warnings(make_app, library)
    assert main(["validate", "--content", str(CONTENT)]) == 0
    out = capsys.readouterr().out
    graded = load_content(CONTENT, grade=True).library.grades
    assert len(graded) == 2
    for grade in graded:
        line = next(line for line in out.splitlines() if line.startswith(f"{grade.topic_id} ({grade.language}): "))
        assert line in text


def test_a_spanish_topic_below_the_ease_floor_is_too_hard_and_an_easy_english_one_is_not(shipped_library):
    """The flag follows each language's own limit: max_reading_grade, min_reading_ease_es."""
    from kiosk.content.staff_report import grade_lines

    grades = {g.language: g for g in shipped_library.grades}
    strict = shipped_library.settings.model_copy(update={"min_reading_ease_es": 99, "max_reading_grade": 12})
    lines = grade_lines(list(grades.values()), strict)
    assert any("(es)" in line and line.endswith("TOO HARD") for line in lines)
    assert not any("(en)" in line and "TOO HARD" in line for line in lines)
