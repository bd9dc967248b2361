"""A page is split and drawn once per screen change where the size allows: each draw is a
layout of the whole screen, and they were most of a screen change's cost (a topic's page was
drawn 5 times on opening, the emergency page 7, a page gone back to once more)."""

from __future__ import annotations

import pytest

from kiosk.ui.screens.paged import PagedScreen
from kiosk.ui.screens.topic import TopicScreen
from tests.app.waits import settle


@pytest.fixture
def draws(monkeypatch):
    calls: list[str] = []
    real = PagedScreen._show

    def counting(self, keep_part: bool = False, **kwargs) -> None:
        calls.append(type(self).__name__)
        real(self, keep_part, **kwargs)

    monkeypatch.setattr(PagedScreen, "_show", counting)
    return calls


async def test_pages_are_drawn_once_or_twice_per_change_and_not_again_on_return(make_app, draws):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "1")  # a topic's first screen, then its first page
        await settle(pilot)
        assert isinstance(app.screen, TopicScreen)
        assert len(draws) <= 2  # a guess before the first layout, then the real size
        draws.clear()
        await pilot.press("asterisk")
        await settle(pilot)
        assert len(draws) <= 3
        draws.clear()
        await pilot.press("escape")
        await settle(pilot)
        assert draws == []  # back to the page as it was drawn
        await pilot.press("0", "0")  # home, then another topic's page at the same size
        await settle(pilot)
        draws.clear()
        await pilot.press("1", "1")
        await settle(pilot)
        assert draws == ["TopicScreen"]  # the size is known from the last page: drawn once


async def test_turning_to_a_page_with_other_choices_restyles_no_widget(make_app, monkeypatch):
    """A page with words to know (its "Words" choice) and one without need the nav row at
    other heights: a class per height restyled the nav and each of its rows on such a turn
    (2-4 ms of it). Its height is its own style now; a turn never restyles the nav."""
    from kiosk.ui.widgets.choice_list import ChoiceList

    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("1", "1")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TopicScreen)
        restyled: list[object] = []
        real = app.stylesheet.update_nodes

        def counting(nodes, animate=False):
            nodes = list(nodes)
            restyled.extend(nodes)
            return real(nodes, animate=animate)

        monkeypatch.setattr(app.stylesheet, "update_nodes", counting)
        heights, kinds = set(), set()
        while not screen.at_end:
            kinds.add(bool(screen.page_terms()))
            heights.add(screen.query_one(ChoiceList).styles.height)
            await pilot.press("1")
            await settle(pilot)
        assert kinds == {True, False}, "the topic should have pages with and without words to know"
        assert len(heights) > 1, "the nav row should change height between such pages"
        nav = screen.query_one(ChoiceList)
        assert not [node for node in restyled if node is nav]  # (a row whose highlight moved is)




async def test_a_pushed_screen_is_styled_about_once_per_widget(make_app, monkeypatch):
    """Textual styles a screen's widgets as they mount; the breakpoint classes added on its first
    resize and its resume handler used to style every widget twice more (70 style applications
    for a topic's first screen of 19 widgets). Now only the list, focused, is styled again."""
    from textual.css.stylesheet import Stylesheet

    applied: list[object] = []
    real = Stylesheet.apply

    def counting(self, node, *args, **kwargs):
        applied.append(node)
        return real(self, node, *args, **kwargs)

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(Stylesheet, "apply", counting)
        for key in ("1", "1", "asterisk"):  # a topic's first screen, its page, the emergency page
            applied.clear()
            await pilot.press(key)
            await settle(pilot)
            nodes = list(app.screen.walk_children(with_self=True))
            assert len(applied) <= 2 * len(nodes), (type(app.screen).__name__, len(applied), len(nodes))
            assert {"-normal", "-medium"} <= app.screen.classes
