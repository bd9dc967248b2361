"""EmergencyScreen: what to do now, and the red flags (K-C2).

Opened by one key from anywhere, or at once by a red-flag answer; then it offers "Change my
answer" back into the questions. The banner is spoken first here, and the emergency number is
drawn in big digits where the screen has room.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Digits

from kiosk.model import Topic
from kiosk.ui import intents
from kiosk.ui.screens.paged import PagedScreen
from kiosk.ui.widgets.choice_list import ChoiceItem
from kiosk.ui.widgets.emergency_banner import banner_lines

CHANGE_ANSWER, BACK = "=change-answer", "=back"
FLAGS_HEADING = "Get help now if you have"


def red_flag_symptoms(topics: list[Topic]) -> list[str]:
    seen: list[str] = []
    for topic in topics:
        for flag in topic.red_flags:
            if flag.symptom not in seen:
                seen.append(flag.symptom)
    return seen


class EmergencyScreen(PagedScreen):
    def __init__(self, topics: list[Topic], *, from_flow: bool = False, chosen: list[str] | None = None) -> None:
        super().__init__([], name="emergency")
        self.topics = topics
        self.from_flow = from_flow
        self.chosen_flags = chosen or []

    @property
    def heading(self) -> str:  # type: ignore[override]
        return self.settings.emergency.title

    def on_mount(self) -> None:
        emergency = self.settings.emergency
        steps = "\n".join(f"{i}. {emergency.fill(step)}" for i, step in enumerate(emergency.steps, 1))
        if self.chosen_flags:  # after the steps: what to do comes first on the smallest screen
            steps += "\n\nYou said: **" + "; ".join(self.chosen_flags) + "**"
        flags = "\n".join(f"- {symptom}" for symptom in red_flag_symptoms(self.topics))
        self.pages = [("What to do now", steps), (FLAGS_HEADING + ":", flags)]
        super().on_mount()

    def compose_above_page(self) -> ComposeResult:
        yield Digits(self.settings.emergency.number, id="big-number")

    def extra_items(self, at_end: bool) -> list[ChoiceItem]:
        items = [ChoiceItem("3", "Change answer", CHANGE_ANSWER, speech="Change my answer")] if self.from_flow else []
        return [*items, ChoiceItem("0", "Back", BACK)]

    def speech_script(self) -> list[str]:
        """The banner first, then the page (issue: the banner is spoken first here)."""
        first, second = banner_lines(self.settings.emergency)
        return [first, second, *super().speech_script()]

    def extra_chosen(self, item: ChoiceItem) -> None:
        if item.value == CHANGE_ANSWER:
            self.post_message(intents.ChangeRedFlagAnswer())
        else:
            self.post_message(intents.GoBack())

    #: The emergency message's first play is protected from being cut off (K-S4); handed to
    #: speech once, like every screen (KioskScreen.announce, issue 13).
    announce_protected = True
