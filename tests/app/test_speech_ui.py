"""The kiosk speaks itself: screens, highlights, keys (K-S1..K-S12), with a recording backend.

RecordingSpeech keeps every Utterance the app hands over, so these tests check what would be
said without a sound card; tests/speech proves the real engine turns text into audio.
"""

from __future__ import annotations

import re

import pytest

from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.flow_intro import FlowIntroScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.question import QuestionScreen
from kiosk.ui.screens.review import ReviewScreen
from kiosk.ui.screens.sound import SoundScreen
from kiosk.ui.screens.still_there import StillThereScreen
from kiosk.ui.screens.summary import SummaryScreen
from kiosk.ui.screens.topic import TopicScreen
from kiosk.ui.screens.topic_start import TopicStartScreen
from kiosk.ui.widgets.emergency_banner import banner_lines
from kiosk.ui.widgets.key_guide import SPOKEN_KEY_HELP, guide_lines
from kiosk.words.ui_words import SPEECH_ON
from tests.app.flow_driver import answer_all_by_keypad
from tests.app.screen_text import screen_lines, screen_text, words

SIZE = (80, 24)


def chrome(app) -> set[str]:
    """Rows drawn on every screen: the banner and key guide, spoken on home and first on the
    emergency page, not on every screen."""
    lines = set()
    for wide in (False, True):
        lines.update(banner_lines(app.library.settings.emergency, narrow=not wide))
    return {*lines, *(line for zero in (None, "Back", "Home") for line in guide_lines(zero))}


def unspoken_lines(app) -> list[str]:
    """Visible rows with a word that is not in what was spoken for this screen."""
    spoken = set(words(" ".join(u.text for u in app.speech.last_screen)))
    spoken |= set(words(" ".join(app.speech.texts[-60:])))
    banner = " ".join(chrome(app))
    missing = []
    for line in screen_lines(app):
        # the "Speech on" sign is the state itself, said as "Speech is on."
        text = re.sub(r"\[[x ]\]", " ", re.sub(rf"\s{SPEECH_ON}\s*$", "", line.replace("▶", " "))).strip()
        if not text or text in banner:
            continue
        if not set(words(text)) <= spoken:
            missing.append(text)
    return missing


async def go(pilot, *keys):
    """Press keys, then let screens settle (workers done, layout split) before listening."""
    for key in keys:
        await pilot.press(key)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_every_screen_speaks_all_its_visible_text(make_app, size):
    """K-S1: on each screen, every word shown (title, body, choices) is in its speech script."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await go(pilot, "slash")
        checked = []

        async def check(kind):
            await pilot.pause()
            assert isinstance(app.screen, kind)
            assert unspoken_lines(app) == [], kind.__name__
            checked.append(kind)

        await check(HomeScreen)
        await go(pilot, "1")
        await check(TopicStartScreen)
        await go(pilot, "1")
        await check(TopicScreen)
        await go(pilot, "1")  # next part/page
        await check(TopicScreen)
        await go(pilot, "asterisk")
        await check(EmergencyScreen)
        await go(pilot, "1")
        await check(EmergencyScreen)
        await go(pilot, "0")
        app.go_home()
        await go(pilot, "full_stop")
        await check(SoundScreen)
        await go(pilot, "0", "1", "3")
        await check(FlowIntroScreen)
        await go(pilot, "1")
        await check(QuestionScreen)
        await answer_all_by_keypad(pilot)
        await go(pilot, "2")  # read my answers aloud: the rest of the visible text
        await check(ReviewScreen)
        await go(pilot, "1")
        await go(pilot, "3")  # read the summary aloud
        await check(SummaryScreen)
        assert len(checked) == 11


async def test_moving_the_highlight_speaks_item_position_and_key(make_app):
    """K-S5: "2 of 3: ... Press 2." and the spoken item is the highlighted item."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "slash", "down")
        choices = app.screen.choices
        assert choices.current.key == "8"  # home: 1 the topic, 8 Español, 9 Finish
        said = app.speech.spoken[-1]  # the language key: in its own words and voice
        assert (said.text, said.language) == ("Español: oprima 8.", "es")
        await go(pilot, "down")
        item = choices.current
        assert item.key == "9"
        assert app.speech.texts[-1] == f"3 of {len(choices.items)}: {item.label}. Press {item.key}."
        assert app.speech.spoken[-1].language == "en"


async def test_speech_key_turns_speech_on_and_says_so_on_every_screen(make_app):
    """K-S2: one key, on every screen; turning on says "Speech is on" then the screen."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for setup in ([], ["1"], ["asterisk"]):
            await go(pilot, *setup)
            assert not app.speech.enabled
            await go(pilot, "slash")
            assert app.speech.enabled
            texts = [t for t in app.speech.texts if t not in SPOKEN_KEY_HELP]  # said once a visit
            assert texts[-len(app.speech.last_screen) - 1] == "Speech is on."
            await go(pilot, "slash")
            assert not app.speech.enabled
            app.go_home()
            await pilot.pause()


async def test_home_tells_how_to_turn_speech_on(make_app):
    """K-S2: announced on the attract screen, on screen and in its script."""
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert "press / (slash)" in " ".join(screen_lines(app))
        assert any("slash" in u.text for u in app.speech.last_screen)


async def test_nothing_is_spoken_by_itself_after_a_reset(shipped_library, make_app):
    """K-S11: even with speech on at start, an empty kiosk does not talk to the room."""
    from tests.conftest import tuned

    lib = tuned(shipped_library, debounce_seconds=0,
                speech=shipped_library.settings.speech.model_copy(update={"enabled_at_start": True}))
    app = make_app(lib)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.speech.enabled and app.speech.spoken == []
        await go(pilot, "1")
        assert app.speech.spoken  # a person pressed a key: now it speaks


async def test_repeat_pause_and_the_sound_menu_keys(make_app):
    """K-S3 repeat and pause; K-S6 volume steps; K-S12 three or more rate steps."""
    app = make_app()
    speech = app.speech
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "slash", "down")
        last = speech.texts[-1]
        await go(pilot, "plus")
        assert speech.texts[-1] == last  # repeat the most recent item
        await go(pilot, "full_stop")
        assert isinstance(app.screen, SoundScreen)
        rate, volume = speech.rate_step, speech.volume_step
        await go(pilot, "3")
        assert speech.rate_step == rate + 1 and "Speed" in speech.texts[-1]
        await go(pilot, "2", "2")
        assert speech.rate_step == rate - 1
        await go(pilot, "5")
        assert speech.volume_step == volume + 1 and "Volume" in speech.texts[-1]
        await go(pilot, "4", "4")
        assert speech.volume_step == volume - 1
        assert len(speech.settings.rate_steps) >= 3 and len(speech.settings.volume_steps) >= 3
        before = len(speech.spoken)
        await go(pilot, "1")  # read the last screen again
        assert len(speech.spoken) > before


async def test_pause_key_pauses_and_resumes(library, make_app):
    """K-S3: pause/resume on the minus key."""
    from kiosk.speech.recording import RecordingSpeech

    speech = RecordingSpeech(library.settings.speech, hold=True)
    app = make_app(speech=speech)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "slash")
        assert speech.busy
        await go(pilot, "minus")
        assert speech.paused
        await go(pilot, "minus")
        assert not speech.paused and "resume" in speech.actions


async def test_any_key_cuts_off_speech(library, make_app):
    """K-S4: a key press or a new screen stops what is being said."""
    from kiosk.speech.recording import RecordingSpeech

    speech = RecordingSpeech(library.settings.speech, hold=True)
    app = make_app(speech=speech)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "slash")
        assert speech.busy
        stops = speech.actions.count("stop")
        await go(pilot, "down")
        assert speech.actions.count("stop") > stops


async def test_emergency_page_speaks_get_help_now_first_and_is_protected(make_app):
    """K-S4 note: the emergency message is protected; its title is spoken first here."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "slash", "asterisk")
        script = list(app.speech.last_screen)
        assert script[0].text == app.library.settings.emergency.title and all(u.protected for u in script)


async def test_still_there_warning_is_spoken(make_app, clock):
    """K-T1: the countdown is said aloud, not only shown."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "slash", "1")
        clock.advance(app.idle_timeout + 1)
        await pilot.pause(0.7)
        assert isinstance(app.screen, StillThereScreen)
        assert "Are you still there?" in app.speech.texts


async def test_a_listener_goes_from_home_to_the_summary_by_ear_and_keypad(make_app):
    """K-S1/K-S5/K-I1 together: choose every key from what was SPOKEN, never from the screen."""
    app = make_app()
    speech = app.speech
    press_re = re.compile(r"^(?P<label>.*)\. Press (?P<key>\d)\.$")

    def heard_choices() -> dict[str, str]:
        out = {}
        for u in speech.last_screen:
            if m := press_re.match(u.text):
                out[m["label"]] = m["key"]  # the spoken words (speech=...), not the short label
        return out

    async with app.run_test(size=(40, 12)) as pilot:
        await go(pilot, "slash")
        heard = heard_choices()
        topic_key = next(k for label, k in heard.items()
                         if "cramps" in label.lower() and "question" not in label.lower())
        await go(pilot, topic_key)  # the topic's first screen
        await go(pilot, next(k for label, k in heard_choices().items() if label.startswith("Read from the start")))
        pages = 0
        while "Next" in heard_choices():  # listen to the whole topic
            await go(pilot, heard_choices()["Next"])
            pages += 1
        assert pages >= 20
        await go(pilot, heard_choices()["Answer questions"])
        await go(pilot, heard_choices()["Start the questions"])  # after the flow's intro
        for _ in range(40):
            heard = heard_choices()
            if not heard or "Done" not in heard and not any("Question" in u.text for u in speech.last_screen):
                break
            none = [k for label, k in heard.items()
                    if label.lower().startswith(("no, none", "none of", "no medicines", "nothing"))]
            if "Done" in heard:
                first = none[0] if none else next(iter(heard.values()))
                await go(pilot, first, heard["Done"])
            else:
                await go(pilot, none[0] if none else next(iter(heard.values())))
        heard = heard_choices()
        assert "All correct: show my summary" in heard
        await go(pilot, heard["All correct: show my summary"])
        count = len(speech.texts)
        await go(pilot, heard_choices()["Read aloud"])
        assert any("Show this to your provider" in t for t in speech.texts[count:])  # then its keys
        assert isinstance(app.screen, SummaryScreen)


async def test_the_sound_menus_more_below_line_is_said_and_not_remembered_as_the_screen(make_app):
    """K-S1 on the sound menu at 40x12: its "More below: 6 7 8 0." line (the choices that do not
    fit) was never said (the menu speaks without being "the last screen", and the screens' own
    handler waits for a remembered script). A test of every screen's words passed only on words
    left over from an earlier screen. Said now, after the menu; "Read again" still reads home."""
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await go(pilot, "slash")
        home_script = [u.text for u in app.speech.last_screen]
        await go(pilot, "full_stop")
        more = [line for line in screen_text(app).splitlines() if "More below" in line]
        assert more, "the sound menu fits at 40x12: this test no longer tests anything"
        said = app.speech.texts[-3:]
        assert any("More below" in text and "6" in text for text in said), said
        assert [u.text for u in app.speech.last_screen] == home_script
