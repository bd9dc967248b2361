"""A topic's review status on the real screens: a draft says plainly, in the patient's language,
that the clinic's clinicians have not reviewed it; a reviewed topic says who checked it; staff
mode lists the drafts."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.content.library_nav import LANGUAGE_KEY
from kiosk.content.model import ReviewStatus
from kiosk.ui.screens.staff_topics import StaffTopicsScreen
from kiosk.ui.screens.topic_notes import AboutScreen
from tests.app.screen_text import screen_text
from tests.app.test_speech_ui import go, unspoken_lines
from tests.app.test_staff_ui import open_staff, with_pin
from tests.conftest import tuned

SIZES = pytest.mark.parametrize("size", [(40, 12), (80, 24)], ids=["40x12", "80x24"])
DRAFT_EN = "The clinic's doctors and nurses have not yet reviewed this topic."
DRAFT_ES = "Los médicos y enfermeros de la clínica todavía no han revisado este tema."


def with_status(library, status: ReviewStatus):
    topics = tuple(t.model_copy(update={"review": t.review.model_copy(update={"status": status})})
                   for t in library.topics)
    return dataclasses.replace(library, topics=topics)


def about_text(app) -> str:
    """Every part of the About screen, as drawn, turning with Next until its end."""
    return " ".join(screen_text(app).split())


async def read_about(pilot) -> tuple[str, str]:
    """All the About screen's text, turning to its end, and what was said for its first part."""
    said = " ".join(u.text for u in pilot.app.speech.last_screen)
    seen = []
    screen = pilot.app.screen
    assert isinstance(screen, AboutScreen)
    if pilot.app.visit.language == "en":  # unspoken_lines knows the English key guide and banner
        assert unspoken_lines(pilot.app) == []
    for _ in range(30):
        seen.append(about_text(pilot.app))
        if screen.at_end:
            return " ".join(seen), said
        await go(pilot, "right")
    raise AssertionError("the About screen never ended")


@SIZES
async def test_a_draft_says_on_about_that_no_clinician_has_reviewed_it(make_app, library, size):
    lib = with_status(library, ReviewStatus.DRAFT)
    topic = lib.topics[0]
    app = make_app(lib)
    async with app.run_test(size=size) as pilot:
        await go(pilot, "1", "6")
        text, said = await read_about(pilot)
        assert DRAFT_EN in text and DRAFT_EN in said
        assert "Checked for this kiosk" not in text  # a draft was never "checked"
        assert topic.review.by.split()[0] in text


@SIZES
async def test_a_draft_says_so_in_spanish_on_a_spanish_visit(make_app, library, size):
    lib = tuned(with_status(library, ReviewStatus.DRAFT), languages=["en", "es"])
    app = make_app(lib)
    async with app.run_test(size=size) as pilot:
        await go(pilot, LANGUAGE_KEY, "1", "6")
        assert app.visit.language == "es"
        text, said = await read_about(pilot)
        assert DRAFT_ES in text and "Escrito para este quiosco por" in text
        assert DRAFT_ES in said  # and said, in Spanish
        assert DRAFT_EN not in text and "Written for" not in text


async def test_a_reviewed_topic_says_who_checked_it_and_nothing_of_a_draft(make_app, library):
    lib = with_status(library, ReviewStatus.REVIEWED)
    topic = lib.topics[0]
    app = make_app(lib)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot, "1", "6")
        text, said = await read_about(pilot)
        assert f"Checked for this kiosk by {topic.review.by}" in text.replace("\n", " ")
        assert DRAFT_EN not in text


async def test_staff_topics_mark_a_draft_beside_its_name(make_app, library):
    lib = with_pin(with_status(library, ReviewStatus.DRAFT))
    topic = lib.topics[0]
    app = make_app(lib)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_staff(pilot)
        await go(pilot, "2")
        assert isinstance(app.screen, StaffTopicsScreen)
        assert f"{topic.title} (draft)" in screen_text(app)


async def test_staff_content_warnings_list_the_drafts(make_app, library):
    lib = with_pin(with_status(library, ReviewStatus.DRAFT))
    app = make_app(lib)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_staff(pilot)
        report = app.screen.warnings()
        assert "Drafts no clinician has reviewed yet" in report
        for topic in lib.topics:
            assert f"{topic.id} ({topic.language}): {topic.title}" in report
