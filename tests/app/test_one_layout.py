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

    def counting(self, keep_part: bool = False) -> None:
        calls.append(type(self).__name__)
        real(self, keep_part)

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
