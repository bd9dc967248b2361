"""A topic with no version in the patient's language: listed on that language's home marked with
the language it is in ("en inglés"), and opened in it, never hidden; staff mode flags it."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.content.library_nav import LANGUAGE_KEY
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.staff_topics import StaffTopicsScreen
from kiosk.ui.screens.topic_start import TopicStartScreen
from tests.app.screen_text import screen_text
from tests.app.test_speech_ui import go
from tests.app.test_staff_ui import open_staff, with_pin
from tests.conftest import tuned

SIZES = pytest.mark.parametrize("size", [(40, 12), (80, 24)], ids=["40x12", "80x24"])


@pytest.fixture
def english_only(library):
    """The shipped library on a kiosk of English and Spanish, plus a topic written only in English."""
    original = next(t for t in library.topics if t.language == "en")
    lonely = original.model_copy(update={"id": "hiccups", "title": "Hiccups"})
    return tuned(dataclasses.replace(library, topics=(*library.topics, lonely)), languages=["en", "es"])


@SIZES
async def test_the_spanish_home_lists_an_english_only_topic_marked_en_ingles(make_app, english_only, size):
    app = make_app(english_only)
    async with app.run_test(size=size) as pilot:
        await go(pilot, LANGUAGE_KEY)
        assert app.visit.language == "es" and isinstance(app.screen, HomeScreen)
        labels = [entry.label for entry in app.screen.all_entries]
        assert "Hiccups (en inglés)" in labels
        spanish = next(t for t in english_only.topics if t.language == "es")
        assert spanish.title in labels  # a topic with a Spanish version is listed as before, unmarked
        assert "Hiccups (en inglés)" in screen_text(app)


async def test_it_opens_in_english_with_the_kiosks_words_in_spanish(make_app, english_only):
    app = make_app(english_only)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot, LANGUAGE_KEY)
        index = [entry.label for entry in app.screen.all_entries].index("Hiccups (en inglés)")
        await go(pilot, str(index + 1))
        screen = app.screen
        assert isinstance(screen, TopicStartScreen)
        assert screen.topic.id == "hiccups" and screen.topic.language == "en"
        assert "Leer desde el principio" in screen_text(app) or "Leer" in screen_text(app)
        await go(pilot, "1")  # its pages, in English
        assert screen.topic.pages[0].heading in screen_text(app)


async def test_the_english_home_is_unchanged(make_app, english_only):
    app = make_app(english_only)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        labels = [entry.label for entry in app.screen.all_entries]
        assert "Hiccups" in labels and not any("(" in label for label in labels)


async def test_staff_topics_flag_a_topic_missing_a_language(make_app, english_only):
    app = make_app(with_pin(english_only))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_staff(pilot)
        await go(pilot, "2")
        assert isinstance(app.screen, StaffTopicsScreen)
        text = screen_text(app)
        assert "Hiccups (" in text and "no 'es' version" in text


async def test_its_pages_are_said_in_english_by_the_english_voice(make_app, english_only):
    app = make_app(english_only)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot, LANGUAGE_KEY)
        index = [entry.label for entry in app.screen.all_entries].index("Hiccups (en inglés)")
        await go(pilot, str(index + 1), "1")
        heading = app.screen.topic.pages[0].heading
        said = {u.text: u.language for u in app.speech.last_screen}
        assert said[heading if heading[-1:] in ".?!:" else heading + "."] == "en"
        assert said[next(t for t in said if t.startswith("Página"))] == "es"  # the kiosk's own words
