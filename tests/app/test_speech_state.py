"""What a listener and the people near them are told about speech.

- no sound server or player: "/" tells the patient on screen, staff mode shows why.
- a visible "Speech on" while speech is on; home's slash hint changes with it.
- spoken key help, once when speech turns on and from the sound menu.
- "Read again" in the sound menu reads the screen before the menu.
"""

from __future__ import annotations

from kiosk.speech.service import SpeechService
from kiosk.ui.widgets.key_guide import SPOKEN_KEY_HELP
from kiosk.words import ui_words as W
from kiosk.words.i18n import tr
from kiosk.words.ui_words import SPEECH_HINT, SPEECH_MISSING, SPEECH_ON_HINT
from tests.app.screen_text import screen_text

SPEECH_ON, NO_SPEECH = tr("en", W.SPEECH_ON_SIGN), W.NO_SPEECH_HERE


async def test_speech_on_is_shown_on_every_screen_and_the_hint_changes_K_V3(make_app):
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        assert SPEECH_ON not in screen_text(app)
        await pilot.press("slash")
        await pilot.pause()
        assert SPEECH_ON in screen_text(app)
        assert str(app.screen.query_one("#speech-hint").render()) == SPEECH_ON_HINT
        await pilot.press("asterisk")
        await pilot.pause()
        assert SPEECH_ON in screen_text(app)
        await pilot.press("slash")
        await pilot.pause()
        assert SPEECH_ON not in screen_text(app)
        await pilot.press("0")
        await pilot.pause()
        assert str(app.screen.query_one("#speech-hint").render()) == SPEECH_HINT


async def test_key_help_is_said_once_when_speech_turns_on_and_from_the_sound_menu(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert app.speech.texts[1:1 + len(SPOKEN_KEY_HELP)] == SPOKEN_KEY_HELP
        await pilot.press("slash", "slash")
        await pilot.pause()
        assert app.speech.texts.count(SPOKEN_KEY_HELP[0]) == 1  # once a visit
        await pilot.press("full_stop")
        await pilot.pause()
        assert "Which keys do what" in screen_text(app)
        await pilot.press("8")
        await pilot.pause()
        assert app.speech.texts[-len(SPOKEN_KEY_HELP):] == SPOKEN_KEY_HELP
        heard = " ".join(SPOKEN_KEY_HELP).lower()
        for key in ("star", "zero", "slash", "minus", "plus", "full stop", "enter"):
            assert key in heard


async def test_read_again_reads_the_screen_before_the_sound_menu_K_S3(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        home_words = app.screen.words_script()
        await pilot.press("full_stop")
        await pilot.pause()
        count = len(app.speech.spoken)
        await pilot.press("1")  # Read again
        await pilot.pause()
        said = app.speech.texts[count:]
        # home's words, not its keys (they do not work in the menu), then the menu's own keys
        assert said[:len(home_words)] == home_words
        assert said[len(home_words)] == "Sound and speech."


async def test_no_sound_device_tells_the_patient_and_staff_see_why(make_app):
    speech = SpeechService(engine=False)  # as with no sound server or player: nothing can play
    app = make_app(speech=speech)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert NO_SPEECH in text
        assert [n.message for n in app._notifications] == [SPEECH_MISSING]  # and a toast that says more
        assert not app.speech.enabled
        # staff mode's speech report says why, and that a patient asked for it
        from kiosk.content import staff_report

        report = staff_report.speech_report(status=speech.status, voices={}, installed=[], enabled=False,
                                            failures=app.speech_failures)
        assert "Engine: speech unavailable: turned off" in report
        assert "a patient pressed / but there is no speech here" in report
