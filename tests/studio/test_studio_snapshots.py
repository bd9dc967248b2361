"""Pictures of every studio screen at an ordinary terminal (80x24) and a big one (120x40).

Plain ``def`` tests with ``terminal_size`` always given (pytest-textual-snapshot runs its own
event loop); cursors do not blink and every file has the same "last changed" time, so a picture
changes only when the studio does. Update after a deliberate change with
``.venv/bin/python -m pytest tests/studio/test_studio_snapshots.py --snapshot-update`` and look
at the SVGs.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from kiosk.studio.skeleton import new_topic_text, translation_text
from tests.studio.conftest import TODAY, fix_times
from tests.studio.pilot import make_studio, preview_drawn, settle

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")


@pytest.fixture
def leg_cramps(space):
    space.create("leg-cramps.yaml", new_topic_text("leg-cramps", "Leg cramps", group="Muscles and bones",
                                                   language="en", today=TODAY))
    fix_times(space.work)
    return space


async def steady(pilot) -> None:
    await settle(pilot)
    for widget in [*pilot.app.screen.query(TextArea), *pilot.app.screen.query(Input)]:
        widget.cursor_blink = False
        widget.refresh()  # a cursor caught mid-blink is drawn again (the blink flag does not repaint)
    await pilot.pause()


def run(*steps):
    async def run_before(pilot) -> None:
        await steady(pilot)
        for step in steps:
            await step(pilot)
            await steady(pilot)

    return run_before


def press(*keys):
    async def step(pilot) -> None:
        for key in keys:
            await pilot.press(key)

    return step


def open_editor(name):
    async def step(pilot) -> None:
        pilot.app.open_editor(name)
        await settle(pilot)

    return step


@SIZES
def test_library(snap_compare, leg_cramps, size):
    assert snap_compare(make_studio(leg_cramps), terminal_size=size, run_before=run())


@SIZES
def test_new_topic_form(snap_compare, space, size):
    assert snap_compare(make_studio(space), terminal_size=size, run_before=run(press("n")))


@SIZES
def test_editor_with_a_mistake_listed(snap_compare, leg_cramps, size):
    text = leg_cramps.read("leg-cramps.yaml").replace("summary: What", "sumary: What")
    leg_cramps.save("leg-cramps.yaml", text)
    assert snap_compare(make_studio(leg_cramps), terminal_size=size, run_before=run(open_editor("leg-cramps.yaml")))


@SIZES
def test_translation_side_by_side(snap_compare, leg_cramps, size):
    leg_cramps.create("leg-cramps.es.yaml", translation_text(leg_cramps.read("leg-cramps.yaml"), "es"))
    assert snap_compare(make_studio(leg_cramps), terminal_size=size,
                        run_before=run(open_editor("leg-cramps.es.yaml")))


@SIZES
def test_add_translation_form(snap_compare, leg_cramps, size):
    assert snap_compare(make_studio(leg_cramps), terminal_size=size, run_before=run(press("t")))


@SIZES
def test_preview_at_the_smallest_kiosk_screen(snap_compare, space, size):
    async def preview(pilot) -> None:
        await pilot.press("down", "v")
        await preview_drawn(pilot)

    assert snap_compare(make_studio(space), terminal_size=size, run_before=run(preview))


@SIZES
def test_pin_screen(snap_compare, space, live, size):
    from kiosk.content.content_path import load_content
    from kiosk.studio.pin_gate import StudioGate
    from kiosk.visit.staff import hash_pin

    settings = load_content(live).library.settings
    settings = settings.model_copy(update={"staff": settings.staff.model_copy(
        update={"pin_hash": hash_pin("73915428", n=2**8)})})
    assert snap_compare(make_studio(space, gate=StudioGate(settings, live)), terminal_size=size,
                        run_before=run())
