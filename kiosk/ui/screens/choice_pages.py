"""ChoicePagesScreen: a list of any length shown as pages of numbered choices.

Home, a group of topics and a topic's contents use it. The page arithmetic and the fixed keys
come from :mod:`kiosk.content.library_nav`: 1-5 pick, 6 "Previous", 7 "More", 0 Back, the same on
every list; where a list fits one page, 1-8 pick. Arrows past the ends of a page turn it, so the
highlight is always on screen (K-V6) and arrows alone reach every entry. "Page 2 of 3: 6
previous page, 7 next page" is drawn and spoken the same (K-S1). Subclasses give the entries;
picking one posts an intent, never calls the app.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.content.library_nav import LISTS, TOPICS, ChoicePage, Layout, choice_page, more_words, previous_words
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.choice_list import ChoiceItem, ChoiceList
from kiosk.ui.widgets.safe_text import SafeText
from kiosk.words import ui_words as W

PREVIOUS_PAGE, MORE_PAGE = "=previous-page", "=more-page"


@dataclass(frozen=True)
class Entry:
    label: str
    value: str
    speech: str | None = None


class ChoicePagesScreen(KioskScreen):
    """Subclasses give ``noun`` and implement :meth:`entries`, :meth:`entry_chosen`."""

    @property
    def noun(self) -> str:
        """What is listed (library_nav's TOPICS, GROUPS or PAGES), for "Topics 9 to 16 of 40"
        and "More topics"; a subclass overrides it (a property, or a plain class attribute)."""
        return TOPICS

    # Under 20 rows a paged list drops its lead ("Choose a topic:", still spoken) so the line
    # that says where the person is and which keys turn the page stays in view (K-V1).
    DEFAULT_CSS = """
    ChoicePagesScreen.-short .list-lead.-paged { display: none; }
    """

    def __init__(self, *, page: int = 0, name: str | None = None) -> None:
        super().__init__(name=name)
        self._entries: list[Entry] | None = None
        self.page = page

    # --- what subclasses give -------------------------------------------------------------
    def entries(self) -> list[Entry]:
        return []

    def lead(self) -> str:
        return ""

    def fixed_items(self) -> list[ChoiceItem]:
        """Choices on every page after the entries (Finish on home, Back elsewhere)."""
        return [ChoiceItem("0", self._(W.BACK), "=back")]

    def entry_chosen(self, entry: Entry) -> None:
        """An entry was picked (already debounced)."""

    def empty_words(self) -> str:
        return ""

    def compose_below(self) -> ComposeResult:
        yield from ()

    # --- paging ---------------------------------------------------------------------------
    @property
    def all_entries(self) -> list[Entry]:
        if self._entries is None:
            self._entries = self.entries()
        return self._entries

    @property
    def list_layout(self) -> Layout:
        """Entries per page and the paging digits (home's differ on a kiosk of two languages)."""
        return LISTS

    @property
    def current_page(self) -> ChoicePage:
        return choice_page(len(self.all_entries), self.page, self.list_layout)

    def where(self) -> str:
        """ "Page 2 of 3: 6 previous page, 7 next page": where the person is, in words, and the
        paging keys, above the choices, so even at 40x12 (where the list scrolls) the keys to
        the other pages are in view. Drawn and said alike."""
        if not self.all_entries:
            return self.empty_words()
        page = self.current_page
        keys = [self._(W.KEY_PREVIOUS, key=self.list_layout.previous_key)] if page.has_previous else []
        if page.has_more:
            keys.append(self._(W.KEY_MORE, key=self.list_layout.more_key))
        return self._(W.WHERE_AND_KEYS, where=page.where(self.language), keys=", ".join(keys)) if page.paged else ""

    def page_items(self) -> list[ChoiceItem]:
        page = self.current_page
        entries = self.all_entries
        items = [ChoiceItem(page.key_of(i), e.label, e.value, speech=e.speech)
                 for i, e in enumerate(entries[page.start:page.stop], page.start)]
        keys = self.list_layout
        if page.has_previous:
            items.append(ChoiceItem(keys.previous_key, previous_words(self.noun, self.language), PREVIOUS_PAGE))
        if page.has_more:
            items.append(ChoiceItem(keys.more_key, more_words(self.noun, self.language), MORE_PAGE))
        return items + self.fixed_items()

    def compose_body(self) -> ComposeResult:
        self.page = self.current_page.page
        lead = self.lead()
        if lead:
            yield SafeText(lead, classes="lead list-lead" + (" -paged" if self.current_page.paged else ""))
        yield SafeText(self.where(), id="list-where", classes="note")
        yield ChoiceList(self.page_items(), id="choices", pages_past_ends=True)
        yield from self.compose_below()

    def on_mount(self) -> None:
        self.query_one("#list-where", Static).display = bool(self.where())

    def turn_page(self, step: int, *, highlight_last: bool = False) -> None:
        page = self.current_page
        target = page.page + step
        if not 0 <= target < page.page_count:
            self.refuse_key()
            return
        self.page = target
        items = self.page_items()
        entries_shown = self.current_page.stop - self.current_page.start
        self.query_one("#list-where", Static).update(self.where())
        choice_list = self.query_one(ChoiceList)
        choice_list.set_items(items, highlighted=entries_shown - 1 if highlight_last else 0)
        # The whole screen laid out at its next frame: left to each changed widget to ask, the
        # rows were painted in a frame of their own first and the layout waited a frame period.
        self.refresh(layout=True)
        self.announce()

    def on_choice_list_past_end(self, message: ChoiceList.PastEnd) -> None:
        message.stop()
        self.turn_page(message.step, highlight_last=message.step < 0)

    def chosen(self, item: ChoiceItem) -> None:
        if item.value == PREVIOUS_PAGE:
            self.turn_page(-1)
        elif item.value == MORE_PAGE:
            self.turn_page(1)
        elif item.value == "=back":
            self.action_back()
        else:
            for entry in self.all_entries:
                if entry.value == item.value:
                    self.entry_chosen(entry)
                    return
            self.other_chosen(item)

    def other_chosen(self, item: ChoiceItem) -> None:
        """One of :meth:`fixed_items` other than Back was picked."""

    def body_speech(self) -> list[str]:
        return [line for line in (self.lead(), self.where()) if line]
