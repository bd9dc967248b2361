"""HomeScreen: the calm attract screen a new person meets (K-S2, K-T1, K-V5).

Lists the topics (or, in a big library, their groups) as pages of big numbered choices
(:class:`~kiosk.ui.screens.choice_pages.ChoicePagesScreen`), tells how to turn speech on and how long the kiosk
waits before it clears. Nothing on it moves or blinks.
"""

from __future__ import annotations

from functools import cached_property

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.content.library_nav import (
    FINISH_KEY,
    GROUPS,
    LANGUAGE_KEY,
    TOPICS,
    Layout,
    home_entries,
    home_layout,
    uses_groups,
)
from kiosk.speech.utterance import SaidIn
from kiosk.ui import changes, intents
from kiosk.ui.screens.base import choice_speech
from kiosk.ui.screens.choice_pages import ChoicePagesScreen, Entry
from kiosk.ui.widgets.choice_list import ChoiceItem, ChoiceList
from kiosk.ui.widgets.emergency_banner import banner_lines
from kiosk.ui.widgets.safe_text import SafeText
from kiosk.words import ui_words as W
from kiosk.words.i18n import ntr, tr

FINISH = "finish"
LANGUAGE = "language:"


def language_key_words(name: str, language: str) -> str:
    """ "Español: oprima 8", in that language's own words (its catalog's "press {key}")."""
    return tr(language, W.LANGUAGE_KEY_WORDS, name=name, key=LANGUAGE_KEY)


def _wait_words(seconds: float, language: str = "en") -> str:
    if seconds >= 120 and seconds % 60 == 0:
        return ntr(language, W.MINUTES, int(seconds // 60))
    return ntr(language, W.SECONDS, int(seconds))  # "1 second", never "1 seconds"


class HomeScreen(ChoicePagesScreen):
    """Groups or topics as pages of numbered choices; how speech and the reset work."""

    def __init__(self, page: int = 0) -> None:
        super().__init__(page=page, name="home")

    @property
    def heading(self) -> str:
        return self.settings.clinic_name

    @property
    def language_count(self) -> int:
        return len(self.controller.languages)

    @property
    def list_layout(self) -> Layout:
        """On a kiosk of two languages, 8 is the language key on every page, so a patient
        learns one place to find it."""
        return home_layout(self.language_count)

    @cached_property
    def grouped(self) -> bool:
        """Whether home lists groups; decided once per screen, as its entries are
        (:attr:`all_entries`): a page turn asks three times, each a pass over every topic."""
        return uses_groups(self.controller.visible_topics(), self.language_count)

    @property
    def noun(self) -> str:
        return GROUPS if self.grouped else TOPICS

    def entries(self) -> list[Entry]:
        """One entry per topic (its questions are offered on the topic's own screens), or one
        per group when the library needs more than one page and groups are set."""
        out = []
        for entry in home_entries(self.controller.visible_topics(), self.language_count, language=self.language):
            if entry.is_group:
                count = len(entry.topic_ids)
                out.append(Entry(entry.label, entry.value, speech=self.n_(W.GROUP_TOPICS, count, label=entry.label)))
            else:
                out.append(Entry(entry.label, entry.value))
        return out

    def home_items(self) -> list[ChoiceItem]:
        """The choices on the page shown (tests and staff read them)."""
        return self.page_items()

    def lead(self) -> str:
        if not self.all_entries:
            return ""
        return self._(W.CHOOSE_GROUP if self.grouped else W.CHOOSE_TOPIC)

    def empty_words(self) -> str:
        return self._(W.NO_TOPICS)

    def fixed_items(self) -> list[ChoiceItem]:
        language = self.language_item()
        return [*([language] if language else []), ChoiceItem(FINISH_KEY, self._(W.FINISH_AND_CLEAR), FINISH)]

    def language_item(self) -> ChoiceItem | None:
        """"Español: oprima 8": the next language, in its own name and its own words: a patient
        who cannot read the current language still finds it."""
        other = self.controller.next_language()
        if other is None:
            return None
        return ChoiceItem(LANGUAGE_KEY, language_key_words(self.settings.language_name(other), other),
                          LANGUAGE + other)

    @staticmethod
    def said_in_its_language(item: ChoiceItem) -> SaidIn:
        """The language key's words, said in the language it offers, with its voice: those
        who need it understand it."""
        return SaidIn(item.label + ".", item.value.removeprefix(LANGUAGE))

    def speech_script(self) -> list[str]:
        """The language key is said in its own language, with its own voice; the rest in the
        visit's."""
        item = self.language_item()
        if item is None:
            return super().speech_script()
        return [self.said_in_its_language(item) if line == choice_speech(item, self.language) else line
                for line in super().speech_script()]

    def on_choice_list_highlighted(self, message: ChoiceList.Highlighted) -> None:
        """The language key, highlighted, is said in its own words and voice only; any other
        choice goes on to KioskScreen's handler (Textual calls it next, down the MRO)."""
        if message.item.value.startswith(LANGUAGE):
            message.stop()
            message.prevent_default()
            self.post_message(intents.Speak([self.said_in_its_language(message.item)]))

    def idle_words(self) -> str:
        timeout = self.kiosk_app.idle_timeout
        return self._(W.IDLE_HINT, wait=_wait_words(timeout, self.language))

    @on(changes.SpeechChanged)
    def refresh_text(self) -> None:
        """Speech mode changes how long the kiosk waits: keep the words on screen true (K-T1)."""
        self.query_one("#idle-hint", Static).update(self.idle_words())
        self.query_one("#speech-hint", Static).update(self.speech_hint())

    def speech_hint(self) -> str:
        """How to turn speech on, or, once it is on, how to turn it off again."""
        return self._(W.SPEECH_ON_HINT if self.kiosk_app.speech_on else W.SPEECH_HINT)

    def compose_below(self) -> ComposeResult:
        yield SafeText(self.speech_hint(), id="speech-hint", classes="note")
        yield SafeText(self.idle_words(), id="idle-hint", classes="note")

    def body_speech(self) -> list[str]:
        return [line.rstrip(":") + "." if line.endswith(":") else line for line in super().body_speech()]

    def after_choices_speech(self) -> list[str]:
        """The speech and wait hints, then the banner: spoken on home, where a listener starts."""
        return [self.speech_hint(), self.idle_words(),
                *banner_lines(self.settings.emergency_for(self.language))]

    def entry_chosen(self, entry: Entry) -> None:
        kind, _, name = entry.value.partition(":")
        if kind == "topic":
            self.post_message(intents.OpenTopic(name))
        elif kind == "group":
            self.post_message(intents.OpenGroup(name))

    def other_chosen(self, item: ChoiceItem) -> None:
        if item.value == FINISH:
            self.post_message(intents.Finish())
        elif item.value.startswith(LANGUAGE):
            self.post_message(intents.ChooseLanguage(item.value.removeprefix(LANGUAGE)))

    def action_back(self) -> None:
        """Back on home has nowhere to go; it must never leave the kiosk."""
        self.refuse_key()

    def action_digit(self, key: str) -> None:
        self.post_message(intents.HomeKey(key))
        super().action_digit(key)
