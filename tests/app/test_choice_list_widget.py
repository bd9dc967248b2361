"""ChoiceList alone, in a small harness app (as Textual tests OptionList): digits, arrows,
Enter, a touch, the "More below" line, and the messages the list posts.

The kiosk's screens route digits to :meth:`ChoiceList.index_of_key` and :meth:`ChoiceList.pick`
(KioskScreen.action_digit); the harness does the same, so the widget's own part is what is
tested here.
"""

from __future__ import annotations

from textual import events, on
from textual.app import App, ComposeResult
from textual.message import Message

from kiosk.ui.theme import HIGH_CONTRAST
from kiosk.ui.widgets.choice_list import MARKER, ChoiceItem, ChoiceList, ChoiceRow, MoreLine

ITEMS = [ChoiceItem(str(n), f"Choice {n}", f"value-{n}") for n in range(1, 8)] + [ChoiceItem("0", "Back", "back")]


class ChoiceListApp(App):
    """One ChoiceList, focused; every message it posts is kept, in order."""

    def __init__(self, items: list[ChoiceItem] = ITEMS, **list_options) -> None:
        super().__init__()
        self.items = items
        self.list_options = list_options
        self.messages: list[Message] = []

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(HIGH_CONTRAST.variables)  # the kiosk theme's own colours, as KioskApp does

    def compose(self) -> ComposeResult:
        yield ChoiceList(self.items, id="choices", **self.list_options)

    @property
    def choices(self) -> ChoiceList:
        return self.query_one(ChoiceList)

    def on_mount(self) -> None:
        self.choices.focus()

    def on_key(self, event: events.Key) -> None:
        index = self.choices.index_of_key(event.key) if event.key.isdigit() else None
        if index is not None:
            self.choices.pick(index)

    @on(ChoiceList.Highlighted)
    @on(ChoiceList.Chosen)
    @on(ChoiceList.PastEnd)
    @on(ChoiceList.MoreAppeared)
    @on(ChoiceList.MoreShown)
    def record(self, message: Message) -> None:
        self.messages.append(message)

    def of(self, kind: type) -> list:
        return [m for m in self.messages if isinstance(m, kind)]


def row_texts(app: ChoiceListApp) -> list[str]:
    return [str(row.render()) for row in app.query(ChoiceRow)]


async def test_a_digit_picks_the_choice_that_shows_it():
    app = ChoiceListApp()
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        chosen = app.of(ChoiceList.Chosen)
        assert [(m.item, m.index) for m in chosen] == [(ITEMS[2], 2)]
        assert chosen[0].choice_list is app.choices
        assert app.choices.highlighted == 2  # the pick is highlighted too
        assert row_texts(app)[2].startswith(f"{MARKER} 3") and not row_texts(app)[0].startswith(MARKER)
        await pilot.press("0")
        await pilot.press("9")  # no choice shows 9: nothing
        await pilot.pause()
        assert [m.item.value for m in app.of(ChoiceList.Chosen)] == ["value-3", "back"]


async def test_arrows_move_the_highlight_and_say_where_it_is_and_enter_picks_it():
    app = ChoiceListApp()
    async with app.run_test(size=(40, 20)) as pilot:
        assert row_texts(app)[0].startswith(f"{MARKER} 1")  # the first highlighted at first
        await pilot.press("down", "down", "up")
        await pilot.pause()
        moves = app.of(ChoiceList.Highlighted)
        assert [(m.index, m.count) for m in moves] == [(1, 8), (2, 8), (1, 8)]
        assert moves[-1].item == ITEMS[1]
        assert row_texts(app)[1].startswith(f"{MARKER} 2") and not row_texts(app)[0].startswith(MARKER)
        await pilot.press("enter")
        await pilot.pause()
        assert [m.item for m in app.of(ChoiceList.Chosen)] == [ITEMS[1]]


async def test_the_highlight_stops_at_the_ends_and_says_so_again():
    app = ChoiceListApp()
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.press("up")
        await pilot.pause()
        assert app.choices.highlighted == 0
        assert [m.index for m in app.of(ChoiceList.Highlighted)] == [0]  # said again, not moved
        assert not app.of(ChoiceList.PastEnd)


async def test_a_paged_list_turns_its_page_past_either_end():
    app = ChoiceListApp(pages_past_ends=True, highlighted=7)
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.press("down")
        app.choices.highlight(0, announce=False)
        await pilot.press("up")
        await pilot.pause()
        assert [m.step for m in app.of(ChoiceList.PastEnd)] == [1, -1]
        assert not app.of(ChoiceList.Highlighted)


async def test_a_touch_picks_a_row():
    app = ChoiceListApp()
    async with app.run_test(size=(40, 20)) as pilot:
        rows = list(app.query(ChoiceRow))
        assert await pilot.click(rows[4])
        await pilot.pause()
        assert [m.item for m in app.of(ChoiceList.Chosen)] == [ITEMS[4]]


async def test_a_list_that_does_not_fit_names_the_keys_out_of_view_and_enter_on_the_line_shows_them():
    app = ChoiceListApp()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        more = app.query_one(MoreLine)
        assert more.display
        shown = app.choices.more_text
        assert shown.startswith("▼") and shown.rstrip(".").endswith("0")
        appeared = app.of(ChoiceList.MoreAppeared)
        assert len(appeared) == 1 and appeared[0].spoken == app.choices.more_spoken
        assert "0" in appeared[0].spoken
        in_view = [row.item for row in app.choices.rows_in_view()]
        assert ITEMS[0] in in_view and ITEMS[-1] not in in_view
        assert await pilot.click(more)  # a touch on the line turns to the rows below
        await pilot.pause()
        turned = app.of(ChoiceList.MoreShown)
        assert len(turned) == 1 and ITEMS[0] not in turned[0].items
        assert [row.item for row in app.choices.rows_in_view()] == turned[0].items


async def test_a_list_that_fits_shows_no_line():
    app = ChoiceListApp()
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        assert not app.query_one(MoreLine).display
        assert app.choices.more_text == "" and app.choices.more_spoken == ""
        assert not app.of(ChoiceList.MoreAppeared)


async def test_a_box_is_ticked_in_place():
    boxes = [ChoiceItem("1", "Calf", "calf", checked=False), ChoiceItem("2", "Foot", "foot", checked=False)]
    app = ChoiceListApp(boxes)
    async with app.run_test(size=(40, 10)) as pilot:
        rows = list(app.query(ChoiceRow))
        app.choices.replace_item(1, ChoiceItem("2", "Foot", "foot", checked=True))
        await pilot.pause()
        assert list(app.query(ChoiceRow)) == rows  # the same rows, not rebuilt
        assert row_texts(app) == [f"{MARKER} 1  [ ] Calf", "  2  [x] Foot"]
        assert app.choices.items[1].checked is True


async def test_new_items_are_shown_on_the_rows_already_there():
    """A page of a list turned: the rows take the new items (mounting new rows styled and laid
    out each one again); only a difference in count adds or removes rows."""
    app = ChoiceListApp()
    async with app.run_test(size=(40, 20)) as pilot:
        rows = list(app.query(ChoiceRow))
        turned = [ChoiceItem(str(n), f"Other {n}", f"other-{n}") for n in range(1, 9)]
        app.choices.set_items(turned, highlighted=3)
        await pilot.pause()
        assert list(app.query(ChoiceRow)) == rows
        assert row_texts(app)[3] == f"{MARKER} 4  Other 4" and row_texts(app)[0] == "  1  Other 1"
        assert [row.index for row in rows] == list(range(8))
        app.choices.set_items(turned[:3])
        await pilot.pause()
        assert list(app.query(ChoiceRow)) == rows[:3]
        app.choices.set_items(turned[:5], highlighted=4)
        await pilot.pause()
        assert list(app.query(ChoiceRow))[:3] == rows[:3]
        assert row_texts(app) == [*(f"  {n}  Other {n}" for n in range(1, 5)), f"{MARKER} 5  Other 5"]
        assert await pilot.click(list(app.query(ChoiceRow))[1])  # a reused row picks its new item
        await pilot.pause()
        assert app.of(ChoiceList.Chosen)[-1].item == turned[1]
