"""The provider summary a provider scans in seconds, on screen and on the slip: one line per
label, "Danger signs: none" when none was chosen in each part, no label twice."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil

import pytest

from kiosk.content.model import Flow
from kiosk.content.settings import Paper
from kiosk.desk.slip import render_slip, summary_slip
from kiosk.ui.screens.review import ReviewScreen
from kiosk.ui.screens.summary import SummaryScreen
from tests.app.flow_driver import answer_all_by_keypad
from tests.app.screen_text import screen_text
from tests.app.test_speech_ui import go

SIZES = pytest.mark.parametrize("size", [(40, 12), (80, 24)], ids=["40x12", "80x24"])


def sign(choice_id: str, summary: str, **extra) -> dict:
    return {"id": choice_id, "label": summary.capitalize(), "summary": summary, **extra}


SPLIT_DANGER = Flow.model_validate({
    "title": "Questions for your visit",
    "intro": "A few questions.",
    "questions": [
        {"id": "danger-1", "prompt": "Do you have any of these?", "kind": "multi", "summary_label": "Danger signs",
         "choices": [sign("chest-pain", "chest pain", emergency=True), sign("none-1", "none", exclusive=True)]},
        {"id": "danger-2", "prompt": "Do you have any of these?", "kind": "multi", "summary_label": "Danger signs",
         "choices": [sign("dark-urine", "dark urine", emergency=True), sign("none-2", "none", exclusive=True)]},
        {"id": "where", "prompt": "Where do you get cramps?", "summary_label": "Where",
         "choices": [sign("calf", "calf"), sign("foot", "foot")]},
    ],
})


@pytest.fixture
def split_library(library):
    first = library.topics[0]
    topic = first.model_copy(update={"flow": SPLIT_DANGER})
    return dataclasses.replace(library, topics=(topic, *library.topics[1:]))


async def to_summary(pilot) -> None:
    await go(pilot, "1", "3", "1")  # the topic, its questions, start
    await answer_all_by_keypad(pilot)
    await go(pilot)
    assert isinstance(pilot.app.screen, ReviewScreen)
    await go(pilot, "1")  # all correct
    assert isinstance(pilot.app.screen, SummaryScreen)


@SIZES
async def test_the_summary_on_screen_gives_danger_signs_one_line(make_app, split_library, size):
    app = make_app(split_library)
    async with app.run_test(size=size) as pilot:
        await to_summary(pilot)
        body = app.screen.summary_body()
        assert body.splitlines() == ["- Danger signs: none.", "- Where: foot."]
        assert "Danger signs: none." in " ".join(screen_text(app).split())


async def test_the_review_still_lists_each_answer_to_change_it(make_app, split_library):
    app = make_app(split_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot, "1", "3", "1")
        await answer_all_by_keypad(pilot)
        await go(pilot)
        assert isinstance(app.screen, ReviewScreen)
        labels = [item.label for item in app.screen.choices.items]
        assert labels.count("Danger signs: none") == 2


async def test_the_slip_gives_danger_signs_one_line(make_app, split_library):
    app = make_app(split_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_summary(pilot)
        slip = summary_slip(app.controller, dt.datetime(2026, 12, 4, 9, 30))
        assert slip is not None
        answers = [f"{a.label}: {a.text}" for a in slip.words[0].answers]
        assert answers == ["Danger signs: none", "Where: foot"]
        if shutil.which("pdftotext"):
            from tests.printing.pdf_read import pdf_text

            text = pdf_text(render_slip(slip, Paper.LETTER, font_size=14).data)
            assert text.count("Danger signs") == 1 and "Danger signs: none" in text
