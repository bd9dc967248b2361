"""A listener who cannot see the screen hears every change of state: how to turn speech on at
arrival, that their answers are cleared before the kiosk goes quiet, where they are in the sound
menu, and what the emergency page asks before anything else (K-S13 arrival, K-S14 changes of
state, K-S15 headphones, K-S2 no sound said in words, K-S3 repeat and Read again, K-S4 the
emergency page first)."""

from __future__ import annotations

import re

import pytest

from kiosk.ui import intents
from kiosk.ui.app import IDLE_POLL_SECONDS
from kiosk.ui.screens.home import HomeScreen
from kiosk.words import ui_words as W
from tests.app.waits import settle


def heard(app, start: int = 0) -> list[str]:
    return app.speech.texts[start:]


async def test_the_first_key_of_a_visit_says_how_to_turn_speech_on_in_each_language_once(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down")  # a blind person's first key: anything but /
        await pilot.pause()
        first = heard(app)
        assert "To hear this screen, press / (slash)." in first
        assert "Para oír esta pantalla, oprima / (barra)." in first
        assert not app.speech.enabled  # said, not switched on
        spanish = next(u for u in app.speech.spoken if u.text.startswith("Para"))
        assert spanish.language == "es"  # the Spanish voice says the Spanish line
        count = len(app.speech.spoken)
        await pilot.press("down", "up", "9")
        await pilot.pause()
        assert not any("slash" in text for text in heard(app, count))  # never again in that visit


async def test_a_first_key_of_slash_turns_speech_on_without_the_hint(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert app.speech.enabled
        assert "To hear this screen, press / (slash)." not in heard(app)


async def test_the_hint_comes_back_for_the_next_visit(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down")
        await pilot.pause()
        await app.reset_visit()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        count = len(app.speech.spoken)
        await pilot.press("down")
        await pilot.pause()
        assert "To hear this screen, press / (slash)." in heard(app, count)


CLEARED = "Your visit is over and your answers are cleared."


async def test_finish_says_the_answers_are_cleared_before_going_quiet(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.press("1")  # a topic: the person has used the kiosk
        await pilot.pause()
        count = len(app.speech.spoken)
        app.post_message(intents.Finish())
        await settle(pilot)
        said = heard(app, count)
        assert said[-2:] == [CLEARED, "Speech is off."], said
        assert not app.speech.enabled  # quiet afterwards: home is not read to the next person


async def test_the_idle_reset_says_the_answers_are_cleared_in_the_visit_language(make_app, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        app.post_message(intents.ChooseLanguage("es"))
        await settle(pilot)
        await pilot.press("1")
        await pilot.pause()
        count = len(app.speech.spoken)
        clock.advance(10_000)  # past the warning and the reset
        for _ in range(20):
            await pilot.pause(IDLE_POLL_SECONDS)
            if isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1 and app.visit.language == "en":
                break
        await settle(pilot)
        said = app.speech.spoken[count:]
        assert [u.text for u in said[-2:]] == ["Su visita terminó y sus respuestas se borraron.",
                                               "La voz está apagada."]
        assert {u.language for u in said[-2:]} == {"es"}


async def test_a_reset_with_speech_off_says_nothing(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        count = len(app.speech.spoken)
        app.post_message(intents.Finish())
        await settle(pilot)
        assert CLEARED not in heard(app, count)


async def speech_on_then(pilot, *keys: str) -> int:
    """Speech on, then ``keys``; returns where the speech heard from now starts."""
    await pilot.press("slash")
    await pilot.pause()
    if keys:
        await pilot.press(*keys)
        await settle(pilot)
    return len(pilot.app.speech.spoken)


async def test_the_emergency_page_says_get_help_now_and_its_first_step_before_anything_else(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        count = await speech_on_then(pilot)
        await pilot.press("asterisk")
        await settle(pilot)
        said = heard(app, count)
        emergency = app.library.settings.emergency_for("en")
        assert said[0] == emergency.title == "Get help now"
        assert said[1] == "Tell the front desk now. Say it is urgent.", said
        assert not any("Chest pain or trouble breathing" in line for line in said)  # the banner: not first
        count = len(app.speech.spoken)
        await pilot.press("1")  # page 2: the danger signs, without the banner again
        await settle(pilot)
        assert not any(emergency.banner in line for line in heard(app, count))


async def test_a_sound_menu_key_says_what_changed_not_that_speech_is_on(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        count = await speech_on_then(pilot, "full_stop")
        await pilot.press("3")  # faster
        await settle(pilot)
        assert heard(app, count)[-1] == "Speed 4 of 5. Volume 3 of 4."


async def test_read_again_in_the_sound_menu_reads_the_last_screen_then_the_menu_keys(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await speech_on_then(pilot, "full_stop")
        count = len(app.speech.spoken)
        await pilot.press("1")  # read again
        await settle(pilot)
        said = heard(app, count)
        assert "Choose a topic." in said  # home, read again
        assert f"{app.library.topic('muscle-spasms').title}. Press 1." not in said  # home's keys do not work here
        assert said[-1] == "Back. Press 0." and "Slower. Press 2." in said  # the menu's own keys, last


async def test_a_multi_choice_question_says_how_to_answer_it_once(make_app):
    from tests.app.flow_driver import walk_to_first_multi_choice

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await speech_on_then(pilot)
        app.post_message(intents.BeginQuestions("muscle-spasms"))
        await settle(pilot)
        screen = await walk_to_first_multi_choice(pilot)
        script = screen.speech_script()
        help_words = screen.session.current.help  # staff's words, read from the content
        assert help_words and help_words in script  # the content's words are said
        choose_all = W.CHOOSE_ALL_THEN_DONE.split(",")[0]  # the kiosk's own "Choose all that apply"
        assert not any(choose_all in line for line in script), script  # not said twice
        assert any("Done: press 9." in line for line in script)  # Done's key still said


async def test_key_help_is_offered_again_in_spanish_after_switching_language(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        count = await speech_on_then(pilot)
        app.post_message(intents.ChooseLanguage("es"))
        await settle(pilot)
        said = heard(app, count)
        assert "Elija un tema." in said
        keys = "Teclas: los números eligen. Arriba y abajo mueven, Enter elige."
        assert keys in said
        assert said.index(keys) > said.index("Elija un tema.")  # after the new home, not cut off by it


async def test_changing_an_answer_says_the_current_one_then_confirms_the_new_one(make_app):
    from kiosk.ui.screens.question import QuestionScreen
    from kiosk.ui.screens.review import ReviewScreen
    from tests.app.flow_driver import answer_all_by_keypad

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await speech_on_then(pilot)
        app.post_message(intents.BeginQuestions("muscle-spasms"))
        await settle(pilot)
        await answer_all_by_keypad(pilot)
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        script = app.screen.speech_script()
        first = app.screen.session.answer_lines("en")[0]
        # the review's key for an answer does not sound like "set it to" that answer
        assert f"Change your answer about: {first.label}. Press 3." in script, script
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert f"Your answer now: {first.text}." in app.screen.speech_script()
        other = next(item for item in app.screen.choices.items
                     if item.value not in ("=back", "=not-sure", "=skip", "=done") and item.label.lower() != first.text
                     and not any(c.id == item.value and c.emergency for c in app.screen.session.current.choices))
        count = len(app.speech.spoken)
        await pilot.press(other.key)
        await settle(pilot)
        await answer_all_by_keypad(pilot)
        await settle(pilot)
        said = heard(app, count)
        new = app.screen.session.answer_lines("en")[0].text if isinstance(app.screen, ReviewScreen) else None
        assert f"Your new answer: {new}." in said, said


async def test_after_the_summary_is_read_aloud_its_keys_are_offered(make_app):
    from kiosk.ui.screens.summary import SummaryScreen
    from tests.app.flow_driver import answer_all_by_keypad

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await speech_on_then(pilot)
        app.post_message(intents.BeginQuestions("muscle-spasms"))
        await settle(pilot)
        await answer_all_by_keypad(pilot)
        await settle(pilot)
        app.post_message(intents.ShowSummary())
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        count = len(app.speech.spoken)
        await pilot.press("3")  # read aloud
        await settle(pilot)
        said = heard(app, count)
        assert said[-1] == "Finish and clear. Press 9." or said[-1].endswith("Press 9."), said
        assert "Change my answers. Press 4." in said


async def test_a_player_that_finds_no_sound_server_is_shown_and_said_in_plain_words(make_app, library, tmp_path):
    """The player exists but every clip fails (aplay or paplay with no sound server): the sign
    stops saying "Speech on", the patient is told in words, and the words reach the speech
    log (what a listener would have heard)."""
    from kiosk.speech.engine import library_problem
    from kiosk.speech.player import ProcessPlayer
    from kiosk.speech.service import SpeechService
    from kiosk.words import ui_words as W
    from kiosk.words.i18n import tr
    from tests.app.screen_text import screen_text

    if library_problem():
        pytest.skip("speech engine missing")
    speech = SpeechService(library.settings.speech, player=ProcessPlayer(["false"]))
    log = tmp_path / "heard.txt"
    speech.transcript = log.open("a", encoding="utf-8")
    app = make_app(speech=speech)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        for _ in range(100):
            await pilot.pause(0.05)
            if app.speech_missing:
                break
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert tr("en", W.NO_SPEECH_HERE) in text
        # the key guide's "Speech on/off" names a key, not a state
        assert not re.search(r"Speech on(?!/off)", text) and "Speech is on" not in text
        assert [n.message for n in app._notifications] == [tr("en", W.SPEECH_MISSING)]
        assert "Sorry, speech is not available on this kiosk." in log.read_text(encoding="utf-8").splitlines()



async def test_headphones_plugged_in_turn_speech_on_and_taken_out_end_the_visit(make_app):
    from kiosk.speech.headphones import Jack

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.headphones_changed(Jack.PLUGGED)
        await settle(pilot)
        assert app.speech.enabled and app.speech_on
        said = heard(app)
        assert said[0] == "Speech is on." and "Choose a topic." in said
        assert "To hear this screen, press / (slash)." not in said  # no need: it is on
        await pilot.press("1")
        await settle(pilot)
        assert not isinstance(app.screen, HomeScreen)
        count = len(app.speech.spoken)
        app.headphones_changed(Jack.UNPLUGGED)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1
        assert not app.speech.enabled and not app.visit.topic_views
        assert heard(app, count) == []  # nothing more out of the speakers


async def test_headphones_taken_out_of_an_unused_kiosk_change_nothing(make_app):
    from kiosk.speech.headphones import Jack

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        app.headphones_changed(Jack.UNPLUGGED)
        await settle(pilot)
        assert app.screen is home
