"""ChoiceList: big numbered choices picked by digit, arrows + Enter, or a touch.

The highlighted row carries a visible marker, not colour alone (K-V3), and is kept in view
(K-V6). Moving the highlight posts :class:`ChoiceList.Highlighted` so the screen can speak the
item with its position (K-S5); picking posts :class:`ChoiceList.Chosen`.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import Static

from kiosk.plain_text import strip_controls
from kiosk.ui.widgets.safe_text import SafeText

MARKER = "▶"
#: Labels up to this long fit a half-width column at 40 cells, with the marker and key.
SHORT_LABEL = 12


@dataclass(frozen=True)
class ChoiceItem:
    """One choice: the key that picks it, the words on it, and what it means to the screen."""

    key: str
    label: str
    value: str
    checked: bool | None = None  # None: not a multi-choice item; True/False: chosen or not
    speech: str | None = None  # what is said instead of the label (private answers, K-S7)

    def row_prefix(self, highlighted: bool) -> str:
        """What stands before the words: marker, key and box ("▶ 2  [x] ")."""
        mark = MARKER if highlighted else " "
        box = "" if self.checked is None else ("[x] " if self.checked else "[ ] ")
        return f"{mark} {self.key or ' '}  {box}"

    def row_text(self, highlighted: bool) -> str:
        return self.row_prefix(highlighted) + self.label

    @property
    def press(self) -> str:
        return f"Press {self.key}." if self.key else "Press Enter."

    def spoken(self, index: int, count: int) -> str:
        """K-S5: position, words and key of the highlighted item ("2 of 5: Calf. Press 2.")."""
        state = "" if self.checked is None else (" Chosen." if self.checked else " Not chosen.")
        return f"{index + 1} of {count}: {self.speech or self.label}.{state} {self.press}"


#: Narrower than this for the words, a row wraps as plain text rather than a hanging indent.
MIN_HANGING_WIDTH = 8


class HangingText(Visual):
    """A choice's words wrapped under the words, not under the key (issue 13): at 40 columns

        ▶ 2  Trouble breathing, short of
             breath, or wheezing

    so the key column stays clear and every row starts with its key."""

    def __init__(self, prefix: str, words: str) -> None:
        self.prefix = Content(strip_controls(prefix))
        self.words = Content(strip_controls(words))
        self._wrapped: tuple[int, Content] | None = None

    def __str__(self) -> str:
        return self.prefix.plain + self.words.plain

    def lines(self, width: int) -> Content:
        """The row wrapped to ``width`` cells, one line per wrapped line."""
        if self._wrapped is not None and self._wrapped[0] == width:
            return self._wrapped[1]
        indent = self.prefix.cell_length
        if width - indent < MIN_HANGING_WIDTH:
            wrapped = self.prefix + self.words
        else:
            first, *rest = self.words.wrap(width - indent) or [Content("")]
            pad = Content(" " * indent)
            wrapped = Content("\n").join([self.prefix + first, *(pad + line for line in rest)])
        self._wrapped = (width, wrapped)
        return wrapped

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self.lines(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.prefix.cell_length + self.words.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.prefix.cell_length + self.words.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.lines(width).get_height(rules, width)


class ChoiceRow(SafeText):
    """One row of a ChoiceList; a click or touch picks it."""

    def __init__(self, item: ChoiceItem, index: int) -> None:
        super().__init__("", classes="choice")
        self.item = item
        self.index = index
        self.show(False)

    def show(self, highlighted: bool) -> None:
        """Draw the row, marked when highlighted (K-V3), words under words when wrapped."""
        Static.update(self, HangingText(self.item.row_prefix(highlighted), self.item.label))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        choice_list = self.parent
        while choice_list is not None and not isinstance(choice_list, ChoiceList):
            choice_list = choice_list.parent
        if choice_list is not None:
            choice_list.pick(self.index)


class ChoiceList(VerticalScroll, can_focus=True):
    """A vertical list of :class:`ChoiceItem` rows with one highlighted."""

    BINDINGS = [
        Binding("up", "move(-1)", "Previous choice", show=False),
        Binding("down", "move(1)", "Next choice", show=False),
        Binding("enter", "pick_highlighted", "Choose", show=False),
    ]

    highlighted: reactive[int] = reactive(0, init=False)

    class Highlighted(Message):
        def __init__(self, choice_list: ChoiceList, item: ChoiceItem, index: int, count: int) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.item = item
            self.index = index
            self.count = count

    class PastEnd(Message):
        """Up before the first choice (``step`` -1) or down past the last (+1): a paged list
        turns its page, so arrows alone reach every entry of a long list."""

        def __init__(self, choice_list: ChoiceList, step: int) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.step = step

    class Chosen(Message):
        def __init__(self, choice_list: ChoiceList, item: ChoiceItem, index: int) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.item = item
            self.index = index

    def __init__(self, items: list[ChoiceItem], *, highlighted: int = 0, id: str | None = None,  # noqa: A002 - Textual's keyword
                 classes: str = "", pages_past_ends: bool = False) -> None:
        super().__init__(id=id, classes=classes)
        self.items = list(items)
        self.pages_past_ends = pages_past_ends
        self.set_class(len(self.items) > 4 and all(len(i.label) <= SHORT_LABEL for i in self.items), "-short-labels")
        self.set_reactive(ChoiceList.highlighted, self._clamp(highlighted))

    def compose(self):
        for index, item in enumerate(self.items):
            yield ChoiceRow(item, index)

    def on_mount(self) -> None:
        self._paint()

    def _clamp(self, index: int) -> int:
        return max(0, min(index, len(self.items) - 1))

    def _paint(self) -> None:
        for row in self.query(ChoiceRow):
            on = row.index == self.highlighted
            row.set_class(on, "-highlighted")
            row.show(on)
        rows = list(self.query(ChoiceRow))
        if rows:
            self.call_after_refresh(self.scroll_to_widget, rows[self.highlighted], animate=False)

    def watch_highlighted(self) -> None:
        self._paint()

    @property
    def current(self) -> ChoiceItem | None:
        return self.items[self.highlighted] if self.items else None

    def index_of_key(self, key: str) -> int | None:
        for index, item in enumerate(self.items):
            if item.key and item.key == key:
                return index
        return None

    def set_items(self, items: list[ChoiceItem], *, highlighted: int = 0) -> None:
        """Show other choices in place (a topic's nav row changes on the last page)."""
        self.items = list(items)
        self.set_reactive(ChoiceList.highlighted, self._clamp(highlighted))
        self.remove_children()
        self.mount_all(ChoiceRow(item, index) for index, item in enumerate(self.items))
        self.call_after_refresh(self._paint)

    def replace_item(self, index: int, item: ChoiceItem) -> None:
        """Swap one item (a multi-choice box ticked) without rebuilding the list."""
        self.items[index] = item
        row = list(self.query(ChoiceRow))[index]
        row.item = item
        row.show(index == self.highlighted)

    def action_move(self, step: int) -> None:
        if not self.items:
            return
        wanted = self.highlighted + step
        if self.pages_past_ends and not 0 <= wanted < len(self.items):
            self.post_message(self.PastEnd(self, step))
            return
        new = self._clamp(wanted)
        if new != self.highlighted:
            self.highlighted = new
        self.post_message(self.Highlighted(self, self.items[new], new, len(self.items)))

    def highlight(self, index: int, *, announce: bool = True) -> None:
        self.highlighted = self._clamp(index)
        if announce and self.items:
            self.post_message(self.Highlighted(self, self.items[self.highlighted], self.highlighted, len(self.items)))

    def pick(self, index: int) -> None:
        if 0 <= index < len(self.items):
            self.highlighted = index
            self.post_message(self.Chosen(self, self.items[index], index))

    def action_pick_highlighted(self) -> None:
        self.pick(self.highlighted)
