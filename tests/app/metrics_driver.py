"""A kiosk under Pilot that writes its metrics file, and the visits the metrics tests walk it through:
a visit with every answer, a slip that fails to print, a release the kiosk refuses."""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from kiosk.content import release_record
from kiosk.content.loader import load_library
from kiosk.content.model import QuestionKind
from kiosk.desk.cups import Cups, QueueState, QueueStatus
from kiosk.host.metrics_file import FILE_NAME
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.question import DONE, QuestionScreen
from kiosk.ui.screens.review import ReviewScreen
from kiosk.ui.screens.summary import SummaryScreen
from tests.app.flow_driver import answer_all_by_keypad
from tests.app.waits import settle
from tests.conftest import CONTENT, tuned

FLOW_KEYS = ("1", "3", "1")  # home: the topic's first screen, its questions, start
SIZE = (80, 24)


def deployed_library(tmp_path: Path, monkeypatch, metrics_dir: Path, *, printer: str | None = None):
    """A kiosk as deployed (content a link to a release folder, state in its own folder) that
    writes its metrics into ``metrics_dir``; printing on ``printer`` through a CUPS that is not
    there: the queue looks ready when the summary asks (so Print is offered), and the slip then
    fails for real, as when a printer's server goes away after the offer (no scheduler answers
    at the private socket)."""
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path / "state"))
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no-cups" / "cups.sock"))
    release = tmp_path / "releases" / "git-0a1b2c3d4e5f"
    shutil.copytree(CONTENT, release, ignore=shutil.ignore_patterns("var"))
    link = tmp_path / "content"
    os.symlink(release, link)
    result = load_library(link)
    assert result.library is not None
    library = tuned(result.library, debounce_seconds=0, metrics_dir=metrics_dir)
    if printer:
        monkeypatch.setattr(Cups, "state", lambda self, queue: QueueState(queue, QueueStatus.READY))
        library = tuned(library, printing=library.settings.printing.model_copy(
            update={"printer": printer, "submit_timeout_seconds": 5, "status_timeout_seconds": 2}))
    return link, library


def metrics_text(metrics_dir: Path) -> str:
    try:
        return (metrics_dir / FILE_NAME).read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


async def wait_until(pilot, condition: Callable[[], object], what: str, timeout: float = 30.0):
    """Until ``condition()`` is true, letting the kiosk run meanwhile; fails naming ``what``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        await settle(pilot, 1)
        await asyncio.sleep(0.05)
    raise AssertionError(f"not seen within {timeout:.0f} s: {what}")


async def to_summary(pilot) -> None:
    await pilot.press(*FLOW_KEYS)
    await settle(pilot)
    await answer_all_by_keypad(pilot)
    assert isinstance(pilot.app.screen, ReviewScreen)
    await pilot.press("1")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SummaryScreen)


async def print_and_fail(pilot) -> None:
    """On the summary: Print for my provider, on a printer that cannot be reached."""
    screen = pilot.app.screen
    assert isinstance(screen, SummaryScreen) and screen.can_print
    before = pilot.app.controller.metrics.events()
    await pilot.press("5")
    await wait_until(pilot, lambda: pilot.app.controller.metrics.events() != before, "the print's outcome")


async def refuse_a_release(pilot, link: Path) -> None:
    """A broken topic file lands in the live folder; the kiosk checks it and refuses it."""
    topic = next((link / "topics").glob("*.yaml"))
    topic.write_text(topic.read_text(encoding="utf-8") + "\nbogus_field: 1\n", encoding="utf-8")
    pilot.app.load_content_worker()
    await wait_until(pilot, lambda: release_record.read(link).refused is not None, "the refusal recorded")


async def every_answer(pilot, passes: int) -> None:
    """``passes`` visits through the flow, pass k choosing the k-th choice of every question (a
    multi-choice question: every box on the first pass), red flags too: between them every answer
    of the flow is given. Each pass ends at home, with a fresh visit."""
    app = pilot.app
    for k in range(passes):
        await pilot.press(*FLOW_KEYS)
        await settle(pilot)
        for _ in range(60):
            screen = app.screen
            if not isinstance(screen, QuestionScreen) or screen.session.current is None:
                break
            question = screen.session.current
            ids = [c.id for c in question.choices]
            items = {item.value: item.key for item in screen.choices.items}
            if question.kind is QuestionKind.MULTI:
                chosen = ids if k == 0 else [ids[k % len(ids)]]
                for choice in chosen:
                    await pilot.press(items[choice])
                    await settle(pilot, 1)
                    if not isinstance(app.screen, QuestionScreen):
                        break
                if isinstance(app.screen, QuestionScreen):
                    await pilot.press(items[DONE])
            else:
                await pilot.press(items[ids[k % len(ids)]])
            await settle(pilot, 1)
        if isinstance(app.screen, ReviewScreen):
            await pilot.press("1")
            await settle(pilot)
        assert isinstance(app.screen, SummaryScreen | EmergencyScreen | QuestionScreen), app.screen
        await app.reset_visit()
        await settle(pilot)


async def finish(pilot) -> None:
    """On the summary: Finish, and yes (the visit is cleared for the next person)."""
    assert isinstance(pilot.app.screen, SummaryScreen)
    await pilot.press("9")
    await settle(pilot)
    await pilot.press("9")
    await settle(pilot)
