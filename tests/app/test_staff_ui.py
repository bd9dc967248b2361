"""Staff mode, live content and usage counts, driven through Pilot.

Staff entry by the hidden key sequence and the PIN (never shown or spoken, K-P2), the lockout
with a fake clock, the staff screen's own idle close, topics on/off, reloading good, broken and
half-written content (the last good content stays), and a scripted patient session whose
SQLite counters hold the expected counts and no answer or time of day (K-P2).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest

from kiosk.content.loader import load_library
from kiosk.content.model import QuestionKind
from kiosk.host import exit_codes
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.question import QuestionScreen
from kiosk.ui.screens.review import ReviewScreen
from kiosk.ui.screens.staff_menu import SPEECH_TEST, StaffScreen
from kiosk.ui.screens.staff_pin import PIN_DOT, PinPadScreen
from kiosk.ui.screens.staff_topics import StaffTopicsScreen
from kiosk.ui.screens.summary import SummaryScreen
from kiosk.ui.screens.topic import TopicScreen
from kiosk.visit.staff import hash_pin, set_pin_in_file
from kiosk.visit.topic_switches import DISABLED_TOPICS_FILE, load_disabled_topics
from kiosk.visit.usage import USAGE_FILE, UsageEvent, UsageLog
from kiosk.words.ui_words import THANKS
from tests.app.flow_driver import safe_choice_keys
from tests.app.screen_text import screen_text
from tests.app.waits import settle
from tests.conftest import CONTENT, FAKE_WALL_START, tuned

SIZE = (80, 24)
WIDE = (240, 50)  # long tmp paths in file:line messages stay on one line
PIN = "2468"
FAST_HASH = hash_pin(PIN, n=2**4)  # a small scrypt n keeps the tests fast
OLD_NAME, NEW_NAME = "Riverside Family Clinic", "Lakeside Health Centre"
NO_IDLE = 100_000  # the app's own patient idle reset kept out of the way


def with_pin(library, **staff):
    return tuned(library, staff=library.settings.staff.model_copy(update={"pin_hash": FAST_HASH, **staff}))


async def open_pin_pad(pilot):
    await pilot.press("0", "minus", "0", "minus", "0")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PinPadScreen)


async def type_pin(pilot, pin=PIN):
    await pilot.press(*pin, "enter")
    await pilot.pause()


async def open_staff(pilot):
    await open_pin_pad(pilot)
    await type_pin(pilot)
    assert isinstance(pilot.app.screen, StaffScreen)


async def reload_now(pilot):
    """Staff's "Reload now" without the menu: the app's one content worker, waited for."""
    worker = pilot.app.load_content_worker()
    await worker.wait()
    await settle(pilot)
    return worker.result


# --------------------------------------------------------------------------- PIN pad


async def test_key_sequence_on_home_then_the_pin_opens_the_staff_screen(make_app, library):
    """K-P2: 0 - 0 - 0 on home opens the PIN pad; the PIN shows as dots only, never the digits."""
    app = make_app(with_pin(library))
    async with app.run_test(size=SIZE) as pilot:
        await open_pin_pad(pilot)
        for typed in range(1, len(PIN) + 1):
            await pilot.press(PIN[typed - 1])
            text = screen_text(app)
            assert f"PIN: {PIN_DOT * typed}" in text
            if typed > 1:  # (a single digit is on the pad's keys anyway)
                assert PIN[:typed] not in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StaffScreen)
        assert "Reload content now" in screen_text(app)
        assert len(app.screen_stack) == 2  # the PIN pad was replaced, not stacked


async def test_the_pin_is_never_spoken_and_not_kept_after_enter(make_app, library):
    """K-P2: with speech on, nothing said on the PIN pad contains a typed digit."""
    app = make_app(with_pin(library))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")  # speech on, so every screen is spoken
        await open_pin_pad(pilot)
        pad = app.screen
        await pilot.press("1", "3", "5", "7")
        assert pad._pin == "1357"  # only here, in memory
        await pilot.press("enter")
        await pilot.pause()
        assert pad._pin == ""  # dropped as soon as it was checked
        assert "Wrong PIN. 4 tries left." in screen_text(app)
        await type_pin(pilot)
        assert isinstance(app.screen, StaffScreen)
        spoken = app.speech.texts
        assert "Staff PIN" in spoken and any("Wrong PIN" in t for t in spoken)
        for text in spoken:
            assert "1357" not in text and PIN not in text
            assert not re.fullmatch(r"\W*\d\W*", text), f"a single digit was spoken: {text!r}"


async def test_wrong_pins_show_tries_left_then_lock_for_five_minutes(make_app, library, clock):
    """Five wrong PINs lock staff entry; the right PIN is refused until the fake clock moves on."""
    app = make_app(with_pin(library), idle_timeout=NO_IDLE)
    async with app.run_test(size=SIZE) as pilot:
        await open_pin_pad(pilot)
        for left in (4, 3, 2, 1):
            await type_pin(pilot, "1111")
            assert f"Wrong PIN. {left} {'tries' if left > 1 else 'try'} left." in screen_text(app)
        await type_pin(pilot, "1111")
        assert "locked" in screen_text(app) and "5 minutes" in screen_text(app)
        await type_pin(pilot)  # the right PIN, but locked
        assert isinstance(app.screen, PinPadScreen)
        assert "locked" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        clock.advance(120)
        await open_pin_pad(pilot)
        assert "3 minutes" in screen_text(app)  # shown at once on the next visit
        clock.advance(181)
        await type_pin(pilot)
        assert isinstance(app.screen, StaffScreen)


async def test_a_lock_made_by_another_kiosk_process_shows_as_the_pad_opens(make_app, library, clock, tmp_path):
    """The lockout is the machine's, not this kiosk's: another kiosk (a second page of `kiosk
    serve`) locking it shows here at once, and the right PIN is refused."""
    from kiosk.visit.controller import KioskController

    lib = tuned(with_pin(library), data_dir=tmp_path / "data")
    app = make_app(lib, idle_timeout=NO_IDLE)
    async with app.run_test(size=SIZE) as pilot:
        other = KioskController(lib, clock=clock, wall_clock=lambda: FAKE_WALL_START + clock())
        for _ in range(5):  # while this kiosk is already running
            other.try_pin("1111")
        await open_pin_pad(pilot)
        assert "locked" in screen_text(app) and "5 minutes" in screen_text(app)
        await type_pin(pilot)
        assert isinstance(app.screen, PinPadScreen)


async def test_a_data_folder_that_cannot_be_written_refuses_staff_mode_and_says_why(
    make_app, library, tmp_path, caplog
):
    """Fail closed: where wrong PINs cannot be counted none is checked, not even the right one;
    staff read why on the pad (no path: patients can get here) and the log names the folder."""
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    app = make_app(tuned(with_pin(library), data_dir=blocker), idle_timeout=NO_IDLE)
    async with app.run_test(size=WIDE) as pilot:
        await open_pin_pad(pilot)
        assert "Staff mode is refused" in screen_text(app)  # before anything is typed
        await type_pin(pilot)  # the right PIN
        assert isinstance(app.screen, PinPadScreen)
        shown = " ".join(screen_text(app).split())
        assert "cannot save its count of wrong PINs, so it accepts no PIN" in shown
        assert "data folder writable" in shown and str(blocker) not in shown
    logged = [r.getMessage() for r in caplog.records if "staff mode refused" in r.getMessage()]
    assert logged and str(blocker) in logged[-1]


async def test_without_a_pin_patients_are_shown_nothing_of_the_machine(make_app, library):
    """With no PIN set, 0-0-0 once showed every patient the content folder's absolute path."""
    app = make_app(tuned(library, staff=library.settings.staff.model_copy(update={"pin_hash": None})))
    async with app.run_test(size=SIZE) as pilot:
        await open_pin_pad(pilot)
        text = screen_text(app)
        assert "not set up" in text
        assert str(app.library.root) not in text and "set-pin" not in text
        assert "PIN:" not in text and "Del" not in text  # no pad, nothing to type into
        assert [i.label for i in app.screen.choices.items] == ["Back"]
        await pilot.press(*PIN, "enter")
        await pilot.pause()
        assert not isinstance(app.screen, StaffScreen)
        await pilot.press("0")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_the_on_screen_pad_works_by_touch(make_app, library):
    """K-I1: the PIN can be entered by touching the pad's keys."""
    app = make_app(with_pin(library))
    async with app.run_test(size=SIZE) as pilot:
        await open_pin_pad(pilot)
        keys = {k.value: k for k in app.screen.query(".pad-key")}
        for digit in "9":
            assert await pilot.click(keys[digit])
        assert await pilot.click(keys["delete"])
        for digit in PIN:
            assert await pilot.click(keys[digit])
        assert f"PIN: {PIN_DOT * 4}" in screen_text(app)
        assert await pilot.click(keys["submit"])
        await pilot.pause()
        assert isinstance(app.screen, StaffScreen)


async def test_backspace_deletes_and_escape_leaves_the_pin_pad(make_app, library):
    app = make_app(with_pin(library))
    async with app.run_test(size=SIZE) as pilot:
        await open_pin_pad(pilot)
        await pilot.press("1", "2", "backspace")
        assert f"PIN: {PIN_DOT}" in screen_text(app) and f"PIN: {PIN_DOT * 2}" not in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_enter_with_nothing_typed_leaves_and_the_pin_stops_at_eight_digits(make_app, library):
    """K-I1 for staff: a numeric keypad alone (no Escape key) can leave the PIN pad."""
    app = make_app(with_pin(library))
    async with app.run_test(size=SIZE) as pilot:
        await open_pin_pad(pilot)
        await pilot.press(*"0123456789")  # 0 is a digit here, not Back
        assert isinstance(app.screen, PinPadScreen)
        assert f"PIN: {PIN_DOT * 8}" in screen_text(app) and PIN_DOT * 9 not in screen_text(app)
        await pilot.press(*["backspace"] * 8, "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.staff_gate.locked_seconds_left() == 0  # leaving is not a wrong PIN


# --------------------------------------------------------------------------- staff screen


async def test_staff_mode_closes_by_itself_after_its_idle_time(make_app, library, clock):
    """The staff screen leaves after staff.idle_seconds with no input (fake clock), not before."""
    app = make_app(with_pin(library, idle_seconds=30), idle_timeout=NO_IDLE)
    async with app.run_test(size=SIZE) as pilot:
        await open_staff(pilot)
        clock.advance(20)
        await pilot.pause(0.7)
        assert isinstance(app.screen, StaffScreen)
        await pilot.press("down")  # staff still here
        clock.advance(20)
        await pilot.pause(0.7)
        assert isinstance(app.screen, StaffScreen)
        clock.advance(11)
        await pilot.pause(0.7)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1


async def test_topics_off_hides_the_topic_from_home_and_is_saved(make_app, library, tmp_path):
    """Switching a topic off takes it off home after leaving staff mode; the choice is saved."""
    lib = tuned(with_pin(library), data_dir=tmp_path / "data")
    topic = lib.topics[0]
    app = make_app(lib)
    async with app.run_test(size=SIZE) as pilot:
        assert topic.title in screen_text(app)
        await open_staff(pilot)
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, StaffTopicsScreen)
        assert f"[x] {topic.title}" in screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        assert f"[ ] {topic.title}" in screen_text(app)
        assert topic.id in app.disabled_topics
        saved = (tmp_path / "data" / DISABLED_TOPICS_FILE).read_text(encoding="utf-8")
        assert topic.id in saved.splitlines()
        assert load_disabled_topics(tmp_path / "data") == {topic.id}  # what a restart reads back
        await pilot.press("0")  # back to the staff screen
        await pilot.pause()
        assert isinstance(app.screen, StaffScreen)
        await pilot.press("6")  # leave staff mode
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert topic.title not in screen_text(app)
        assert app.controller.visible_topics() == []
        # and on again
        await open_staff(pilot)
        await pilot.press("2", "1", "0", "6")
        await settle(pilot)
        assert topic.title in screen_text(app)
        assert load_disabled_topics(tmp_path / "data") == set()


async def test_test_speech_speaks_even_when_speech_is_off_and_shows_the_engine(make_app, library):
    app = make_app(with_pin(library))
    async with app.run_test(size=SIZE) as pilot:
        await open_staff(pilot)
        assert not app.speech.enabled
        await pilot.press("3")
        await pilot.pause()
        assert SPEECH_TEST in app.speech.texts
        text = screen_text(app)
        assert "Engine: speech recorded" in text and "Voices" in text


async def test_usage_counts_are_shown_to_staff(make_app, library):
    app = make_app(with_pin(library))
    async with app.run_test(size=SIZE) as pilot:
        app.usage.count(UsageEvent.TOPIC_VIEW, "muscle-spasms")
        app.usage.count(UsageEvent.TOPIC_VIEW, "muscle-spasms")
        await open_staff(pilot)
        await pilot.press("5")
        await pilot.pause()
        text = screen_text(app)
        assert "topic view: 2" in text and "muscle-spasms" in text


async def test_a_long_result_scrolls_with_page_down_at_40_by_12(make_app, library):
    """K-V1: at 40 x 12 the warnings do not fit; Page Down shows the rest."""
    app = make_app(with_pin(library))
    app.errors.extend(f"Error number {n}" for n in range(30))
    async with app.run_test(size=(40, 12)) as pilot:
        await open_staff(pilot)
        await pilot.press("4")
        await pilot.pause()
        box = app.screen.query_one("#staff-result-box")
        assert box.max_scroll_y > 0 and box.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert box.scroll_y > 0
        assert app.screen.choices.highlighted == 3  # the choices did not move


async def test_quit_asks_first_then_quits_the_kiosk(make_app, library):
    app = make_app(with_pin(library))
    async with app.run_test(size=SIZE) as pilot:
        await open_staff(pilot)
        await pilot.press("7")
        await pilot.pause()
        assert "Press 7 again" in screen_text(app) and app.is_running
        await pilot.press("4", "7")  # another choice cancels
        await pilot.pause()
        assert app.is_running and "Press 7 again" in screen_text(app)
        await pilot.press("7")
        await pilot.pause()
    assert app.return_code == exit_codes.MAINTENANCE


async def test_staff_mode_leaves_with_0_or_escape(make_app, library):
    app = make_app(with_pin(library))
    async with app.run_test(size=SIZE) as pilot:
        for key in ("0", "escape"):
            await open_staff(pilot)
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1


# --------------------------------------------------------------------------- live content


@pytest.fixture
def content_copy(tmp_path):
    """A writable copy of the shipped content with no debounce and a known staff PIN."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root, ignore=shutil.ignore_patterns("var"))
    settings = root / "kiosk.yaml"
    text = settings.read_text(encoding="utf-8")
    assert "debounce_seconds: 0.3" in text and f"clinic_name: {OLD_NAME}" in text
    settings.write_text(text.replace("debounce_seconds: 0.3", "debounce_seconds: 0"), encoding="utf-8")
    set_pin_in_file(settings, FAST_HASH)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    write_bytes(path, text.replace(old, new, 1).encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> None:
    """Write and move the mtime on, so the watcher sees it even within one clock tick."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_bytes(data)
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


@pytest.fixture
def live_app(make_app, content_copy):
    result = load_library(content_copy)
    assert result.ok
    return lambda **kw: make_app(result.library, watch_content=True, idle_timeout=NO_IDLE, **kw)


async def test_a_good_edit_goes_live_on_reload(live_app, content_copy):
    app = live_app()
    async with app.run_test(size=SIZE) as pilot:
        assert OLD_NAME in screen_text(app)
        edit(content_copy / "kiosk.yaml", OLD_NAME, NEW_NAME)
        result = await reload_now(pilot)
        assert result.ok
        await settle(pilot)
        assert NEW_NAME in screen_text(app) and OLD_NAME not in screen_text(app)
        assert app.reload_problems == [] and app.pending_library is None


async def test_a_good_edit_is_picked_up_by_the_watcher_on_home(live_app, content_copy):
    app = live_app()
    async with app.run_test(size=SIZE) as pilot:
        edit(content_copy / "topics" / "muscle-spasms.yaml", "title: Muscle cramps",
             "title: Cramps and muscle spasms")
        app._poll_content()  # the timer's callback, run now instead of in 2 s
        await settle(pilot)
        assert "Cramps and muscle spasms" in screen_text(app)


async def test_broken_yaml_keeps_the_last_good_content_and_staff_see_file_and_line(live_app, content_copy):
    app = live_app()
    async with app.run_test(size=WIDE) as pilot:
        good = app.library
        edit(content_copy / "kiosk.yaml", f"clinic_name: {OLD_NAME}", f'clinic_name: "{NEW_NAME}')
        result = await reload_now(pilot)
        await settle(pilot)
        assert not result.ok
        assert app.library is good and app.pending_library is None
        assert OLD_NAME in screen_text(app) and NEW_NAME not in screen_text(app)
        assert app.reload_problems and all(p.line for p in app.reload_problems)
        where = f"{content_copy / 'kiosk.yaml'}:{app.reload_problems[0].line}"
        assert where in str(app.reload_problems[0])
        await open_staff(pilot)
        await pilot.press("4")  # Content warnings
        await pilot.pause()
        assert where in screen_text(app)
        await settle(pilot)
        assert where in app.screen.warnings()


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.99])
async def test_a_half_written_topic_file_never_reaches_the_screen(live_app, content_copy, fraction):
    """A file caught mid-save: refused, last good kept, no crash; the finished save then goes live."""
    app = live_app()
    topic_file = content_copy / "topics" / "muscle-spasms.yaml"
    full = topic_file.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        title = app.library.topics[0].title
        write_bytes(topic_file, full[: int(len(full) * fraction)])
        app._poll_content()
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, HomeScreen)
        assert title in screen_text(app)
        assert app.reload_problems and any("muscle-spasms.yaml" in str(p) for p in app.reload_problems)
        assert app.pending_library is None
        # the save completes, with a change
        write_bytes(topic_file, full.replace(b"title: Muscle cramps", b"title: Cramps and spasms"))
        app._poll_content()
        await settle(pilot)
        assert "Cramps and spasms" in screen_text(app) and app.reload_problems == []


async def test_garbage_and_a_vanished_topics_folder_never_crash_the_kiosk(live_app, content_copy):
    app = live_app()
    async with app.run_test(size=SIZE) as pilot:
        title = app.library.topics[0].title
        write_bytes(content_copy / "kiosk.yaml", b"\xff\xfe\x00 not yaml \x00")
        assert not (await reload_now(pilot)).ok
        shutil.rmtree(content_copy / "topics")
        assert not (await reload_now(pilot)).ok
        await settle(pilot)
        assert app.is_running and title in screen_text(app)


async def test_a_good_edit_waits_while_a_patient_is_mid_flow(live_app, content_copy):
    """Never swapped under a patient: applied only after the visit ends."""
    app = live_app()
    async with app.run_test(size=SIZE) as pilot:
        good = app.library
        await pilot.press("1", "3", "1")  # the questions, from home
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press(*safe_choice_keys(app.screen))  # an answer: now the visit has something to lose
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.controller.visit.in_progress(app.library.settings.languages[0])
        edit(content_copy / "kiosk.yaml", OLD_NAME, NEW_NAME)
        app._poll_content()
        await settle(pilot)
        assert app.pending_library is not None
        assert app.library is good and isinstance(app.screen, QuestionScreen)
        await pilot.press("home")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert OLD_NAME in screen_text(app)  # home, but the person has not finished yet
        await pilot.press("9")  # Finish and clear the screen
        await settle(pilot)
        assert NEW_NAME in screen_text(app) and app.pending_library is None


async def test_reload_from_the_staff_screen_shows_errors_or_waits_for_leaving(live_app, content_copy):
    app = live_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_staff(pilot)
        edit(content_copy / "kiosk.yaml", f"clinic_name: {OLD_NAME}", "clinic_name: [oops")
        await pilot.press("1")
        await settle(pilot)
        text = screen_text(app)
        assert "Last reload refused: 1 error(s)" in text and f"{content_copy / 'kiosk.yaml'}:" in text
        assert isinstance(app.screen, StaffScreen)
        edit(content_copy / "kiosk.yaml", "clinic_name: [oops", f"clinic_name: {NEW_NAME}")
        await pilot.press("1")
        await settle(pilot)
        topics = len(load_library(content_copy).library.topics)  # English and Spanish files
        assert f"New content is good and waits: {topics} topic(s)" in screen_text(app)
        assert isinstance(app.screen, StaffScreen)  # not swapped from under staff either
        assert app.pending_library is not None
        await pilot.press("6")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and NEW_NAME in screen_text(app)


# --------------------------------------------------------------------------- helpful + usage


async def test_was_this_helpful_is_asked_once_at_the_end_of_a_topic(make_app, library):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "1")  # the topic's first screen, read from the start
        screen = app.screen
        assert isinstance(screen, TopicScreen)
        assert "Helpful" not in [i.label for i in screen.choices.items]  # only at the end
        for _ in range(200):
            if screen.at_end:
                break
            await pilot.press("1")
        await pilot.pause()
        labels = [i.label for i in screen.choices.items]
        assert "Helpful" in labels and "Not helpful" in labels and "Home" in labels
        assert "Questions" in labels  # the existing choices stay
        await pilot.press("4")
        await pilot.pause()
        assert app.usage.totals().get(UsageEvent.HELPFUL_YES) == 1
        labels = [i.label for i in screen.choices.items]
        assert "Helpful" not in labels and "Not helpful" not in labels
        assert THANKS.rstrip(".") in screen_text(app)
        await pilot.press("5")  # gone: nothing counted
        await pilot.pause()
        assert UsageEvent.HELPFUL_NO not in app.usage.totals()


DAY = dt.date(2026, 3, 14)


async def answer_the_flow(pilot) -> list[str]:
    """Answer every question with a non-red-flag choice; returns the words of the answers."""
    app = pilot.app
    private: list[str] = []
    for _ in range(100):
        screen = app.screen
        if not isinstance(screen, QuestionScreen):
            break
        question = screen.session.current
        multi = question.kind is QuestionKind.MULTI
        safe = [c for c in question.choices if not c.emergency and not (multi and c.exclusive)]
        choice = safe[0] if multi else safe[-1]
        private += [choice.label, choice.summary, choice.id]
        keys = {i.value: i.key for i in screen.choices.items}
        await pilot.press(keys[choice.id])
        await pilot.pause()
        if question.kind is QuestionKind.MULTI:
            await pilot.press(keys["=done"])
            await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    return private


async def test_a_scripted_visit_is_counted_per_day_with_no_answers_stored(make_app, library, clock, tmp_path):
    """K-P2: the SQLite file holds the expected per-day counts and no answer or time of day."""
    db = tmp_path / "data" / USAGE_FILE
    usage = UsageLog(db, today=lambda: DAY)
    app = make_app(usage=usage, today=lambda: DAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")  # speech on
        await pilot.press("1", "1")  # the topic, read from the start
        screen = app.screen
        assert isinstance(screen, TopicScreen)
        pages_read = 0
        while not screen.at_end:
            await pilot.press("1")
            pages_read += 1
        await pilot.press("4")  # helpful: yes
        await pilot.press("3", "1")  # answer questions, start them after the intro
        await pilot.pause()
        private = await answer_the_flow(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("1")  # all correct: show the summary
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        private += [line for line in screen_text(app).splitlines() if line.startswith("•")]
        await pilot.press("asterisk")  # emergency page
        await pilot.pause()
        await pilot.press("0")
        await pilot.press("9")  # finish, then yes: reset
        await pilot.pause()
        await pilot.press("9")
        await settle(pilot)
        await pilot.press("1", "3", "1")  # a second person: the questions, then a red flag
        await pilot.pause()
        first = app.screen.session.current
        red = next(c for c in first.choices if c.emergency)
        private += [red.label, red.summary]
        keys = {i.value: i.key for i in app.screen.choices.items}
        await pilot.press(keys[red.id])
        await settle(pilot)
        clock.advance(10_000)  # walks away: the idle reset
        await pilot.pause(0.5)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

        topic = library.topics[0].id
        counts = {(event, topic_id): n for day, event, topic_id, n in usage.rows() if day == DAY.isoformat()}
        assert counts == {
            ("speech_on", None): 1,
            ("topic_view", topic): 2,  # the second person opens the topic too: its questions are there
            ("page_read", topic): pages_read,
            ("helpful_yes", topic): 1,
            ("flow_started", topic): 2,
            ("flow_finished", topic): 1,
            ("flow_emergency", topic): 1,
            ("emergency_page", None): 2,
            ("reset", None): 2,
        }
        assert {day for day, *_ in usage.rows()} == {DAY.isoformat()}

        assert usage.failures == 0, usage.last_error
        files = [p for p in db.parent.iterdir() if p.name.startswith(USAGE_FILE)]
        assert {p.name for p in files} >= {USAGE_FILE, USAGE_FILE + "-wal"}  # the WAL is searched too
        stored = b"".join(p.read_bytes() for p in files)
    usage.close()
    assert b"topic_view" in stored
    low = stored.lower()
    words = {w.strip("• .").lower() for w in private if w and len(w.strip("• .")) >= 5}
    assert words, "the session should have produced answer words to look for"
    for word in sorted(words):
        assert word.encode("utf-8") not in low, f"answer text {word!r} found in the usage database"
    assert not re.search(rb"\d\d:\d\d", stored), "a time of day was stored"


async def test_content_warnings_show_reading_grades_checked_on_request(make_app, shipped_library):
    """K-C1: the kiosk does not grade at start (no pronouncing dictionary in memory), but
    staff's content view grades on request, off the UI thread."""
    app = make_app(with_pin(tuned(shipped_library, debounce_seconds=0)))
    async with app.run_test(size=WIDE) as pilot:
        await open_staff(pilot)
        await pilot.press("4")
        await settle(pilot)
        text = screen_text(app)
        assert re.search(r"muscle-spasms \(en\): reading grade \d+\.\d \(Flesch-Kincaid\), SMOG \d+\.\d", text), text
