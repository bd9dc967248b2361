"""StaffTopicsScreen: every topic with [x] shown / [ ] hidden; picking one switches it.

A topic still in draft (no clinician's review) says so beside its name, and so does one with no
version in a language the kiosk offers.

The switch is kept by the controller in the data folder, so it survives a restart; patients
see the change at the next fresh home.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.content.library_nav import home_entries, home_layout, page_count, uses_groups
from kiosk.content.staff_report import topic_marks
from kiosk.ui import changes, intents
from kiosk.ui.screens.staff_mode import StaffModeScreen
from kiosk.ui.widgets.choice_list import ChoiceItem, ChoiceList
from kiosk.ui.widgets.safe_text import SafeText


def home_words(topics, languages: int = 1) -> str:
    """ "Home: 40 topics in 5 groups, 1 page." for staff, from the topics patients see now."""
    entries = home_entries(topics, languages)
    pages = page_count(len(entries), home_layout(languages))
    how = f"in {len(entries)} groups" if uses_groups(topics, languages) else "listed one by one"
    return f"Home: {len(topics)} topic(s) {how}, {pages} page(s)."


class StaffTopicsScreen(StaffModeScreen):
    heading = "Topics on or off"

    def __init__(self) -> None:
        super().__init__(name="staff-topics")
        self.note = "[x] = patients see it. Pick a topic to switch it."
        self.titles: dict[str, str] = {}

    def topic_items(self) -> list[ChoiceItem]:
        seen: dict[str, str] = {}
        for topic in self.controller.library.topics:
            if topic.enabled and topic.id not in seen:
                seen[topic.id] = topic.title
        self.titles = seen  # the note after a switch names the topic, not its marks
        disabled = self.controller.disabled_topics
        marks = topic_marks(self.controller.library.topics, self.controller.languages)
        items = []
        for n, (topic_id, title) in enumerate(seen.items(), 1):
            key = str(n) if n <= 9 else ""
            label = f"{title} ({'; '.join(marks[topic_id])})" if marks.get(topic_id) else title
            items.append(ChoiceItem(key, label, topic_id, checked=topic_id not in disabled))
        items.append(ChoiceItem("0", "Back", "=back"))
        return items

    def compose_body(self) -> ComposeResult:
        # How home lists the topics that are on, counted as home counts them, as patients see it.
        self.note = f"{self.note} {home_words(self.controller.visible_topics(), len(self.controller.languages))}"
        yield SafeText(self.note, id="topics-note", classes="note")
        yield ChoiceList(self.topic_items(), id="choices")

    def body_speech(self) -> list[str]:
        return [self.note]

    def action_back(self) -> None:
        self.post_message(intents.GoBack())

    def chosen(self, item: ChoiceItem) -> None:
        if item.value == "=back":
            self.post_message(intents.GoBack())
            return
        self.post_message(intents.SwitchTopic(item.value))

    @on(changes.TopicSwitched)
    def topic_switched(self, change: changes.TopicSwitched) -> None:
        """The controller switched it: draw and say the new state."""
        topic_id, shown, problem = change.topic_id, change.shown, change.problem
        choices = self.choices
        if choices is None:
            return
        for index, item in enumerate(choices.items):
            if item.value == topic_id:
                choices.replace_item(index, ChoiceItem(item.key, item.label, item.value, checked=shown))
                label = self.titles.get(topic_id, item.label)
                break
        else:
            return
        state = "on" if shown else "off"
        self.note = f"{label}: {state}." + (f" Not saved for the next start: {problem}" if problem else "")
        self.query_one("#topics-note", Static).update(self.note)
        self.say(self.note)
