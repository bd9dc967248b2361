"""Journeys through the real kiosk in tmux, from the user's side.

A journey is a list of keys, each chosen the way its person chooses: a patient reads the digit
shown next to the words they want on screen; a listener hears the words, then "Press N.", in
the speech log (``--dev --speech-log``) and never looks at the screen. Nothing here hard-codes
which digit a choice has, so the journeys hold when home or a topic lists things differently.

Keys are the numeric keypad's, with Num Lock on: tmux's ``KP0``-``KP9``, ``KPEnter``, ``KP*``,
``KP/``, ``KP-``, ``KP+`` and ``KP.``.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from tests.terminal.tmux_driver import POLL_SECONDS, WAIT_SECONDS, TmuxKiosk

KEYPAD = {**{str(d): f"KP{d}" for d in range(10)}, "enter": "KPEnter", "*": "KP*", "/": "KP/",
          "-": "KP-", "+": "KP+", ".": "KP."}


class SizedKiosk(TmuxKiosk):
    """A TmuxKiosk at a chosen terminal size."""

    def __init__(self, tmux: str, workdir: Path, args: list[str], size: tuple[int, int]) -> None:
        super().__init__(tmux, workdir, args)
        self.columns, self.rows = size

    def start(self) -> SizedKiosk:
        self._tmux("new-session", "-d", "-s", self.name, "-x", str(self.columns), "-y", str(self.rows),
                   "-c", str(self.content.parent), self.command)
        self.pid = int(self.pane("pane_pid"))
        self.socket = Path(self._tmux("display-message", "-p", "-t", self.name, "#{socket_path}").strip())
        return self

    def key(self, key: str) -> None:
        """One keypad key (Num Lock on), after the debounce gap, as a person presses it."""
        self.press(KEYPAD[key])


# --- a patient, reading the screen ------------------------------------------------------------
SCROLLBAR_END = re.compile(r"\s*[\u2581-\u2588]\s*$")


def digit_for(screen: str, words: str) -> str | None:
    """The digit drawn next to ``words`` (a regular expression, any case) on the screen."""
    for line in screen.splitlines():
        line = SCROLLBAR_END.sub("", line)  # a scrolling list's thumb, drawn at the row's end
        for match in re.finditer(r"(?:^|\s|▶)([0-9])\s{1,3}(?:\[[ x]\] )?([^\s].*?)(?=\s{2,}[0-9]\s|$)", line):
            if re.search(words, match.group(2), re.IGNORECASE):
                return match.group(1)
    return None


def flat(screen: str) -> str:
    return " ".join(screen.split())


# --- a listener, reading only the speech log ------------------------------------------------------
class Ear:
    """What a listener has heard: the speech log, read from a mark."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.mark = 0

    def lines(self) -> list[str]:
        try:
            return self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []

    def new(self) -> list[str]:
        return self.lines()[self.mark:]

    def hear(self, test, what: str, settle: float = 0.6) -> list[str]:
        """Wait until the lines heard since the mark satisfy ``test``, and stop coming; then
        move the mark past them and return them."""
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            heard = self.new()
            if heard and test(heard):
                time.sleep(settle)
                heard = self.new()
                self.mark += len(heard)
                return heard
            if time.monotonic() > deadline:
                raise AssertionError(f"waited {WAIT_SECONDS:.0f} s to hear {what}; heard since: {heard}")
            time.sleep(POLL_SECONDS)


def spoken_choices(heard: list[str]) -> list[tuple[str, str]]:
    """(words, key) for each "words." followed by "Press K." in what was heard."""
    out = []
    for before, line in zip(heard, heard[1:], strict=False):
        match = re.fullmatch(r"Press ([0-9])\.", line)
        if match:
            out.append((before.rstrip("."), match.group(1)))
    return out


def key_heard_for(heard: list[str], words: str) -> str | None:
    for label, key in spoken_choices(heard):
        if re.search(words, label, re.IGNORECASE):
            return key
    return None
