"""Pictures of every kind of kiosk screen, at the sizes a clinic really uses (K-V1, K-V6).

40x12 is the smallest screen the kiosk must serve complete (large fonts on a 22-inch display);
80x24 is an ordinary terminal and 120x40 a big one. Every picture comes from
:func:`kiosk.ui.screenshots.build_demo_app` (the README's build): shipped content, no speech
engine, in-memory counts, a clock that only moves when told, a fixed summary date, no
debounce, no animation. Screens are reached the way a patient reaches them, by keys from home.

Plain ``def`` tests with ``terminal_size`` always given (pytest-textual-snapshot runs its own
event loop). Update after a deliberate change with ``make snapshots`` and look at the SVGs.
"""

from __future__ import annotations

import pytest

from kiosk.host.clock import FakeClock
from kiosk.ui.screens.still_there import StillThereScreen
from kiosk.ui.screenshots import build_demo_app, press_keys

SMALL, NORMAL, LARGE = (40, 12), (80, 24), (120, 40)
SIZES = pytest.mark.parametrize("size", [SMALL, NORMAL, LARGE], ids=lambda s: f"{s[0]}x{s[1]}")
FLOW_SIZES = pytest.mark.parametrize("size", [SMALL, NORMAL], ids=lambda s: f"{s[0]}x{s[1]}")

# Through the muscle-spasms questions by keys. Home: 1 = the topic; its first screen: 3 = its
# questions; the flow's intro: 1 = start them.
# The two red-flag questions end with 8 "No, none of these"; a multi question is ticked, then 9 Done.
TO_FIRST_QUESTION = ("1", "3", "1")
TO_MULTI_QUESTION = (*TO_FIRST_QUESTION, "8", "8", "2", "2")  # dialysis no, sleeps on the side
TO_REVIEW = (
    *TO_MULTI_QUESTION,
    "1", "9",  # body parts: calf, Done
    "1", "1", "1",  # a few days; seconds; now and then
    "2", "9",  # other symptoms: fever, Done
    "4", "9",  # body changes: none of these, Done
    "1", "9",  # better with: stretching, Done
    "1", "9",  # worse with: exercise, Done
    "1", "9",  # before: hard exercise, Done
    "2",  # a fall or a hurt back: no
    "1",  # alcohol: never
    "7", "9",  # medicines: none, Done
    "2",  # pregnant: no
)
TO_SUMMARY = (*TO_REVIEW, "1")  # 1 = All correct: show my summary


@pytest.fixture
def demo_app():
    made = []

    def build(**kwargs):
        app = build_demo_app(**kwargs)
        made.append(app)
        return app

    yield build
    for app in made:
        app.speech.close()


def keys(*sequence: str):
    """A ``run_before`` that presses keys one by one and lets each screen settle."""

    async def run_before(pilot) -> None:
        await press_keys(pilot, sequence)

    return run_before


@SIZES
def test_home(snap_compare, demo_app, size):
    """K-V1, K-V6: topics, the speech key, the idle time and the emergency banner all fit."""
    assert snap_compare(demo_app(), terminal_size=size)


@SIZES
def test_topic_page(snap_compare, demo_app, size):
    """A topic page split to fit the screen, with its page label and Next / Home."""
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys("1", "1"))


@SIZES
def test_emergency_page(snap_compare, demo_app, size):
    """K-C2, K-V1: the emergency page from home; the big number only where there is room."""
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys("asterisk"))


@FLOW_SIZES
def test_single_choice_question(snap_compare, demo_app, size):
    """The first red-flag question: numbered answers, the first highlighted with a marker (K-V3)."""
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys(*TO_FIRST_QUESTION))


@FLOW_SIZES
def test_multi_choice_question_with_one_box_ticked(snap_compare, demo_app, size):
    """A multi-choice question with [x] on the first answer and [ ] on the rest, then Done."""
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys(*TO_MULTI_QUESTION, "1"))


@FLOW_SIZES
def test_review(snap_compare, demo_app, size):
    """K-I4: every answer listed, each one changeable, before the summary."""
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys(*TO_REVIEW))


@FLOW_SIZES
def test_summary(snap_compare, demo_app, size):
    """K-S10: the provider summary with the (fixed) date, and Read aloud / Change / Finish."""
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys(*TO_SUMMARY))


def test_still_there_warning(snap_compare, demo_app):
    """K-T1, K-V6: the inactivity warning with its countdown, banner still in place, at 40x12."""
    clock = FakeClock()
    app = demo_app(clock=clock)

    async def go_idle(pilot) -> None:
        await press_keys(pilot, ["1", "1"])  # from a topic page: the warning covers what was there
        clock.advance(app.idle_timeout + 5)  # 25 of the 30 warning seconds left
        for _ in range(200):  # the idle poll runs every 0.25 s of real time
            if isinstance(app.screen, StillThereScreen):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, StillThereScreen)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SMALL, run_before=go_idle)


# ---- a whole library: groups, a topic's first screen, contents, words, about ------------------
@pytest.fixture(scope="module")
def grouped_library(tmp_path_factory):
    """40 generated topics in 5 groups: home lists the groups first."""
    from bench.library_gen import generate_library

    return generate_library(tmp_path_factory.mktemp("grouped"), 40, groups=5)


@FLOW_SIZES
def test_grouped_home(snap_compare, demo_app, grouped_library, size):
    """K-V1: a big library's home lists its groups, with where they are ("Groups 1 to 5")."""
    assert snap_compare(demo_app(content=grouped_library), terminal_size=size)


@FLOW_SIZES
def test_topic_first_screen(snap_compare, demo_app, size):
    """Title, summary, and read / contents / questions / danger signs / words / about."""
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys("1"))


@FLOW_SIZES
def test_topic_contents(snap_compare, demo_app, size):
    """The bundled topic's 22 page headings, pickable, "Pages 1 to 6 of 22"."""
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys("1", "2"))


@FLOW_SIZES
def test_words_to_know(snap_compare, demo_app, size):
    """The glossary's hard words explained, split to the screen."""
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys("1", "5"))


@FLOW_SIZES
def test_about_this_topic(snap_compare, demo_app, size):
    """Who checked the topic and when, and its sources."""
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys("1", "6"))


# ---- the same screens in Spanish, reached as a patient does (8 on home) --------------
SPANISH = "8"  # home's language key: "Español: oprima 8"


@FLOW_SIZES
def test_spanish_home(snap_compare, demo_app, size):
    """Home in Spanish, with "English: press 8" in English, the banner in Spanish."""
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys(SPANISH))


@FLOW_SIZES
def test_spanish_topic_page(snap_compare, demo_app, size):
    """A page of the Spanish topic; Spanish runs longer and nothing is cut off."""
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys(SPANISH, "1", "1"))


@FLOW_SIZES
def test_spanish_question(snap_compare, demo_app, size):
    """The first danger-signs question in Spanish, with the "Hay más abajo" line at 40x12."""
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys(SPANISH, *TO_FIRST_QUESTION))


@FLOW_SIZES
def test_spanish_summary(snap_compare, demo_app, size):
    """The summary in Spanish alone, with 7 to show it in English for the provider."""
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys(SPANISH, *TO_SUMMARY))


@FLOW_SIZES
def test_spanish_emergency_page(snap_compare, demo_app, size):
    """The emergency page in Spanish: steps and danger signs from kiosk.yaml."""
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys(SPANISH, "asterisk"))
