"""A Spanish visit meets no English word of the kiosk's own, on screen or aloud.

A visit in Spanish walks every patient screen (home, groups and paged lists, a topic's first
screen, its pages, contents, words to know, about, the emergency page, the sound menu, "Are
you still there?", the questions' intro, each kind of question with its refusals, the review,
the summary and the finish confirmation). On each, the text on screen, the screen's speech
script and everything handed to speech are checked against every phrase of kiosk.words.ui_words
whose Spanish differs from the English: an English phrase found there is a patient-facing
string with no translation (K-S8: the speech follows the language of the screen, too).
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from kiosk.content.library_nav import OTHER_GROUP
from kiosk.content.model import QuestionKind
from kiosk.ui.screens.contents import ContentsScreen
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.flow_intro import FlowIntroScreen
from kiosk.ui.screens.group import GroupScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.question import DONE, QuestionScreen
from kiosk.ui.screens.review import ReviewScreen
from kiosk.ui.screens.sound import SoundScreen
from kiosk.ui.screens.still_there import StillThereScreen
from kiosk.ui.screens.summary import ConfirmFinishScreen, SummaryScreen
from kiosk.ui.screens.topic import TopicScreen
from kiosk.ui.screens.topic_notes import AboutScreen, WordsScreen
from kiosk.ui.screens.topic_start import TopicStartScreen
from kiosk.words import ui_words as W
from kiosk.words.i18n import CONTEXT_SEPARATOR, tr, translator
from tests.app.flow_driver import safe_choice_keys
from tests.app.screen_text import screen_text
from tests.conftest import tuned

SIZE = (80, 24)


def _english_phrases() -> list[str]:
    """Every English phrase of ui_words whose Spanish is different (the context of a context
    phrase left off), each plural form on its own."""
    found: list[str] = []
    for name, value in vars(W).items():
        if not name.isupper():
            continue
        if isinstance(value, str):
            if tr("es", value) != tr("en", value):
                found.append(tr("en", value))
        elif isinstance(value, tuple) and len(value) == 2 and all("{n}" in p for p in value):  # Nn_
            for n, english in ((1, value[0]), (2, value[1])):
                if translator("es").ngettext(value[0], value[1], n) != english:
                    found.append(english)
        elif isinstance(value, tuple):
            found += [p for p in value if isinstance(p, str) and tr("es", p) != p]
        elif isinstance(value, dict):
            found += [p for p in value.values() if tr("es", p) != p]
    return sorted({p.split(CONTEXT_SEPARATOR)[-1] for p in found})


def _pattern(english: str) -> re.Pattern[str]:
    """The phrase with any placeholder as a wildcard, as whole words."""
    parts = re.split(r"\{\w*\}", english)
    body = r".+?".join(re.escape(part) for part in parts)
    return re.compile(rf"(?<!\w){body}(?!\w)")


#: Phrases with words of their own ("{month} {day}, {year}" has none to look for).
ENGLISH = [(phrase, _pattern(phrase)) for phrase in _english_phrases()
           if re.search(r"[A-Za-z]", re.sub(r"\{\w*\}", "", phrase))]


def untranslated(text: str) -> list[str]:
    return [phrase for phrase, pattern in ENGLISH if pattern.search(text)]


def test_the_check_knows_the_english_words():
    """The check itself: it finds English phrases, placeholders and all, and passes Spanish."""
    assert untranslated("0 Back  * Help") == ["Back"]
    assert "Page {n} of {total}" in untranslated("Page 2 of 6")
    assert "{key} next page" in untranslated("Page 1 of 2: 7 next page")
    assert "The screen will clear in {n} seconds." in untranslated("The screen will clear in 5 seconds.")
    assert "Speech on" in untranslated("Clinic  Speech on")
    assert untranslated("0 Atrás  * Ayuda ya  Página 2 de 6. Oprima 1. estar") == []
    assert len(ENGLISH) > 150


@pytest.fixture
def spanish(library):
    """The shipped library with Spanish as the first language: every visit starts in Spanish."""
    return tuned(library, languages=["es", "en"])


class Walk:
    """Presses keys and keeps what each screen showed and said."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.app = pilot.app
        self.seen: dict[str, str] = {}

    async def press(self, *keys: str) -> None:
        for key in keys:
            await self.pilot.press(key)
            await self.pilot.pause()
        await self.app.workers.wait_for_complete()
        await self.pilot.pause()

    def look(self, where: str) -> None:
        screen = self.app.screen
        script = " | ".join(screen.speech_script())
        heard = " | ".join(self.app.speech.texts[-40:])
        self.seen[f"{where} ({type(screen).__name__})"] = f"{screen_text(self.app)}\n{script}\n{heard}"

    def problems(self) -> list[str]:
        # Home's language key is meant to be in the language it offers: "English: press 8".
        offer = tr("en", W.LANGUAGE_KEY_WORDS, name="English", key="8")
        return [f"{where}: {phrase!r}" for where, text in self.seen.items()
                for phrase in untranslated(text.replace(offer, ""))]


async def test_a_spanish_visit_shows_and_says_no_english_interface_word(make_app, spanish):
    """K-S8: every patient screen of a Spanish visit, drawn and spoken, in Spanish."""
    app = make_app(spanish)
    async with app.run_test(size=SIZE) as pilot:
        walk = Walk(pilot)
        await walk.press("slash")  # speech on: the key help and every screen are handed to speech
        assert app.visit.language == "es" and isinstance(app.screen, HomeScreen)
        walk.look("home")
        await walk.press("down")  # "2 de 2: ... Oprima 9."
        walk.look("home, highlight")
        await walk.press("1")
        assert isinstance(app.screen, TopicStartScreen) and app.screen.topic.language == "es"
        walk.look("topic start")
        await walk.press("2")
        assert isinstance(app.screen, ContentsScreen)
        walk.look("contents")
        await walk.press("0", "5")
        assert isinstance(app.screen, WordsScreen)
        walk.look("words to know")
        await walk.press("0", "6")
        assert isinstance(app.screen, AboutScreen)
        walk.look("about")
        await walk.press("0", "4")
        assert isinstance(app.screen, EmergencyScreen)
        walk.look("danger signs, page 1")
        await walk.press("1")
        walk.look("danger signs, page 2")
        await walk.press("0", "1")
        assert isinstance(app.screen, TopicScreen)
        screen = app.screen
        for _ in range(200):
            walk.look(f"topic page {screen.page + 1}, part {screen.part + 1}")
            if screen.at_end:
                break
            await walk.press("1")
        await walk.press("4")  # helpful: yes, then the thanks
        walk.look("topic end, thanked")
        await walk.press("asterisk")
        walk.look("emergency page")
        await walk.press("0", "full_stop")
        assert isinstance(app.screen, SoundScreen)
        walk.look("sound menu")
        await walk.press("3", "5", "8")  # faster, louder, which keys do what
        walk.look("sound menu, changed")
        await walk.press("0")
        app.push_screen(StillThereScreen(10))
        await walk.press()
        walk.look("still there")
        await walk.press("1")  # any key goes on
        await walk.press("3")
        assert isinstance(app.screen, FlowIntroScreen)
        walk.look("flow intro")
        await walk.press("1")
        kinds = set()
        for _ in range(60):
            screen = app.screen
            if not isinstance(screen, QuestionScreen) or screen.session.current is None:
                break
            question = screen.session.current
            walk.look(f"question {question.id}")
            if question.kind not in kinds:
                kinds.add(question.kind)
                await walk.press("enter")  # nothing highlighted: how to choose
                walk.look(f"question {question.id}, how to choose")
                if question.kind is QuestionKind.MULTI:
                    done = next(item.key for item in screen.choices.items if item.value == DONE)
                    await walk.press(done)  # nothing chosen: refused with the question named
                    walk.look(f"question {question.id}, refused")
                    await walk.press(safe_choice_keys(screen)[0])  # ticked: "...: marcado."
                    walk.look(f"question {question.id}, ticked")
                    await walk.press(safe_choice_keys(screen)[0])  # and cleared again
            await walk.press(*safe_choice_keys(screen))
        assert kinds == {QuestionKind.SINGLE, QuestionKind.MULTI}
        assert isinstance(app.screen, ReviewScreen)
        walk.look("review")
        await walk.press("2")  # read my answers aloud
        walk.look("review, read aloud")
        if any(item.key == "9" for item in app.screen.choices.items):
            await walk.press("9")
            walk.look("review, more answers")
        await walk.press("1")
        assert isinstance(app.screen, SummaryScreen)
        screen = app.screen
        for _ in range(20):
            walk.look(f"summary, part {screen.part + 1}")
            if screen.at_end:
                break
            await walk.press("1")
        await walk.press("3")  # read aloud
        walk.look("summary, read aloud")
        await walk.press("9")
        assert isinstance(app.screen, ConfirmFinishScreen)
        walk.look("confirm finish")
        assert not walk.problems(), "a patient-facing string has no translation:\n" + "\n".join(walk.problems())
        assert "Atrás" in " ".join(walk.seen.values()) and len(walk.seen) > 30


async def test_a_spanish_library_in_groups_and_pages_has_spanish_paging_words(make_app, spanish):
    """Paging words in Spanish too: "Otros temas", "Página 1 de 3: 7 página siguiente", "Más temas",
    "Temas anteriores"."""
    topic = spanish.topics_in("es")[0]
    grouped = [topic.model_copy(update={"id": f"t{i}", "title": f"Tema {i}", "group": ("Piel" if i < 6 else None)})
               for i in range(12)]
    app = make_app(dataclasses.replace(spanish, topics=tuple(grouped)))
    async with app.run_test(size=SIZE) as pilot:
        walk = Walk(pilot)
        await walk.press("slash")
        walk.look("home, groups")
        assert [item.label for item in app.screen.choices.items][:2] == ["Piel", "Otros temas"]
        await walk.press("2")
        assert isinstance(app.screen, GroupScreen) and app.screen.group == OTHER_GROUP
        walk.look("group: other topics")
        assert not walk.problems(), "\n".join(walk.problems())
    paged = [topic.model_copy(update={"id": f"t{i}", "title": f"Tema {i}"}) for i in range(14)]
    app = make_app(dataclasses.replace(spanish, topics=tuple(paged)))
    async with app.run_test(size=SIZE) as pilot:
        walk = Walk(pilot)
        await walk.press("slash")
        walk.look("home, page 1")
        # only Spanish topics: no other language to offer
        assert "Página 1 de 3: 7 página siguiente" in screen_text(app)
        await walk.press("7")
        walk.look("home, page 2")
        assert "Página 2 de 3: 6 página anterior, 7 página siguiente" in " ".join(screen_text(app).split())
        assert not walk.problems(), "\n".join(walk.problems())
