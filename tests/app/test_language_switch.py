"""Choosing a language on home: a fixed key, in its own words and voice; every screen
follows; a reset brings back the clinic's first language."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.content.library_nav import LANGUAGE_KEY, MULTILINGUAL_HOME, keys_to_topic
from kiosk.speech.utterance import SaidIn
from kiosk.ui.screens.home import HomeScreen
from tests.app.screen_text import screen_text
from tests.conftest import CONTENT, tuned


@pytest.fixture
def bilingual(library):
    return tuned(library, languages=["en", "es"])


async def settle(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_home_offers_spanish_on_8_in_spanish_words_and_voice(make_app, bilingual):
    """"Español: oprima 8" on home, said in Spanish by the Spanish voice."""
    app = make_app(bilingual)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "8  Español: oprima 8" in screen_text(app)
        script = app.screen.speech_script()
        line = next(line for line in script if "Español" in line)
        assert isinstance(line, SaidIn) and line.language == "es"
        assert [u.language for u in app._utterances(script) if "Español" in u.text] == ["es"]
        assert {u.language for u in app._utterances(script) if "Español" not in u.text} == {"en"}


async def test_8_switches_every_screen_and_the_voice_and_a_reset_brings_english_back(make_app, bilingual):
    """Choosing switches at once; English comes back for the next person."""
    app = make_app(bilingual)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(LANGUAGE_KEY)
        await settle(pilot)
        assert app.visit.language == "es"
        assert app.speech.language == "es"
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1
        text = screen_text(app)
        assert "8  English: press 8" in text
        assert "Calambres" in text  # the Spanish topic's title
        assert "Avise en la recepción" in text  # the banner in Spanish
        english = [line for line in app.screen.speech_script() if isinstance(line, SaidIn)]
        assert [(str(x), x.language) for x in english] == [("English: press 8.", "en")]
        await pilot.press("1")  # the Spanish topic
        await settle(pilot)
        assert app.screen.topic.language == "es"  # type: ignore[attr-defined]
        await app.reset_visit()
        await settle(pilot)
        assert app.visit.language == "en" and app.speech.language == "en"
        assert "8  Español: oprima 8" in screen_text(app)


async def test_a_one_language_kiosk_has_no_language_key(make_app, library):
    app = make_app(tuned(library, languages=["en"]))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Español" not in screen_text(app)
        assert all(item.key != LANGUAGE_KEY for item in app.screen.choices.items)  # type: ignore[union-attr]


def test_a_bilingual_home_keeps_8_for_the_language_on_every_page():
    """K-I2: fixed keys; home pages 1-5 with 6 previous, 7 more when 8 is the language key."""
    assert MULTILINGUAL_HOME.more_key == "7" and MULTILINGUAL_HOME.previous_key == "6"
    assert LANGUAGE_KEY not in {MULTILINGUAL_HOME.more_key, MULTILINGUAL_HOME.previous_key}


async def test_a_bilingual_library_of_twenty_pages_with_6_and_7(make_app, tmp_path):
    """Twenty topics on a two-language kiosk: keys_to_topic (as kiosk validate counts) reach the
    last one through 7 "More", never 8 (K-I2)."""
    from bench.library_gen import generate_library
    from kiosk.content.library_nav import shown_in
    from kiosk.content.loader import load_library

    result = load_library(generate_library(tmp_path, 20, groups=0), grade=False)
    assert result.library is not None
    # the bundled Spanish topic only makes Spanish a language with a topic: out of its group, so
    # home stays a flat list of twenty-one entries
    spanish_topic = [topic.model_copy(update={"group": None})
                     for topic in load_library(CONTENT, grade=False).library.topics_in("es")]  # type: ignore[union-attr]
    big = tuned(dataclasses.replace(result.library, topics=result.library.topics + tuple(spanish_topic)),
                debounce_seconds=0)
    spanish = big.settings.emergency.model_copy(update={"translations": {"es": {
        "banner": "Ayuda", "outside": "Llame al {number}.", "title": "Ayuda",
        "steps": big.settings.emergency.steps, "danger_signs": big.settings.emergency.danger_signs}}})
    big = tuned(big, languages=["en", "es"], emergency=spanish)
    last = big.topics_in("en")[-1]
    # what the English home lists: the Spanish-only topic too (marked), in its group
    keys = keys_to_topic(shown_in(big.topics, "en", ["en", "es"]), last.id, 2)
    assert keys[:-1] == ["7"] * (len(keys) - 1) and "8" not in keys
    app = make_app(big)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        assert app.screen.topic.id == last.id  # type: ignore[attr-defined]


async def summary_in(pilot, *, spanish: bool):
    from kiosk.ui.screens.review import ReviewScreen
    from kiosk.ui.screens.summary import SummaryScreen
    from tests.app.flow_driver import answer_all_by_keypad

    await settle(pilot)
    if spanish:
        await pilot.press(LANGUAGE_KEY)
        await settle(pilot)
    await pilot.press("1", "3", "1")  # the topic, its questions, begin
    await settle(pilot)
    await answer_all_by_keypad(pilot)
    assert isinstance(pilot.app.screen, ReviewScreen)
    await pilot.press("1")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SummaryScreen)
    return screen


async def every_part(pilot, screen) -> str:
    """The screen's text on each part of the summary, paging on with 1 to its end."""
    seen = [screen_text(pilot.app)]
    while not screen.at_end:
        await pilot.press("1")
        await settle(pilot)
        seen.append(screen_text(pilot.app))
    return " ".join(" ".join(seen).split())


async def test_a_spanish_summary_shows_one_language_at_a_time_and_7_turns_it(make_app, bilingual):
    """Two copies one under the other doubled what a provider paged through at 40x12: the
    patient's Spanish shows alone, 7 shows all of it in English for the provider (heading, date
    line, answers), and 7 again brings the Spanish back. Read aloud says the language shown."""
    app = make_app(bilingual)
    async with app.run_test(size=(40, 12)) as pilot:
        screen = await summary_in(pilot, spanish=True)
        original, english = app.controller.summary_for_provider()
        assert original.language == "en" and screen.topic.language == "es"
        english_lines = [f"{line.label}: {line.text}" for line in english]
        spanish_lines = screen.summary_lines()
        # one line per label: the two danger-sign questions share one
        labels_asked = {answer.question.summary_label for answer in screen.session.answers}
        assert len(spanish_lines) == len(english_lines) == len(labels_asked)

        assert screen.part == 0 and "7 English" in " ".join(screen_text(app).split())
        await pilot.press("7")  # on the first screen, as a patient hands it over
        await settle(pilot)
        assert screen.part == 0 and screen.heading == "Show this to your provider"
        first = " ".join(screen_text(app).split())
        assert "7 Español" in first and "7 English" not in first  # the key's label turned at once
        english_text = await every_part(pilot, screen)
        assert all(line in english_text for line in english_lines)
        assert not any(line in english_text for line in spanish_lines)  # only English
        assert "Muestre esto" not in english_text and original.title in english_text
        await pilot.press("3")  # read aloud: the English shown
        await settle(pilot)
        said = " ".join(u.text for u in app.speech.spoken)  # type: ignore[attr-defined]
        assert english_lines[0] in said and spanish_lines[0] not in said

        await pilot.press("7")  # back to the patient's Spanish, from the last screen
        await settle(pilot)
        assert screen.part == 0 and screen.summary_lines() == spanish_lines
        spanish = await every_part(pilot, screen)
        assert all(line in spanish for line in spanish_lines)
        assert not any(line in spanish for line in english_lines)  # no English but the key
        assert "Show this to your provider" not in spanish and original.title not in spanish
        assert "7 English" in spanish and "7 Español" not in spanish


async def test_an_english_summary_has_no_language_key(make_app, bilingual):
    """On a visit in the clinic's first language there is nothing to turn to."""
    app = make_app(bilingual)
    async with app.run_test(size=(40, 12)) as pilot:
        screen = await summary_in(pilot, spanish=False)
        assert screen.toggle_labels() == []
        text = await every_part(pilot, screen)
        assert "7 " not in text.replace("▶7", "") and "7" not in [item.key for item in screen.choices.items]
        lines = screen.summary_lines()
        await pilot.press("7")
        await settle(pilot)
        assert screen.summary_lines() == lines and screen.heading == "Show this to your provider"


async def test_no_language_key_for_a_language_without_topics(make_app, tmp_path):
    """Found walking staff's 100-topic library (English only, shipped settings listing Spanish
    too): home offered "Español" and led to an empty home. A listed language with no topic is
    not offered (validation warns of it), and 8 is not used."""
    from bench.library_gen import generate_library
    from kiosk.content.loader import load_library

    result = load_library(generate_library(tmp_path, 20, groups=0), grade=False)
    assert result.library is not None
    assert result.library.settings.languages == ["en", "es"]
    assert any("no topic is in 'es'" in w.message for w in result.library.warnings)
    app = make_app(tuned(result.library, debounce_seconds=0))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.controller.languages == ["en"]
        text = screen_text(app)
        assert "Español" not in text and "7  More topics" in text


async def test_switching_language_again_and_again_keeps_no_old_screen_alive(make_app, bilingual):
    """Found by the 10,000-input soak (memory grew 33 MB): every home ever shown stayed alive in
    the app's watcher list (screens watched app.speech_on themselves). Now the app tells the
    screens; after 40 switches only the home on show is alive."""
    import gc

    app = make_app(bilingual)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(40):
            await pilot.press(LANGUAGE_KEY)
            await settle(pilot)
        gc.collect()
        homes = [o for o in gc.get_objects() if isinstance(o, HomeScreen)]
        assert len(homes) <= 2, len(homes)  # the one on show (and at most one being replaced)
        assert not getattr(app, "__watchers", {}).get("speech_on")
        await pilot.press("slash")  # and the sign still follows speech
        await settle(pilot)
        assert "Speech on" in screen_text(app) or "Voz encendida" in screen_text(app)
