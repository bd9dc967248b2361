"""EmergencyScreen: what to do now, and the red flags (K-C2).

Opened by one key from anywhere, or at once by a red-flag answer; then it offers "Change my
answer" back into the questions. Its title and first step are spoken first, and the emergency
number is drawn in big digits where the screen has room.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widgets import Digits

from kiosk.content.model import Topic
from kiosk.ui import changes, intents
from kiosk.ui.screens.paged import PagedScreen
from kiosk.ui.widgets.choice_list import ChoiceItem
from kiosk.ui.widgets.safe_text import SafeText
from kiosk.words import ui_words as W

CHANGE_ANSWER, BACK, CALL_DESK = "=change-answer", "=back", "=call-desk"


def topic_danger_body(topic: Topic) -> str:
    """A topic's red flags, each with the action staff wrote, in the order staff wrote them."""
    return "\n".join(f"- **{flag.symptom}**: {flag.action}" for flag in topic.red_flags)


class EmergencyScreen(PagedScreen):
    """``topic`` given (opened inside a topic): that topic's danger signs; otherwise the short
    kiosk-wide list from ``kiosk.yaml`` (``emergency.danger_signs``)."""

    #: Whether the front desk is being called, or was: shown under the number once there is one.
    desk_note: reactive[str] = reactive("", init=False)

    def __init__(self, topic: Topic | None = None, *, from_flow: bool = False,
                 chosen: list[str] | None = None) -> None:
        super().__init__([])
        self.topic = topic
        self.from_flow = from_flow
        self.chosen_flags = chosen or []

    def reopen(self, topic: Topic | None = None, *, from_flow: bool = False,
               chosen: list[str] | None = None) -> None:
        """Opened again (:mod:`kiosk.ui.spare_screens`): this topic's danger signs, no desk note."""
        self.topic = topic
        self.from_flow = from_flow
        self.chosen_flags = chosen or []
        self.desk_note = ""
        self._reopen_pages(self._emergency_pages(), 0)

    @property
    def emergency(self):
        return self.settings.emergency_for(self.language)

    @property
    def heading(self) -> str:
        return self.emergency.title

    def on_mount(self) -> None:
        self.pages = self._emergency_pages()
        super().on_mount()

    def _emergency_pages(self) -> list[tuple[str, str]]:
        """What to do now (with what the person said, after a danger-sign answer), then the
        topic's danger signs, or the kiosk's own list."""
        emergency = self.emergency
        steps = "\n".join(f"{i}. {emergency.fill(step)}" for i, step in enumerate(emergency.steps, 1))
        if self.chosen_flags:  # after the steps: what to do comes first on the smallest screen
            steps += "\n\n" + self._(W.YOU_SAID, answers="**" + "; ".join(self.chosen_flags) + "**")
        pages = [(self._(W.WHAT_TO_DO_NOW), steps)]
        if self.topic is not None:
            pages.append((self._(W.DANGER_SIGNS_OF, title=self.topic.title), topic_danger_body(self.topic)))
        elif emergency.danger_signs:
            pages.append((self._(W.GET_HELP_IF), "\n".join(f"- {sign}" for sign in emergency.danger_signs)))
        return pages

    def compose_above_page(self) -> ComposeResult:
        yield Digits(self.settings.emergency.number, id="big-number")
        note = SafeText(self.desk_note, id="desk-note", classes="lead")
        note.display = bool(self.desk_note)
        yield note

    def extra_items(self, at_end: bool) -> list[ChoiceItem]:
        items = [ChoiceItem("3", self._(W.CHANGE_ANSWER), CHANGE_ANSWER, speech=self._(W.CHANGE_MY_ANSWER))
                 ] if self.from_flow else []
        if self.controller.can_alert:  # only when staff set alert.command: else no desk to call
            items.append(ChoiceItem("4", self._(W.CALL_FRONT_DESK), CALL_DESK, speech=self._(W.CALL_FRONT_DESK_FOR_ME)))
        return [*items, ChoiceItem("0", self._(W.BACK), BACK)]

    @on(changes.DeskCalled)
    def desk_called(self, change: changes.DeskCalled) -> None:
        """The alert command finished: tell the person, on screen and aloud."""
        if change.already:
            self.show_desk_note(self._(W.DESK_ALREADY_CALLED))
        else:
            self.show_desk_note(self._(W.DESK_CALLED if change.ok else W.DESK_NOT_CALLED))

    def show_desk_note(self, words: str) -> None:
        self.desk_note = words
        self.say(words)

    def watch_desk_note(self, words: str) -> None:
        note = self.query_one("#desk-note", SafeText)
        note.update(words)
        note.display = bool(words)

    def page_speech(self) -> list[str]:
        """K-S4: "Get help now" (the title), then the first step, before anything else: the
        first page's own heading and "Page 1 of 2" come after its steps. The banner is not read
        here: this page says all it says, and more, and every page would repeat it."""
        if self.page != 0:
            return super().page_speech()
        label = [self.spoken_label] if self.spoken_label else []
        heading = self.pages[0][0]
        head = [heading + "."] if self.part == 0 and heading else []
        more = [self._(W.MORE_OF_PAGE, key=1)] if self.part + 1 < len(self._parts) else []
        return [*self.part_source(), *label, *head, *more]

    def extra_chosen(self, item: ChoiceItem) -> None:
        if item.value == CHANGE_ANSWER:
            self.post_message(intents.ChangeRedFlagAnswer())
        elif item.value == CALL_DESK:
            self.show_desk_note(self._(W.CALLING_DESK))
            self.post_message(intents.CallFrontDesk())
        else:
            self.post_message(intents.GoBack())

    #: The emergency message's first play is protected from being cut off (K-S4); handed to
    #: speech once, like every screen (KioskScreen.announce).
    announce_protected = True
