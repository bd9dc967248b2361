"""SummaryScreen: "Show this to your provider", in short plain sentences with the date.

It stays until the person finishes or the kiosk resets; nothing of it is written to disk or
logs (K-P2). It is spoken only when the person asks (K-S7, K-S10). A long summary is shown in
parts like a topic page, so it never needs scrolling.
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.reactive import reactive

from kiosk.content.model import Topic
from kiosk.ui import changes, intents
from kiosk.ui.screens.base import KioskScreen, choice_speech
from kiosk.ui.screens.paged import PagedScreen
from kiosk.ui.screens.review import summary_lines
from kiosk.ui.widgets.choice_list import ChoiceItem
from kiosk.ui.widgets.safe_text import SafeText
from kiosk.visit.flow import FlowSession
from kiosk.words import ui_words as W
from kiosk.words.i18n import date_words, tr

READ_ALOUD, CHANGE, FINISH, PRINT = "=read", "=change", "=finish", "=print"
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
    """The summary in the topic's language (the language the person answered in)."""

    #: The print queue can take a job: only then is "Print" offered (never a choice that fails).
    #: False until the app has checked the queue, off the UI thread.
    can_print: reactive[bool] = reactive(False, init=False)
    #: "Printing..." and then whether it printed, above the summary (also said aloud).
    print_note: reactive[str] = reactive("", init=False)

    def __init__(self, topic: Topic, session: FlowSession, today: dt.date) -> None:
        self.topic: Topic = topic
        self.session = session
        self.today = today
        super().__init__([(self.date_line, self.summary_body())], name=f"summary:{topic.id}")

    def summary_body(self) -> str:
        """One line per label; on a visit in another language, the same answers follow in the
        clinic's first language, for a provider who reads only that."""
        own = [f"- {line}." for line in summary_lines(self.session, self.topic.language)]
        provider = self.controller.summary_for_provider()
        if provider is None:
            return "\n".join(own)
        original, lines = provider
        heading = tr(original.language, W.FOR_PROVIDER, name=self.settings.language_name(original.language))
        return "\n".join([*own, "", heading, *(f"- {line.label}: {line.text}." for line in lines)])

    @property
    def heading(self) -> str:
        return self._(W.SHOW_PROVIDER)

    @property
    def date_line(self) -> str:
        language = self.topic.language
        return tr(language, W.DATE_LINE, title=self.topic.title, date=date_words(self.today, language))

    def extra_items(self, at_end: bool) -> list[ChoiceItem]:
        printing = [ChoiceItem("5", self._(W.PRINT), PRINT, speech=self._(W.PRINT_FOR_PROVIDER))
                    ] if self.can_print else []
        return [
            ChoiceItem("3", self._(W.READ_ALOUD), READ_ALOUD),
            ChoiceItem("4", self._(W.CHANGE), CHANGE, speech=self._(W.CHANGE_MY_ANSWERS)),
            *printing,
            ChoiceItem("9", self._(W.FINISH), FINISH, speech=self._(W.FINISH_AND_CLEAR)),
        ]

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
            lines = [f"{line}." for line in summary_lines(self.session, self.topic.language)]
            # then the keys, so a listener knows what they can do next (K-S7)
            keys = [choice_speech(item, self.language) for item in self.choices.items] if self.choices else []
            self.post_message(intents.Speak([self.heading + ".", self.date_line + ".", *lines, *keys], private=True))
        elif item.value == CHANGE:
            self.post_message(intents.GoBack())
        elif item.value == PRINT:
            self.print_note = self._(W.PRINTING)
            self.post_message(intents.PrintSummary())
        else:
            self.post_message(intents.ConfirmFinish())
