"""The ``tmux_kiosk`` fixture: a real ``kiosk run`` in its own tmux server per test."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.terminal.tmux_driver import TmuxKiosk, _in_ci


@pytest.fixture
def tmux_kiosk(tmp_path) -> Iterator[Callable[..., TmuxKiosk]]:
    """``start(*args)`` runs ``kiosk run --content <copy> --speech none *args`` in a fresh tmux;
    ``start(*args, content=folder)`` copies that content folder instead of the shipped one."""
    tmux = shutil.which("tmux")
    if tmux is None:
        if _in_ci():
            pytest.fail("tmux is not installed; the terminal tests must run in CI")
        pytest.skip("tmux is not installed")
    started: list[TmuxKiosk] = []

    def start(*args: str, content: Path | None = None) -> TmuxKiosk:
        workdir = tmp_path / f"run{len(started)}"
        workdir.mkdir()
        kiosk = TmuxKiosk(tmux, workdir, list(args), **({"source": content} if content else {}))
        started.append(kiosk)
        return kiosk.start()

    yield start
    for kiosk in started:
        kiosk.stop()


