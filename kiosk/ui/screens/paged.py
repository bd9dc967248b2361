"""PagedScreen: text shown one screenful at a time, turned by keys or touch (K-V1, K-V4).

Topic pages and the emergency page share this: each page is split into parts that fit the
body's real height, so nothing ever needs scrolling and the choices are always in view.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.choice_list import ChoiceItem, ChoiceList
from kiosk.ui.widgets.page_view import PageView
from kiosk.ui.widgets.safe_text import SafeText
from kiosk.words import ui_words as W
from kiosk.words.page_layout import Line, blocks, layout, screenfuls
from kiosk.words.plain_text import strip_markdown

#: (screen class, screen width, height) -> the page body's size there, once laid out: the first
#: split of the next such screen uses it instead of a guess, saving a second layout.
_KNOWN_BODY: dict[tuple[type, int, int], tuple[int, int]] = {}
NEXT, PREVIOUS = "=next", "=previous"


class PagedScreen(KioskScreen):
    """Subclasses give ``pages`` as (heading, Markdown body) and may add choices."""

    BINDINGS = [
        Binding("right,pagedown", "turn(1)", "Next page", show=False),
        Binding("left,pageup", "turn(-1)", "Previous page", show=False),
    ]

    def __init__(self, pages: list[tuple[str, str]], *, page: int = 0, name: str | None = None) -> None:
        super().__init__(name=name)
        self._set_pages(pages, page)

    def _set_pages(self, pages: list[tuple[str, str]], page: int) -> None:
        """The pages to show and the one to start on; nothing of what was shown before."""
        self.pages = pages
        self.page = max(0, min(page, len(pages) - 1))
        self.part = 0
        self._parts: list[list[Line]] = [[]]
        self._starts: list[int] = []  # the part each source block begins on, once drawn
        self._drawn_size: tuple[int, int] | None = None  # the body size the page was split for
        self._nav_new = True  # the nav's choices and highlight set afresh at the next draw

    def _reopen_pages(self, pages: list[tuple[str, str]], page: int) -> None:
        """Show other pages on this screen as a new screen would (:mod:`kiosk.ui.spare_screens`)."""
        self._set_pages(pages, page)
        self._reopened()
        self._show_first()

    def compose_body(self) -> ComposeResult:
        yield from self.compose_above_page()
        yield SafeText("", id="page-heading")
        yield PageView(id="page-body")
        yield SafeText("", id="page-number")
        yield ChoiceList([], id="choices", classes="-nav")

    def compose_above_page(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self._show_first()

    def _show_first(self) -> None:
        """The first page of what this screen shows, split for the body's size it guesses."""
        self._show()
        self.call_after_refresh(self._show_if_resized)  # again, if the body's real size differs

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_if_resized)

    def _show_if_resized(self) -> bool:
        """Split and draw the page again only when the body's size is not the one it was split
        for: each redraw is a layout of the whole screen (a topic opened was drawn 5 times, the
        emergency page 7, before; bench/README.md). True if it was drawn again."""
        if self._body_size() == self._drawn_size:
            return False
        self._show(keep_part=True)
        return True

    def on_page_view_resized(self, message: PageView.Resized) -> None:
        """Layout settled at another height (at 40x12 the key guide hides, the banner shrinks)."""
        message.stop()
        before = self.page_speech()
        if not self._show_if_resized():
            return
        if self.is_current and self.page_speech() != before:
            # Say what is shown now (K-S1), only when it differs: the same words again would cut off
            # what is still playing.
            self.announce()

    def resumed(self) -> None:
        """Speak only once the page is split for the real body size, so what is said is what shows."""
        self.call_after_refresh(self._resume_after_layout)

    def _resume_after_layout(self) -> None:
        if not self._show_if_resized():  # the page is as it was split: only the key guide may differ
            self.refresh_key_guide()
        super().resumed()

    # --- what subclasses add ----------------------------------------------------------------
    def extra_items(self, at_end: bool) -> list[ChoiceItem]:
        """Choices after Next/Previous; ``at_end`` is True on the last part of the last page."""
        return []

    def page_shown(self) -> None:
        """Called after every page or part change."""

    def split(self, body: str, width: int, height: int) -> list[list[Line]]:
        """A page body in screenfuls of ``height`` lines (the summary keeps its sections apart)."""
        return _balanced(screenfuls(body, width, height), height)

    # --- paging -------------------------------------------------------------------------------
    @property
    def at_end(self) -> bool:
        return self.page == len(self.pages) - 1 and self.part == len(self._parts) - 1

    def nav_items(self) -> list[ChoiceItem]:
        items = []
        if not self.at_end:
            items.append(ChoiceItem("1", self._(W.NEXT), NEXT))
        if self.page or self.part:
            items.append(ChoiceItem("2", self._(W.PREVIOUS), PREVIOUS))
        return items + self.extra_items(self.at_end)

    def _reserve_nav_rows(self, nav: ChoiceList) -> None:
        """Give the nav row, for the whole of this page, the height of the most choices it can
        show on this page, so the split never depends on which choices show (else "at the end"
        could flip as the row grows at the last part)."""
        most = len(self.extra_items(False)) + 2  # Next, Previous and the screen's own
        if self.page == len(self.pages) - 1:
            most = max(most, len(self.extra_items(True)) + 1)  # Previous and the end choices
        rows = min(4, math.ceil(most / self.nav_columns()))
        # Its own height, not a class per row count: a class changed restyles the nav and every
        # row at once (2-4 ms of a page turn, between a page with words to know and one without).
        # An unchanged height is no change to Textual: nothing is laid out again.
        nav.styles.height = rows

    def nav_columns(self) -> int:
        """Choices a row of the nav holds (the stylesheet's grid: two under 60 columns)."""
        return 2 if self.size.width and self.size.width < 60 else 3

    def _body_size(self) -> tuple[int, int]:
        """The page body's size; before the first layout, the size the last screen of this kind
        had at this screen size (so the first split is usually the one shown), else a guess."""
        view = self.query_one(PageView)
        key = (type(self), self.size.width, self.size.height)
        if view.size.width and view.size.height:
            _KNOWN_BODY[key] = (view.size.width, view.size.height)
            return view.size.width, max(1, view.size.height)
        if key in _KNOWN_BODY:
            return _KNOWN_BODY[key]
        return max(20, self.size.width - 4), max(1, self.size.height - 10)

    def _show(self, keep_part: bool = False, *, before_drawing: Callable[[], None] | None = None) -> None:
        """Split the page for the body's size and show it. ``before_drawing`` runs once the
        page's parts and choices are known, before its words go into the widgets: a turned
        page is said from there, so its first word does not wait for the drawing
        (bench/README.md, "Speech")."""
        body = self.pages[self.page][1]
        width, height = self._body_size()
        self._drawn_size = (width, height)
        self._parts = self.split(body, width, height)
        self._starts = _block_starts(body, width, self._parts)
        self.part = min(self.part, len(self._parts) - 1) if keep_part else 0
        nav = self.query_one(ChoiceList)
        items = self.nav_items()
        new_nav: tuple[list[ChoiceItem], int] | None = None
        if self._nav_new or [(i.key, i.value, i.compact) for i in nav.items] != [(i.key, i.value, i.compact)
                                                                                   for i in items]:
            self._nav_new = False
            # At the end, Enter must not go backwards: highlight the first way on.
            ahead = next((n for n, i in enumerate(items) if i.value not in (NEXT, PREVIOUS)), 0)
            new_nav = (items, 0 if not self.at_end else ahead)
        if before_drawing is not None and self.kiosk_app.speech_on:
            # A listener's page: its script (with the nav's new choices) is handed over first,
            # and the page, the nav's rows and their height are drawn from the app's queue after
            # it, so the voice starts on the other core while they are drawn here: rows added
            # to the nav (the last page's) took 4-5 ms before the first word (bench/README.md).
            if new_nav is not None:
                nav.take_items(*new_nav)
            before_drawing()
            self.app.call_later(self._draw_page, lambda: self._lay_out_nav(nav, new_nav))
            return
        self._lay_out_nav(nav, new_nav)
        if before_drawing is not None:
            before_drawing()
        self._draw_page()

    def _lay_out_nav(self, nav: ChoiceList, new_nav: tuple[list[ChoiceItem], int] | None) -> None:
        self._reserve_nav_rows(nav)
        if new_nav is not None:
            items, highlighted = new_nav
            nav.set_items(items, highlighted=highlighted)

    def _draw_page(self, first: Callable[[], None] | None = None) -> None:
        """The page's heading, words, label and keys as the screen now stands (``first``: the
        nav laid out, when the script went ahead of it)."""
        if not self.is_running:
            return  # gone before its turned page was drawn
        if first is not None:
            first()
        self.query_one("#page-heading", Static).update(self.pages[self.page][0])
        self.query_one(PageView).show(self._parts[self.part])
        self.query_one("#page-number", Static).update(self.page_label)
        self.refresh_key_guide()

    @property
    def page_label(self) -> str:
        """ "Page 2 of 6", never with "part 1 of 2" inside it, where two counts at once confuse a
        listener; a page that goes on over more screens says so: "Page 2 of 6, more: press 1",
        then "Page 2 of 6, continued"."""
        label = self._(W.PAGE_OF, n=self.page + 1, total=len(self.pages)) if len(self.pages) > 1 else ""
        if self.part + 1 < len(self._parts):
            return f"{label}, {self._(W.MORE_PRESS, key=1)}" if label else self._(W.MORE_PRESS_ALONE, key=1)
        if self.part:
            return f"{label}, {self._(W.CONTINUED_AFTER)}" if label else self._(W.CONTINUED)
        return label

    @property
    def spoken_label(self) -> str:
        """What is said for the page: "Page 2 of 6." ("Page 2 of 6, continued." on the screens
        that go on with it), never a part number."""
        if len(self.pages) == 1:
            return self._(W.CONTINUED_SPOKEN) if self.part else ""
        return self._(W.PAGE_OF_CONTINUED if self.part else W.PAGE_OF_SPOKEN, n=self.page + 1, total=len(self.pages))

    def action_turn(self, step: int) -> None:
        if self.controller.accept_choice():
            self.turn(step)

    def turn(self, step: int) -> None:
        before = (self.page, self.part)
        keep = False
        if step > 0:
            if self.part + 1 < len(self._parts):
                self.part += 1
                keep = True
            elif self.page + 1 < len(self.pages):
                self.page, self.part = self.page + 1, 0
        elif self.part > 0:
            self.part -= 1
            keep = True
        elif self.page > 0:
            self.page, self.part, keep = self.page - 1, 10**6, True  # last part of the page before
        if (self.page, self.part) == before:
            self.refuse_key()
            return
        self._show(keep_part=keep, before_drawing=self._turned)

    def _turned(self) -> None:
        self.page_shown()
        self.announce()

    def chosen(self, item: ChoiceItem) -> None:
        if item.value == NEXT:
            self.turn(1)
        elif item.value == PREVIOUS:
            self.turn(-1)
        else:
            self.extra_chosen(item)

    def extra_chosen(self, item: ChoiceItem) -> None:
        """One of :meth:`extra_items` was picked."""

    def part_source(self) -> list[str]:
        """The source paragraphs and list items that begin on this part, as written, never the
        wrapped screen lines: what is heard never depends on the terminal's width."""
        _, body = self.pages[self.page]
        source = blocks(body)
        starts = self._starts or [0] * len(source)
        mine = [n for n, part in enumerate(starts) if part == self.part]
        if not mine and source:  # a part that only continues a long paragraph: say that paragraph
            mine = [max(n for n, part in enumerate(starts) if part <= self.part)]
        out = []
        for n in mine:
            marker, text = source[n]
            out.append(strip_markdown(text))
        return out

    def page_speech(self) -> list[str]:
        heading = self.pages[self.page][0]
        label = [self.spoken_label] if self.spoken_label else []
        head = [heading if heading.rstrip()[-1:] in ".?!:" else heading + "."] if self.part == 0 and heading else []
        more = [self._(W.MORE_OF_PAGE, key=1)] if self.part + 1 < len(self._parts) else []
        return [*label, *head, *self.part_source(), *more]

    def body_speech(self) -> list[str]:
        return self.page_speech()


def _block_starts(body: str, width: int, parts: list[list[Line]]) -> list[int]:
    """For each source block of ``body``, the part its first line is drawn on."""
    where: list[int] = []
    for index, part in enumerate(parts):
        where += [index for line in part if line.text or line.marker]
    starts: list[int] = []
    position = 0
    for block in layout(body, width):
        starts.append(where[position] if position < len(where) else len(parts) - 1)
        position += len([line for line in block if line.text or line.marker])
    return starts


def _balanced(parts: list[list[Line]], height: int) -> list[list[Line]]:
    """Never leave one list item alone on the last part (the last answer of a summary
    was easy to miss there): move the item before it over when it fits."""
    if len(parts) < 2:
        return parts
    last, before = parts[-1], parts[-2]
    starts = [n for n, line in enumerate(before) if line.marker]
    if sum(1 for line in last if line.marker) != 1 or len(starts) < 2:
        return parts
    moved = before[starts[-1]:]
    if len(moved) + len(last) > height:
        return parts
    return [*parts[:-2], before[:starts[-1]], moved + last]
