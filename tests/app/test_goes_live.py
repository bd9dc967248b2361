"""When a content change goes live, driven through Pilot.

The rule staff read in docs/DEPLOYMENT.md: new, valid content goes live as soon as the kiosk is
on its home screen with nothing of a visit to lose (no answer begun, the language as it starts,
the sound as it starts), at the latest one content check (2 s) after that; otherwise it waits
for Finish or the inactivity reset. These tests walk each side of that rule as a patient would,
and call the content timer's callback instead of waiting 2 s for it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kiosk.content.loader import load_library
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.question import QuestionScreen
from kiosk.ui.screens.topic_start import TopicStartScreen
from tests.app.screen_text import screen_text
from tests.app.waits import settle
from tests.conftest import CONTENT

SIZE = (80, 24)
OLD_NAME, NEW_NAME = "Riverside Family Clinic", "Lakeside Health Centre"
NO_IDLE = 100_000  # the inactivity reset kept out of the way: only the content rule acts here


@pytest.fixture
def content_copy(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root, ignore=shutil.ignore_patterns("var"))
    settings = root / "kiosk.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("debounce_seconds: 0.3", "debounce_seconds: 0"), encoding="utf-8")
    return root


@pytest.fixture
def live_app(make_app, content_copy):
    result = load_library(content_copy)
    assert result.ok
    return make_app(result.library, watch_content=True, idle_timeout=NO_IDLE)


def rename_clinic(content: Path) -> None:
    """A content change staff might publish; the mtime moves on so the watcher sees it at once."""
    path = content / "kiosk.yaml"
    text = path.read_text(encoding="utf-8")
    assert f"clinic_name: {OLD_NAME}" in text
    before = path.stat().st_mtime_ns
    path.write_text(text.replace(OLD_NAME, NEW_NAME, 1), encoding="utf-8")
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


async def content_check(pilot) -> None:
    """One tick of the content timer (every 2 s in the kiosk), and whatever it starts."""
    pilot.app._poll_content()
    await settle(pilot)


async def test_content_that_arrived_while_a_topic_was_open_goes_live_after_back_at_home(live_app, content_copy):
    """The nurse's case: a fix checked while a topic was open must not wait for Finish once the
    kiosk is back on home with nothing answered."""
    app = live_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")  # a topic's first screen
        await settle(pilot)
        assert isinstance(app.screen, TopicStartScreen)
        rename_clinic(content_copy)
        await content_check(pilot)
        assert app.pending_library is not None  # not swapped under the person reading
        await pilot.press("escape")  # Back: home again
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await content_check(pilot)
        assert NEW_NAME in screen_text(app) and app.pending_library is None


async def test_content_goes_live_at_home_after_the_questions_were_left_unanswered(live_app, content_copy):
    """Questions opened, nothing answered, Home pressed: nothing to lose, so it goes live."""
    app = live_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "3", "1")  # the topic's questions, past their introduction
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen) and app.visit.flow is not None
        await pilot.press("home")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        rename_clinic(content_copy)
        await content_check(pilot)
        assert NEW_NAME in screen_text(app) and app.pending_library is None


async def test_a_patient_who_chose_another_language_keeps_it_while_content_waits(live_app, content_copy):
    """A language change is a visit in progress: home stays in Spanish until Finish."""
    app = live_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8")  # Español
        await settle(pilot)
        assert app.visit.language == "es"
        rename_clinic(content_copy)
        await content_check(pilot)
        await content_check(pilot)
        assert app.visit.language == "es" and isinstance(app.screen, HomeScreen)
        assert app.pending_library is not None and OLD_NAME in screen_text(app)
        await pilot.press("9")  # Terminar: the next person
        await settle(pilot)
        assert NEW_NAME in screen_text(app) and app.pending_library is None
        assert app.visit.language == "en"


async def test_speech_turned_on_at_home_is_not_turned_off_by_waiting_content(live_app, content_copy):
    """A listener at home who turned speech on has something to lose: the content waits."""
    app = live_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await settle(pilot)
        assert app.speech.enabled
        rename_clinic(content_copy)
        await content_check(pilot)
        await content_check(pilot)
        assert app.speech.enabled and app.pending_library is not None
        await pilot.press("slash")  # off again: the sound is as it starts, nothing to lose
        await settle(pilot)
        await content_check(pilot)
        assert NEW_NAME in screen_text(app) and app.pending_library is None


async def test_answers_kept_at_home_keep_the_content_waiting_until_finish(live_app, content_copy):
    """An answer begun is something to lose, even on home: only Finish brings the change."""
    app = live_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "3", "1", "8")  # the questions, and a first answer: "No, none of these"
        await settle(pilot)
        assert app.visit.flow is not None and app.visit.flow.begun
        await pilot.press("home")
        await settle(pilot)
        rename_clinic(content_copy)
        await content_check(pilot)
        await content_check(pilot)
        assert isinstance(app.screen, HomeScreen) and OLD_NAME in screen_text(app)
        await pilot.press("9")
        await settle(pilot)
        assert NEW_NAME in screen_text(app) and app.pending_library is None
