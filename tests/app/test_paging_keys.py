"""Paging keys mean one thing on every list, and the line above a long list says where the person
is in words a patient reads as a place, not a count ("Groups 1 to 5 of 10, 7 more" read as
"seven more groups").

K-I2 (fixed keys), K-S1 (what is drawn is said).
"""

from __future__ import annotations

import dataclasses

import pytest

from bench.library_gen import generate_library
from kiosk.content.library_nav import LISTS, home_layout
from kiosk.content.loader import load_library
from kiosk.ui.screens.choice_pages import MORE_PAGE, PREVIOUS_PAGE, ChoicePagesScreen
from kiosk.ui.screens.group import GroupScreen
from tests.app.screen_text import screen_text


def test_home_groups_and_contents_turn_pages_with_the_same_keys_K_I2():
    """One language or two, home's paging keys are those of a group and of a topic's contents."""
    keys = {(layout.previous_key, layout.more_key) for layout in (LISTS, home_layout(1), home_layout(2))}
    assert keys == {("6", "7")}


@pytest.fixture(scope="module")
def grouped(tmp_path_factory):
    """100 topics in 10 groups: home has two pages of groups, each group two pages of topics."""
    result = load_library(generate_library(tmp_path_factory.mktemp("grouped"), 100, groups=10), grade=False)
    assert result.library is not None
    lib = result.library
    return dataclasses.replace(lib, settings=lib.settings.model_copy(update={"debounce_seconds": 0}))


def paging_keys(screen: ChoicePagesScreen) -> dict[str, str]:
    return {item.key: item.value for item in screen.choices.items if item.value in (PREVIOUS_PAGE, MORE_PAGE)}


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", [(40, 12), (80, 24)], ids=["40x12", "80x24"])
async def test_7_is_more_and_6_previous_on_home_and_in_a_group_and_the_where_line_is_a_page_K_I2_K_S1(
        make_app, grouped, size):
    app = make_app(grouped)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for list_name in ("home", "group"):
            screen = app.screen
            assert isinstance(screen, ChoicePagesScreen), list_name
            assert paging_keys(screen) == {"7": MORE_PAGE}, list_name
            where = "Page 1 of 2: 7 next page"
            assert where in screen_text(app).replace("\n", " "), f"{list_name}:\n{screen_text(app)}"
            assert where in screen.speech_script(), list_name  # said as drawn
            await pilot.press("7")
            await settle(pilot)
            assert paging_keys(screen) == {"6": PREVIOUS_PAGE}, list_name
            assert "Page 2 of 2: 6 previous page" in screen_text(app).replace("\n", " ")
            await pilot.press("6")
            await settle(pilot)
            assert "Page 1 of 2" in screen_text(app)
            if list_name == "home":
                await pilot.press("1")
                await settle(pilot)
                assert isinstance(app.screen, GroupScreen)
