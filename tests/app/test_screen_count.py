"""``kiosk validate``'s screens at 40x12 are the screens the kiosk shows: page the real core and
the real summary at 40x12, in English and Spanish, and compare with
:mod:`kiosk.content.screen_count`."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.content.library_nav import LANGUAGE_KEY
from kiosk.content.model import QuestionKind
from kiosk.content.screen_count import (
    MAX_SUMMARY_SCREENS,
    TEXT_WIDTH,
    body_rows,
    core_screens,
    rows_of,
    summary_nav_rows,
    summary_screens,
)
from kiosk.content.summary_words import worst_case_choices
from kiosk.ui.screens.summary import SummaryScreen
from kiosk.ui.screens.topic import TopicScreen
from kiosk.visit.flow import Outcome
from kiosk.words.summary_layout import summary_date_line, summary_parts
from tests.app.flow_driver import answer_all_by_keypad
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
        screen.can_print = True  # Print offered, as validate's worst case counts it
        await go(pilot)
        views = await both_views(pilot, screen)
        assert [paged for paged, _ in views] == [count for _, count in views]
        assert len(views) == (2 if language != "en" else 1)
        if len(session.answers) == len(worst):  # the route took every question: the whole worst case
            original = bilingual.topic(topic.id, "en")
            assert max(paged for paged, _ in views) == summary_screens(topic, bilingual.settings, original, DAY)


def counted(screen: SummaryScreen) -> int:
    """The screens screen_count's arithmetic gives the summary this screen shows, at 40x12, in
    the language it shows now (its keys in the visit's, Print only where the kiosk can print)."""
    heading = summary_date_line(screen.shown_topic.title, screen.today, screen.shown_language, TEXT_WIDTH)
    nav = summary_nav_rows(screen.topic.language, screen.toggle_labels(), printing=screen.can_print)
    rows = body_rows(screen.heading, heading, nav)
    return len(summary_parts(screen.summary_body(), TEXT_WIDTH, rows))


async def both_views(pilot, screen: SummaryScreen) -> list[tuple[int, int]]:
    """(screens paged, screens counted) for the language shown and, on a visit in another
    language than the clinic's first, for the provider's after key 7."""
    out = [(await screens_to_the_end(pilot, screen), counted(screen))]
    if screen.toggle_labels():
        await go(pilot, "7")
        assert screen.shown_language != screen.topic.language and screen.part == 0
        out.append((await screens_to_the_end(pilot, screen), counted(screen)))
    return out


@LANGUAGES
async def test_a_typical_summary_takes_the_screens_the_count_gives(make_app, bilingual, language):
    """A visit answered the way most are (one answer a question, by keypad), through the real
    screens: the count's layout pages the summary as the kiosk does, in each language it shows
    (the provider's English behind key 7 on a Spanish visit), and takes no more than the six
    screens a provider scans."""
    app = make_app(bilingual)
    async with app.run_test(size=(40, 12)) as pilot:
        await choose_language(pilot, language)
        await go(pilot, "1", "3", "1")  # the topic, its questions, start
        await answer_all_by_keypad(pilot)
        await go(pilot)
        await go(pilot, "1")  # all correct: the summary
        screen = app.screen
        assert isinstance(screen, SummaryScreen) and screen.topic.language == language
        drawn = summary_date_line(screen.topic.title, screen.today, language, TEXT_WIDTH)
        assert screen.query_one("#page-heading").size.height == rows_of(drawn)  # as the count takes it
        views = await both_views(pilot, screen)
        assert [paged for paged, _ in views] == [count for _, count in views]
        assert len(views) == (2 if language != "en" else 1)
        assert max(paged for paged, _ in views) <= MAX_SUMMARY_SCREENS
