"""SummaryScreen: "Show this to your provider", in short plain sentences with the date.

It stays until the person finishes or the kiosk resets; nothing of it is written to disk or
logs (K-P2). It is spoken only when the person asks (K-S7, K-S10). A long summary is shown in
parts like a topic page, so it never needs scrolling.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.reactive import reactive

from kiosk.content.library_nav import in_language_words
from kiosk.content.model import Topic
from kiosk.ui import changes, intents
from kiosk.ui.screens.base import KioskScreen, choice_speech
from kiosk.ui.screens.paged import PagedScreen
from kiosk.ui.screens.review import summary_lines
from kiosk.ui.widgets.choice_list import ChoiceItem, ChoiceList
from kiosk.ui.widgets.safe_text import SafeText
from kiosk.visit.flow import FlowSession
from kiosk.words import ui_words as W
from kiosk.words.i18n import date_words, tr
from kiosk.words.page_layout import Line
from kiosk.words.summary_layout import TOGGLE_KEY, keys_fit_three_a_row, summary_date_line, summary_parts

READ_ALOUD, CHANGE, FINISH, PRINT = "=read", "=change", "=finish", "=print"
#: The language key's two values, to the provider's language and back: two, so the choices are
#: redrawn with the other label when it is pressed.
TO_PROVIDER, TO_PATIENT = "=in-first-language", "=in-own-language"
YES_FINISH, KEEP = "=yes-finish", "=keep"


class ConfirmFinishScreen(KioskScreen):
    """ "Finish and clear your answers?": Finish on the summary never wipes it at once
    by a stray key. Yes clears the kiosk; No, or 0, goes back to the summary."""

    def __init__(self) -> None:
        super().__init__(name="confirm-finish")

    @property
    def heading(self) -> str:
        return self._(W.CONFIRM_FINISH)

    def compose_body(self) -> ComposeResult:
        from kiosk.ui.widgets.choice_list import ChoiceList
        from kiosk.ui.widgets.safe_text import SafeText

        yield SafeText(self._(W.CONFIRM_FINISH_NOTE), classes="lead")
        yield ChoiceList([
            ChoiceItem("1", self._(W.KEEP_SUMMARY), KEEP),
            ChoiceItem("9", self._(W.YES_FINISH), YES_FINISH),
            ChoiceItem("0", self._(W.BACK), KEEP),
        ], id="choices")

    def body_speech(self) -> list[str]:
        return [self._(W.CONFIRM_FINISH_NOTE)]

    def chosen(self, item: ChoiceItem) -> None:
        self.post_message(intents.Finish() if item.value == YES_FINISH else intents.GoBack())


class SummaryScreen(PagedScreen):
    """The summary in the topic's language (the language the person answered in), one language
    at a time: on a visit in another language than the clinic's first, key 7 shows all of it
    (heading, date line, answers) in that first language for the provider, and 7 again brings
    it back. Two copies one under the other doubled the screens a provider paged through."""

    #: The print queue can take a job: only then is "Print" offered (never a choice that fails).
    #: False until the app has checked the queue, off the UI thread.
    can_print: reactive[bool] = reactive(False, init=False)
    #: "Printing..." and then whether it printed, above the summary (also said aloud).
    print_note: reactive[str] = reactive("", init=False)

    def __init__(self, topic: Topic, session: FlowSession, today: dt.date) -> None:
        self.topic: Topic = topic
        self.session = session
        self.today = today
        #: Shown in the clinic's first language, for the provider (only on a visit in another).
        self.for_provider = False
        super().__init__([(self.date_line, self.summary_body())], name=f"summary:{topic.id}")

    @property
    def provider_topic(self) -> Topic | None:
        """The same topic in the clinic's first language, when this visit is in another and its
        answers have a match there; else None (then there is no language key)."""
        provider = self.controller.summary_for_provider()
        return provider[0] if provider is not None else None

    @property
    def shown_topic(self) -> Topic:
        """The topic whose language and title the summary shows now."""
        original = self.provider_topic if self.for_provider else None
        return original if original is not None else self.topic

    @property
    def shown_language(self) -> str:
        return self.shown_topic.language

    def summary_lines(self) -> list[str]:
        """The answers, one line per label, in the language shown."""
        if self.shown_topic is not self.topic:
            provider = self.controller.summary_for_provider()
            if provider is not None:
                return [f"{line.label}: {line.text}" for line in provider[1]]
        return summary_lines(self.session, self.topic.language)

    def summary_body(self) -> str:
        """One line per label, in the language shown."""
        return "\n".join(f"- {line}." for line in self.summary_lines())

    @property
    def heading(self) -> str:
        return tr(self.shown_language, W.SHOW_PROVIDER)

    @property
    def date_line(self) -> str:
        """The topic and the day in words, as Read aloud says them."""
        language, topic = self.shown_language, self.shown_topic
        return tr(language, W.DATE_LINE, title=topic.title, date=date_words(self.today, language))

    def toggle_labels(self) -> list[str]:
        """The language key's labels, in the visit's words: to the provider's language, and
        back; none on a visit in the clinic's first language."""
        original = self.provider_topic
        if original is None:
            return []
        return [self._(W.SUMMARY_IN, name=self.settings.language_name(code))
                for code in (original.language, self.topic.language)]

    def toggle_language(self) -> None:
        """Show the summary in the other language, from its first screen."""
        self.for_provider = not self.for_provider
        self.query_one("#screen-title", SafeText).update(self.heading)
        self.pages = [(self.date_line, self.summary_body())]
        self._show()
        self.announce(again=True)

    def _show(self, keep_part: bool = False, *, before_drawing: Callable[[], None] | None = None) -> None:
        """The topic and day drawn on one line where they fit it (else the day alone), and the
        keys three to a row on a small screen, so it keeps its rows for the answers."""
        width, _ = self._body_size()
        drawn = summary_date_line(self.shown_topic.title, self.today, self.shown_language, width)
        self.pages = [(drawn, self.pages[0][1])]
        self.query_one(ChoiceList).set_class(self.compact_keys, "-compact")
        super()._show(keep_part, before_drawing=before_drawing)

    @property
    def compact_keys(self) -> bool:
        """Under 20 rows and 60 columns the keys are drawn "▶1 Next", three to a row, where
        every set of them fits so (each is still one choice, said with its key)."""
        width, height = self.size
        return (0 < height < 20 and 0 < width < 60
                and keys_fit_three_a_row(self.language, self._body_size()[0], self.toggle_labels()))

    def nav_columns(self) -> int:
        return 3 if self.compact_keys else super().nav_columns()

    def nav_items(self) -> list[ChoiceItem]:
        items = super().nav_items()
        return [dataclasses.replace(item, compact=True) for item in items] if self.compact_keys else items

    def split(self, body: str, width: int, height: int) -> list[list[Line]]:
        """The answers in screenfuls, the provider's copy starting a screen when it does not fit
        under them (:func:`~kiosk.words.summary_layout.summary_parts`)."""
        return summary_parts(body, width, height)

    def extra_items(self, at_end: bool) -> list[ChoiceItem]:
        printing = [ChoiceItem("5", self._(W.PRINT), PRINT, speech=self._(W.PRINT_FOR_PROVIDER))
                    ] if self.can_print else []
        return [
            ChoiceItem("3", self._(W.READ_ALOUD), READ_ALOUD),
            ChoiceItem("4", self._(W.CHANGE), CHANGE, speech=self._(W.CHANGE_MY_ANSWERS)),
            *printing,
            *self.toggle_items(),
            ChoiceItem("9", self._(W.FINISH), FINISH, speech=self._(W.FINISH_AND_CLEAR)),
        ]

    def toggle_items(self) -> list[ChoiceItem]:
        labels = self.toggle_labels()
        if not labels:
            return []
        original = self.provider_topic
        assert original is not None
        if self.for_provider:
            return [ChoiceItem(TOGGLE_KEY, labels[1], TO_PATIENT)]
        in_language = in_language_words(original.language, self.language, self.settings.language_names)
        speech = self._(W.SUMMARY_IN_FOR_PROVIDER, in_language=in_language)
        return [ChoiceItem(TOGGLE_KEY, labels[0], TO_PROVIDER, speech=speech)]

    def compose_above_page(self) -> ComposeResult:
        note = SafeText(self.print_note, id="print-note", classes="note")
        note.display = bool(self.print_note)
        yield note

    def on_mount(self) -> None:
        if self.controller.printer_set:
            self.post_message(intents.CheckPrinter())  # answered in printer_state, off the UI thread

    @on(changes.PrinterChecked)
    def printer_state(self, change: changes.PrinterChecked) -> None:
        self.can_print = change.state.can_print

    def watch_can_print(self) -> None:
        self._show(keep_part=True)  # "Print for my provider" comes or goes

    @on(changes.Printed)
    def print_done(self, change: changes.Printed) -> None:
        """Printed, or not: say so on screen (the app says it aloud); the summary stays."""
        self.print_note = change.message

    def watch_print_note(self, message: str) -> None:
        note = self.query_one("#print-note", SafeText)
        note.update(message)
        note.display = bool(message)

    def body_speech(self) -> list[str]:
        label = [self.spoken_label] if self.spoken_label else []
        more = [self._(W.SUMMARY_MORE, key=1)] if self.part + 1 < len(self._parts) else []
        return [*label, self._(W.SUMMARY_ON_SCREEN), *more,
                f"{self._(W.PRIVACY_WARNING)} {self._(W.PRESS_TO_HEAR_IT, key=3)}"]

    def extra_chosen(self, item: ChoiceItem) -> None:
        if item.value == READ_ALOUD:
            lines = [f"{line}." for line in self.summary_lines()]
            # then the keys, so a listener knows what they can do next (K-S7)
            keys = [choice_speech(item, self.language) for item in self.choices.items] if self.choices else []
            self.post_message(intents.Speak([self.heading + ".", self.date_line + ".", *lines, *keys], private=True))
        elif item.value == CHANGE:
            self.post_message(intents.GoBack())
        elif item.value in (TO_PROVIDER, TO_PATIENT):
            self.toggle_language()
        elif item.value == PRINT:
            self.print_note = self._(W.PRINTING)
            self.post_message(intents.PrintSummary())
        else:
            self.post_message(intents.ConfirmFinish())
