"""K-V2 on the console the systemd unit runs the kiosk on (TERM=linux): every character every
screen draws is at least 7:1 against its background, in the colours the Linux console really
shows (its VGA palette, no bright backgrounds, bold black as dark grey).

The kiosk runs in tmux with TERM=linux inside; tmux's pipe-pane hands over the very bytes the
kiosk writes, which :mod:`tests.terminal.console_colours` reads as the console would.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from tests.terminal.console_colours import drawn_cells
from tests.terminal.tmux_driver import CLINIC, KEY_GAP, TmuxKiosk

pytestmark = pytest.mark.terminal

TEXT_MIN = 7.0
#: Screens a patient meets, the keys that bring each up, and words that show it is drawn.
WALK = [
    ("home", [], CLINIC),
    ("topic start", ["1"], "Read from the start"),
    ("topic page", ["1"], "Page 1 of"),
    ("contents", ["Home", "1", "2"], "Contents"),
    ("question", ["Home", "1", "3", "Enter"], "Question 1 of"),
    ("emergency", ["*"], "Call 911"),
    ("sound menu", ["Home", "."], "Volume"),
]


class ConsoleKiosk(TmuxKiosk):
    """``kiosk run`` under TERM=linux (as deploy/clinic-kiosk.service sets), its raw output kept."""

    def __init__(self, tmux: str, workdir: Path) -> None:
        super().__init__(tmux, workdir, ["--dev"])
        self.raw = workdir / "raw-output"
        # Wait for a line before starting, so pipe-pane is in place for the first frame.
        self.command = f"read go; exec env -u COLORTERM TERM=linux {self.command.removeprefix('exec ')}"

    def start(self) -> ConsoleKiosk:
        super().start()
        self._tmux("pipe-pane", "-o", "-t", self.name, f"cat >> '{self.raw}'")
        self.send("Enter")
        return self

    def output(self) -> str:
        return self.raw.read_bytes().decode("utf-8", "replace") if self.raw.exists() else ""


def test_every_screen_holds_7_to_1_on_the_linux_console_K_V2(tmp_path):
    import shutil

    tmux = shutil.which("tmux")
    if tmux is None:
        pytest.skip("tmux is not installed")
    kiosk = ConsoleKiosk(tmux, tmp_path).start()
    try:
        seen = []
        for name, keys, words in WALK:
            before = len(kiosk.output())
            for key in keys:
                kiosk.press(key)
            kiosk.wait_for(words, name)
            time.sleep(KEY_GAP)  # the frame is on screen; let the pipe catch up before reading it
            drawn = kiosk.output()[before:]
            cells, unsupported = drawn_cells(drawn)
            assert cells, f"{name}: nothing drawn"
            assert not unsupported, f"{name}: codes the console does not show as asked: {sorted(set(unsupported))}"
            low = Counter((c.fg, c.bg) for c in cells if c.ratio < TEXT_MIN)
            assert not low, f"{name}: text below 7:1 on the console: " + ", ".join(
                f"{fg} on {bg} ({len([c for c in cells if (c.fg, c.bg) == (fg, bg)])} chars)" for fg, bg in low)
            seen.append((name, len(cells), sorted({(c.fg, c.bg) for c in cells})))
        assert len(seen) == len(WALK)
    finally:
        kiosk.stop()
