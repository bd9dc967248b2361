"""ChoiceList: big numbered choices picked by digit, arrows + Enter, or a touch.

The highlighted row carries a visible marker, not colour alone (K-V3), and is kept in view
(K-V6). Moving the highlight posts :class:`ChoiceList.Highlighted` so the screen can speak the
item with its position (K-S5); picking posts :class:`ChoiceList.Chosen`.

A list taller than its room scrolls, and a line docked under it names the keys out of view
("▼ More below: 7 8 0."), so every choice's key is on screen at 40x12 even for someone who
has no arrow keys (a keypad with Num Lock on). A list that lets Enter turn to the rows out of
view (:meth:`ChoiceList.enter_shows_more`, a question with nothing highlighted) says so on the line.
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
from textual.widget import Widget
from textual.widgets import Static

from kiosk.ui.widgets.safe_text import SafeText, visit_language
from kiosk.visit.flow import join_phrases
from kiosk.words import ui_words as W
from kiosk.words.i18n import tr
from kiosk.words.plain_text import strip_controls

MARKER = "▶"
#: Labels up to this long fit a half-width column at 40 cells, with the marker and key.
SHORT_LABEL = 12

# The line under a list that does not fit names the keys out of view; its words are in ui_words,
# in the visit's language. Every word of the shorter forms is in the spoken form, so what shows
# is also said (K-S1).
MORE_ABOVE, MORE_BELOW, MORE_BOTH, MORE_SHORT = W.MORE_ABOVE, W.MORE_BELOW, W.MORE_BOTH, W.MORE_SHORT
#: How the line is drawn, widest form first; the first that fits on one line is used.
MORE_FORMS = ["{arrow} {where}: {keys}.{enter}", "{arrow} {short}: {keys}.{enter}", "{arrow} {keys}.{enter}"]
ENTER_FORMS = [W.ENTER_TO_SEE_THEM, W.ENTER_SEE_THEM]
#: How the line is said: "More below: 7, 8 and 0. Press Enter to see them."
MORE_SPOKEN = "{where}: {keys}.{enter}"
ARROWS = {MORE_ABOVE: "▲", MORE_BELOW: "▼", MORE_BOTH: "▲▼"}


@dataclass(frozen=True)
class ChoiceItem:
    """One choice: the key that picks it, the words on it, and what it means to the screen."""

    key: str
    label: str
    value: str
    checked: bool | None = None  # None: not a multi-choice item; True/False: chosen or not
    speech: str | None = None  # what is said instead of the label (private answers, K-S7)
    #: Drawn "▶1 Next", for keys that share a row three at a time on a small screen.
    compact: bool = False

    def row_prefix(self, highlighted: bool) -> str:
        """What stands before the words: marker, key and box ("▶ 2  [x] ", compact "▶2 ")."""
        mark = MARKER if highlighted else " "
        box = "" if self.checked is None else ("[x] " if self.checked else "[ ] ")
        if self.compact:
            return f"{mark}{self.key or ' '} {box}"
        return f"{mark} {self.key or ' '}  {box}"

    def row_text(self, highlighted: bool) -> str:
        return self.row_prefix(highlighted) + self.label

    def press(self, language: str = "en") -> str:
        """ "Press 3." (or "Press Enter." for a choice without a digit), in ``language``."""
        return tr(language, W.PRESS_KEY, key=self.key) if self.key else tr(language, W.PRESS_ENTER)

    def spoken(self, index: int, count: int, language: str = "en") -> str:
        """K-S5: position, words and key of the highlighted item ("2 of 5: Calf. Press 2.")."""
        state = "" if self.checked is None else " " + tr(language, W.CHOSEN if self.checked else W.NOT_CHOSEN)
        position = tr(language, W.POSITION, n=index + 1, total=count, label=self.speech or self.label)
        return f"{position}{state} {self.press(language)}"


#: Narrower than this for the words, a row wraps as plain text rather than a hanging indent.
MIN_HANGING_WIDTH = 8


class HangingText(Visual):
    """A choice's words wrapped under the words, not under the key: at 40 columns

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
        self._drawn: tuple[str, str] | None = None  # (prefix, words) on show
        self.show(False)

    def show(self, highlighted: bool) -> None:
        """Draw the row, marked when highlighted (K-V3), words under words when wrapped.

        A row already showing these words costs nothing, and one whose marker alone moved is
        redrawn without laying the screen out again: the marker takes the cell of the space it
        replaces, so the row's height cannot change (a highlight moved by an arrow key)."""
        drawn = (self.item.row_prefix(highlighted), self.item.label)
        if drawn == self._drawn:
            return
        same_size = self._drawn is not None and self._drawn[1] == drawn[1] and \
            len(self._drawn[0]) == len(drawn[0])
        self._drawn = drawn
        Static.update(self, HangingText(*drawn), layout=not same_size)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        choice_list = self.parent
        while choice_list is not None and not isinstance(choice_list, ChoiceList):
            choice_list = choice_list.parent
        if choice_list is not None:
            choice_list.pick(self.index)


class MoreLine(SafeText):
    """Docked under the rows of a list that does not fit: the keys out of view. A touch on it
    shows them."""

    DEFAULT_CSS = """
    MoreLine {
        dock: bottom;
        height: auto;
        display: none;
        text-style: bold;
        color: $foreground;
        background: $background;
    }
    MoreLine.-shown { display: block; }
    """

    def on_click(self, event: events.Click) -> None:
        event.stop()
        if isinstance(self.parent, ChoiceList):
            self.parent.show_more()


class ChoiceList(VerticalScroll, can_focus=True):
    """A vertical list of :class:`ChoiceItem` rows with one highlighted."""

    # The list's own look wherever a screen puts it (where it goes is the app's stylesheet):
    # the highlighted row bold in the theme's highlight pair, beside its marker (K-V3). The room
    # rows get on bigger screens is the app's (kiosk.tcss), with its breakpoint classes.
    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
        max-height: 100%;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        background: $background;
    }
    ChoiceList:focus { background: $background; }
    ChoiceList .choice {
        height: auto;
        width: 100%;
        padding: 0 1 0 0;
        color: $foreground;
        background: $background;
    }
    ChoiceList .choice.-highlighted {
        color: $highlight-foreground;
        background: $highlight-background;
        text-style: bold;
    }
    """

    BINDINGS = [
        Binding("up", "move(-1)", "Previous choice", show=False),
        Binding("down", "move(1)", "Next choice", show=False),
        Binding("enter", "pick_highlighted", "Choose", show=False),
    ]

    highlighted: reactive[int] = reactive(0, init=False)

    @dataclass
    class Highlighted(Message):
        """The highlight moved: the screen says the item with its position (K-S5)."""

        choice_list: ChoiceList
        item: ChoiceItem
        index: int
        count: int

    @dataclass
    class PastEnd(Message):
        """Up before the first choice (``step`` -1) or down past the last (+1): a paged list
        turns its page, so arrows alone reach every entry of a long list."""

        choice_list: ChoiceList
        step: int

    @dataclass
    class Chosen(Message):
        """A choice was picked, by its digit, Enter on the highlight or a touch."""

        choice_list: ChoiceList
        item: ChoiceItem
        index: int

    @dataclass
    class MoreAppeared(Message):
        """The "More below" line came into view (the list turned out not to fit): the screen
        adds its spoken form to what it said (K-S1)."""

        choice_list: ChoiceList
        spoken: str

    @dataclass
    class MoreShown(Message):
        """Enter (or a touch on the line) turned the list to rows that were out of view:
        ``items`` are the rows now in view, ``spoken`` the line under them as said."""

        choice_list: ChoiceList
        items: list[ChoiceItem]
        spoken: str

    def __init__(self, items: list[ChoiceItem], *, highlighted: int = 0, id: str | None = None,  # noqa: A002 - Textual's keyword
                 classes: str = "", pages_past_ends: bool = False) -> None:
        super().__init__(id=id, classes=classes)
        self.items = list(items)
        self.pages_past_ends = pages_past_ends
        self.set_class(len(self.items) > 4 and all(len(i.label) <= SHORT_LABEL for i in self.items), "-short-labels")
        self.set_reactive(ChoiceList.highlighted, self._clamp(highlighted))
        self._more = MoreLine(classes="more-line")
        self._more_said = False
        self._room_cap: int | None = None

    def compose(self):
        for index, item in enumerate(self.items):
            yield ChoiceRow(item, index)
        yield self._more

    def on_mount(self) -> None:
        self._paint()

    # --- what is out of view -------------------------------------------------------------
    def enter_shows_more(self) -> bool:
        """Whether Enter turns to the rows out of view (else Enter picks the highlight)."""
        return False

    def _rows_out_of_view(self, top: int | None = None) -> tuple[list[ChoiceRow], list[ChoiceRow]]:
        """Rows above and below what is in view with the list scrolled to ``top`` (now, if
        None). A row cut in two counts as out of view."""
        rows = list(self.query(ChoiceRow))
        # The line, once shown, takes at least its one row, even before a layout has given it
        # that row: counted as 0 then, the keys it named left out the row it covers.
        line = max(1, self._more.outer_size.height) if self._more.display else 0
        room = self.scrollable_content_region.height - line
        if not rows or room <= 0:
            return [], []
        top = self.scroll_offset.y if top is None else top
        above, below = [], []
        for row in rows:
            words = row.virtual_region.shrink(row.styles.gutter)
            if words.y < top:
                above.append(row)
            elif words.bottom > top + room:
                below.append(row)
        return above, below

    def rows_in_view(self) -> list[ChoiceRow]:
        above, below = self._rows_out_of_view()
        return [row for row in self.query(ChoiceRow) if row not in above and row not in below]

    @staticmethod
    def _where(above: list, below: list) -> str:
        return MORE_BOTH if above and below else MORE_ABOVE if above else MORE_BELOW

    def _more_forms(self, above: list[ChoiceRow], below: list[ChoiceRow]) -> tuple[list[str], str]:
        """The line in every width, and as said; empty when everything is in view."""
        keys = [row.item.key for row in above + below if row.item.key]
        if not keys:
            return [], ""
        where = self._where(above, below)
        enter = self.enter_shows_more()
        language = visit_language(self)
        words, short = tr(language, where), tr(language, MORE_SHORT)
        enters = [" " + tr(language, form) if enter else "" for form in ENTER_FORMS]
        drawn = [form.format(arrow=ARROWS[where], where=words, short=short, keys=" ".join(keys),
                             enter=enters[min(n, 1)]) for n, form in enumerate(MORE_FORMS)]
        spoken = MORE_SPOKEN.format(where=words, keys=join_phrases(keys, language), enter=enters[0])
        return drawn, spoken

    @property
    def more_text(self) -> str:
        """The "More below" line as drawn, or "" when it is not shown."""
        return str(self._more.render()) if self._more.display else ""

    @property
    def more_spoken(self) -> str:
        """The "More below" line as said, or "" when it is not shown."""
        return self._more_forms(*self._rows_out_of_view())[1] if self._more.display else ""

    def _rows_height(self) -> int:
        return max((row.virtual_region_with_margin.bottom for row in self.query(ChoiceRow)), default=0)

    def _fit_to_room(self) -> None:
        """A list of ``height: auto`` taller than the room its parent has left for it would run
        on under the banner, where no scrolling brings its last rows back (a topic's
        first screen at 40x12 lost its "0 Back" so). Cap it to that room, so it scrolls instead."""
        parent = self.parent
        if not isinstance(parent, Widget) or not self.styles.is_auto_height or not parent.size.height:
            return
        siblings = list(parent.children)
        after = siblings[siblings.index(self) + 1:]
        below = sum(w.outer_size.height for w in after if w.display and not w.styles.is_docked)
        room = parent.content_region.bottom - self.region.y - below - self.styles.margin.bottom
        cap = None if self._rows_height() + self.styles.gutter.height <= room else max(1, room)
        if cap != self._room_cap:
            self._room_cap = cap
            self.styles.max_height = cap  # None: the stylesheet's max-height again
            self.call_after_refresh(self._keep_highlight_in_view)

    def _keep_highlight_in_view(self) -> None:
        rows = list(self.query(ChoiceRow))
        if 0 <= self.highlighted < len(rows):
            self.scroll_to_widget(rows[self.highlighted], animate=False)

    def _update_more(self) -> None:
        """Show, reword or hide the line after a layout, a scroll or a highlight change."""
        if not self.is_mounted:
            return
        self._fit_to_room()
        needed = self._rows_height()
        if needed <= self.scrollable_content_region.height:
            self._more.remove_class("-shown")  # every row fits without the line
            return
        above, below = self._rows_out_of_view()
        drawn, _ = self._more_forms(above, below)
        if not drawn:
            return  # nothing with a key out of view; the line stays, so the room stays the same
        width = max(1, self._more.content_region.width or self.scrollable_content_region.width)
        text = next((line for line in drawn if len(line) <= width), drawn[-1])
        if str(self._more.render()) != text:
            self._more.update(text)
        if not self._more.display:
            self._more.add_class("-shown")
            self.call_after_refresh(self._more_appeared)

    def _more_appeared(self) -> None:
        self._update_more()  # the line now takes its row: the keys under it are out of view too
        if self._more_said or not self._more.display:
            return
        self._more_said = True
        self._keep_highlight_in_view()  # the line took a row
        self.post_message(self.MoreAppeared(self, self.more_spoken))

    def on_resize(self) -> None:
        self.call_after_refresh(self._update_more)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.call_after_refresh(self._update_more)

    def show_more(self) -> bool:
        """Scroll to the first rows below what is in view (back to the top after the last);
        False when every row is in view."""
        above, below = self._rows_out_of_view()
        if not above and not below:
            return False
        top = min(below[0].virtual_region.y, self.max_scroll_y) if below else 0
        now_above, now_below = self._rows_out_of_view(top)
        shown = [row.item for row in self.query(ChoiceRow) if row not in now_above and row not in now_below]
        spoken = self._more_forms(now_above, now_below)[1]
        self.scroll_to(y=top, animate=False, immediate=True)
        self.call_after_refresh(self._update_more)
        self.post_message(self.MoreShown(self, shown, spoken))
        return True

    def _clamp(self, index: int) -> int:
        return max(0, min(index, len(self.items) - 1))

    def _paint(self) -> None:
        for row in self.query(ChoiceRow):
            if row.index >= len(self.items):
                continue  # being removed (fewer items than rows)
            on = row.index == self.highlighted
            row.set_class(on, "-highlighted")
            row.show(on)
        rows = list(self.query(ChoiceRow))
        if rows:
            self.call_after_refresh(self.scroll_to_widget, rows[self.highlighted], animate=False)
        self.call_after_refresh(self._update_more)

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
        self.take_items(items, highlighted)
        # The rows there already take the new items (a page of a list turned): mounting a whole
        # list of new rows styled each one and laid the screen out again on every page turn.
        rows = list(self.query(ChoiceRow))
        for row, index in zip(rows, range(len(self.items)), strict=False):
            row.item, row.index = self.items[index], index
        if len(rows) > len(self.items):
            self.remove_children(rows[len(self.items):])
        elif len(rows) < len(self.items):
            self.mount_all([ChoiceRow(self.items[index], index) for index in range(len(rows), len(self.items))],
                           before=self._more)
        self._more_said = False
        self._paint()

    def take_items(self, items: list[ChoiceItem], highlighted: int = 0) -> None:
        """Know ``items`` now, as what the screen says, and draw their rows a moment later
        (:meth:`set_items`): a listener's turned page is said before it is drawn."""
        self.items = list(items)
        self.set_reactive(ChoiceList.highlighted, self._clamp(highlighted))

    def start_afresh(self) -> None:
        """As a new list: at its top, with no line under it until a layout shows one is needed
        (its screen opened again with other choices, :mod:`kiosk.ui.spare_screens`): not even
        one frame keeps the last use's scroll or "More above"."""
        self.scroll_to(y=0, animate=False, immediate=True)
        self._more.remove_class("-shown")
        self._more_said = False

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
            # The highlight moves to the picked row, drawn after the screen's answer (a page
            # turned, a new screen): drawn first, it was a frame of its own that the answer
            # waited behind. The choice goes straight to the screen, which answers it:
            # bubbled through the body's container, it waited in this list's queue behind
            # that drawing, 1.5-1.7 ms of every choice (bench/README.md, "fourth pass").
            self.set_reactive(ChoiceList.highlighted, index)
            self.post_chosen(index)
            self.call_after_refresh(self._paint)

    def post_chosen(self, index: int) -> None:
        """Tell the screen that choice ``index`` was picked, straight to it (it answers every
        choice; the containers between have nothing to do with it)."""
        self.screen.post_message(self.Chosen(self, self.items[index], index))

    def action_pick_highlighted(self) -> None:
        self.pick(self.highlighted)
