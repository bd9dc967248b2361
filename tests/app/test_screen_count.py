"""``kiosk validate``'s screens at 40x12 are the screens the kiosk shows: page the real core and
the real summary at 40x12, in English and Spanish, and compare with
:mod:`kiosk.content.screen_count`."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.content.library_nav import LANGUAGE_KEY
from kiosk.content.model import QuestionKind
from kiosk.content.screen_count import core_screens, nav_rows, page_screens, summary_screens
from kiosk.content.summary_words import worst_case_choices
from kiosk.ui.screens.summary import SummaryScreen
from kiosk.ui.screens.topic import TopicScreen
from kiosk.visit.flow import Outcome
from tests.app.test_speech_ui import go
from tests.conftest import tuned

LANGUAGES = pytest.mark.parametrize("language", ["en", "es"])
DAY = dt.date(2026, 9, 30)  # a long month name


@pytest.fixture
def bilingual(library):
    return tuned(library, languages=["en", "es"])


async def screens_to_the_end(pilot, screen) -> int:
    shown = 1
    for _ in range(500):
        if screen.at_end:
            return shown
        await go(pilot, "right")
        shown += 1
    raise AssertionError("never reached the end")


async def choose_language(pilot, language: str) -> None:
    await go(pilot)
    if language != "en":
        await go(pilot, LANGUAGE_KEY)
    assert pilot.app.visit.language == language


@LANGUAGES
async def test_the_core_takes_the_screens_validate_counts(make_app, bilingual, language):
    app = make_app(bilingual)
    async with app.run_test(size=(40, 12)) as pilot:
        await choose_language(pilot, language)
        await go(pilot, "1", "1")  # the topic, read from the start
        screen = app.screen
        assert isinstance(screen, TopicScreen) and screen.topic.language == language
        assert await screens_to_the_end(pilot, screen) == core_screens(screen.topic)


@LANGUAGES
async def test_the_worst_case_summary_takes_the_screens_validate_counts(make_app, bilingual, language):
    app = make_app(bilingual)
    async with app.run_test(size=(40, 12)) as pilot:
        await choose_language(pilot, language)
        topic, session = app.controller.start_flow(app.controller.visible_topics()[0].id)
        worst = {question.id: chosen for question, chosen in worst_case_choices(topic.flow)}
        while session.outcome is Outcome.CONTINUE:
            question = session.current
            if question.kind is QuestionKind.MULTI:
                for choice in worst[question.id]:
                    session.toggle(choice.id)
                session.done()
            else:
                session.choose(worst[question.id][0].id)
        screen = SummaryScreen(topic, session, DAY)
        await app.push_screen(screen)
        await go(pilot)
        shown = await screens_to_the_end(pilot, screen)
        # the layout, on the body the screen shows
        assert shown == page_screens(screen.heading, screen.date_line, screen.summary_body(), nav_rows(6))
        if len(session.answers) == len(worst):  # the route took every question: the whole worst case
            original = bilingual.topic(topic.id, "en")
            assert shown == summary_screens(topic, bilingual.settings, original, DAY)
