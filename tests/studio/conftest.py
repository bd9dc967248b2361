"""A working copy and a live content folder for each studio test, made from the shipped content.

The live folder is a copy (publish writes into it); the kiosk's data folder is the test's own
(``data_dir`` in kiosk.yaml), so the staff lockout file is never the developer's.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from kiosk.studio.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
#: The day every studio test lives on: skeletons are dated with it, review ages counted from it.
TODAY = dt.date(2026, 12, 4)
#: Every file's "last changed" time in the library view, so pictures do not change by the minute.
FIXED_MTIME = dt.datetime(2026, 12, 4, 9, 30).timestamp()


def fix_times(folder: Path) -> None:
    for path in folder.rglob("*.yaml*"):
        os.utime(path, (FIXED_MTIME, FIXED_MTIME))


@pytest.fixture
def live(tmp_path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    data = tmp_path / "data"
    settings = folder / "kiosk.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + f"data_dir: {data}\n", encoding="utf-8")
    return folder


@pytest.fixture
def space(live, tmp_path) -> Workspace:
    space = Workspace.open(live, tmp_path / "work")
    fix_times(space.work)
    return space
