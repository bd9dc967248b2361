"""README screenshots, and the one deterministic demo build the snapshot tests share.

``python -m kiosk.ui.screenshots docs/screenshots`` (``make screenshots``) draws the kiosk from
the shipped content at 80x24 and writes one SVG per screen. :func:`build_demo_app` is the same
app the snapshot tests photograph: no speech engine (a RecordingSpeech), counters in memory
only, a clock that never moves (so the kiosk never goes idle on its own), a fixed date on the
summary, no debounce and no animation. So a picture changes only when the kiosk does.

Owns the demo build and the list of README shots. It never writes usage counts, never
speaks, never reads the real clock or date, and writes only into the folder it is given.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.host import exit_codes

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from kiosk.ui.app import KioskApp

#: The shipped content folder (next to the ``kiosk`` package in a checkout).
CONTENT = Path(__file__).resolve().parents[2] / "content"
#: The date printed on the provider summary in every picture.
DEMO_DATE = dt.date(2025, 3, 14)
#: README pictures are this many columns and rows.
SIZE = (80, 24)

#: name -> keys pressed from home. Keys are Textual key names ("asterisk" is the * key).
SHOTS: dict[str, tuple[str, ...]] = {
    "home": (),
    "topic": ("1", "1"),
    "emergency": ("asterisk",),
    "question": ("1", "3", "1"),
}


def build_demo_app(content: Path | None = None, *, clock=None, **kwargs) -> KioskApp:
    """A KioskApp on the shipped content that draws the same picture every time.

    ``clock`` defaults to a FakeClock (tests may pass their own and move it); other keyword
    arguments go to :class:`~kiosk.ui.app.KioskApp` (e.g. ``idle_timeout``).
    """
    from kiosk.content.loader import load_library
    from kiosk.host.clock import FakeClock
    from kiosk.speech.recording import RecordingSpeech
    from kiosk.ui.app import KioskApp
    from kiosk.visit.usage import UsageLog

    folder = Path(content) if content is not None else CONTENT
    result = load_library(folder)
    if result.library is None:
        problems = "\n".join(map(str, result.problems))
        raise ValueError(f"the content in {folder} has errors:\n{problems}")
    library = result.library
    library = dataclasses.replace(library, settings=library.settings.model_copy(update={"debounce_seconds": 0}))
    kwargs.setdefault("speech", RecordingSpeech(library.settings.speech))
    kwargs.setdefault("usage", UsageLog(None, today=lambda: DEMO_DATE))
    kwargs.setdefault("today", lambda: DEMO_DATE)
    app = KioskApp(library, clock=clock if clock is not None else FakeClock(), **kwargs)
    app.animation_level = "none"  # K-V5, and no half-drawn frames in a picture
    return app


async def press_keys(pilot: Pilot, keys: Iterable[str]) -> None:
    """Press keys one at a time, letting each screen change finish before the next key.

    Answers are handled in workers (the question screen redraws itself in one); pressing the
    next key before that worker is done would cancel it, so wait for workers after each key.
    """
    app = pilot.app
    for key in keys:
        await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def render_svg(app: KioskApp, keys: Iterable[str] = (), size: tuple[int, int] = SIZE) -> str:
    """Run ``app`` headless at ``size``, press ``keys`` from home, and return the screen as SVG."""
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await press_keys(pilot, keys)
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            return app.export_screenshot()
    finally:
        app.speech.close()


def write_screenshots(out: Path, content: Path | None = None, size: tuple[int, int] = SIZE) -> list[Path]:
    """Write ``<name>.svg`` for every shot in :data:`SHOTS` into ``out``; return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, keys in SHOTS.items():
        svg = asyncio.run(render_svg(build_demo_app(content), keys, size))
        path = out / f"{name}.svg"
        path.write_text(svg, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.ui.screenshots",
                                     description="Write the README screenshots of the kiosk as SVG files.")
    parser.add_argument("out", nargs="?", type=Path, default=Path("docs/screenshots"), help="folder to write into")
    parser.add_argument("--content", type=Path, default=None, metavar="DIR",
                        help="content folder (default: the shipped content)")
    args = parser.parse_args(argv)
    os.environ.pop("NO_COLOR", None)  # the pictures show the real colours whatever the shell says
    try:
        paths = write_screenshots(args.out, args.content)
    except ValueError as error:
        print(error, file=sys.stderr)
        return exit_codes.CONTENT
    for path in paths:
        print(f"wrote {path}")
    return exit_codes.OK


if __name__ == "__main__":
    sys.exit(main())
