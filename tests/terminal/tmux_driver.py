"""Driving the real kiosk in a real terminal: tmux runs ``kiosk run``, types keys, reads the screen.

Pilot drives the app from inside; these tests run the real ``python -m kiosk run`` from outside, the way
a keyboard does, and read what a person would see with ``tmux capture-pane``. They prove what
Pilot cannot: that ctrl+c, ctrl+q, ctrl+z and ctrl+\\ reach the locked kiosk as plain keys and
neither end nor suspend it, that ``--dev`` lets staff quit with ctrl+q (so it is the lock that
stops it otherwise), that the inactivity warning and the reset happen by themselves (K-T1), and
that no traceback ever reaches the screen.

Each test gets its own tmux server on a private socket (``-L``), a copy of the shipped content
in ``tmp_path`` (so usage counts and logs never land in the repository), and a teardown that
kills the server even when the test fails. The polling loops are waits, not timing assertions:
each gives up after :data:`WAIT_SECONDS`.

Skipped when tmux is missing on a developer machine; in CI (``CI=true``) that is a failure.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
COLUMNS, ROWS = 60, 20
WAIT_SECONDS = 20.0
POLL_SECONDS = 0.1

BANNER_WORDS = ("Tell the front desk now", "911")
CLINIC = "Riverside Family Clinic"
HOME_WORDS = "Choose a topic"
STILL_THERE = "Are you still there?"
#: The bundled English topic, as staff wrote it (read from the file, not copied here).
BUNDLED_TOPIC = yaml.safe_load((CONTENT / "topics" / "muscle-spasms.yaml").read_text(encoding="utf-8"))
#: The bundled topic's first page.
FIRST_PAGE_HEADING = BUNDLED_TOPIC["pages"][0]["heading"]
#: The bundled topic's name on the home screen, as staff wrote it.
TOPIC_TITLE = BUNDLED_TOPIC["title"]
#: Keys that would quit, interrupt, suspend or core-dump an ordinary terminal program.
ESCAPE_KEYS = ("C-c", "C-q", "C-z", "C-\\")


def _debounce_seconds() -> float:
    settings = yaml.safe_load((CONTENT / "kiosk.yaml").read_text(encoding="utf-8"))
    return float(settings.get("debounce_seconds", 0.3))


#: The shipped debounce (K-I3) drops a second choice or page turn this soon after the last one,
#: so a test waits this long between navigation keys, as a person would.
KEY_GAP = _debounce_seconds() + 0.2


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


class TmuxKiosk:
    """One ``kiosk run`` in its own detached tmux server, read and typed at from outside."""

    def __init__(self, tmux: str, workdir: Path, args: list[str], source: Path = CONTENT) -> None:
        self.tmux = tmux
        self.name = f"kiosk-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TMUX", "TMUX_PANE", "TEXTUAL")}
        self.env["TERM"] = "xterm-256color"
        config = workdir / "tmux.conf"
        # Keep a dead pane on screen: its exit status and any last words stay readable.
        config.write_text("set -g remain-on-exit on\nset -g status off\n", encoding="utf-8")
        self.config = config
        content = workdir / "content"
        shutil.copytree(source, content)
        self.content = content
        command = [sys.executable, "-m", "kiosk", "run", "--content", str(content), "--speech", "none", *args]
        self.command = "exec " + shlex.join(command)  # exec: the pane's pid is the kiosk itself
        self.screens: list[str] = []
        self.pid: int | None = None
        self.socket: Path | None = None

    # --- tmux -----------------------------------------------------------------------------
    def _tmux(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            [self.tmux, "-L", self.name, "-f", str(self.config), *args],
            env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=15, check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
        return done.stdout

    def start(self) -> TmuxKiosk:
        self._tmux("new-session", "-d", "-s", self.name, "-x", str(COLUMNS), "-y", str(ROWS),
                   "-c", str(ROOT), self.command)
        self.pid = int(self.pane("pane_pid"))
        self.socket = Path(self._tmux("display-message", "-p", "-t", self.name, "#{socket_path}").strip())
        return self

    def respawn(self, shell_command: str) -> None:
        """Run ``shell_command`` in the pane instead (e.g. `make run`, as staff would)."""
        self._tmux("respawn-pane", "-k", "-t", self.name, shell_command)
        self.pid = int(self.pane("pane_pid"))

    def kill_server(self) -> None:
        """The terminal goes away (as when a terminal window or SSH session closes)."""
        self._tmux("kill-server", check=False)

    def stop(self) -> None:
        """Kill the tmux server, then make sure the kiosk it ran is gone too."""
        self._tmux("kill-server", check=False)
        if self.socket is not None:
            self.socket.unlink(missing_ok=True)
        if self.pid is None:
            return
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and _running(self.pid):
            time.sleep(POLL_SECONDS)
        if _running(self.pid):
            os.kill(self.pid, signal.SIGKILL)

    # --- reading --------------------------------------------------------------------------
    def pane(self, field: str) -> str:
        """One of tmux's pane formats, e.g. ``pane("pane_dead")`` -> "0"."""
        return self.panes_format(f"#{{{field}}}")

    def panes_format(self, format_: str) -> str:
        return self._tmux("list-panes", "-t", self.name, "-F", format_).strip()

    @property
    def alive(self) -> bool:
        return self.pane("pane_dead") == "0"

    def screen(self) -> str:
        text = self._tmux("capture-pane", "-p", "-t", self.name)
        self.screens.append(text)
        assert "Traceback" not in text, f"a traceback reached the screen:\n{text}"
        return text

    def poll(self, test: str | Callable[[str], bool], seconds: float = WAIT_SECONDS) -> str | None:
        """Read the screen until ``test`` (text to find, or a predicate) holds; that screen, or None."""
        check = (lambda s: test in s) if isinstance(test, str) else test
        deadline = time.monotonic() + seconds
        while True:
            text = self.screen()
            if check(text):
                return text
            if time.monotonic() > deadline:
                return None
            time.sleep(POLL_SECONDS)

    def wait_for(self, test: str | Callable[[str], bool], what: str | None = None) -> str:
        """Like :meth:`poll`, but fail (showing the screen) when it never holds."""
        text = self.poll(test)
        if text is None:
            raise AssertionError(f"waited {WAIT_SECONDS:.0f} s for {what or test!r}; "
                                 f"the screen shows:\n{self.screens[-1]}")
        return text

    def wait_until_dead(self) -> str:
        """Wait for the kiosk to end; return how it ended: "status N" or "signal N"."""
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            state = self.panes_format("#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}")
            dead, status, signal_number = state.split(":")
            if dead == "1" and status:
                return f"status {status}"
            if dead == "1" and signal_number:
                return f"signal {signal_number}"
            # tmux sometimes leaves its dead child unreaped for a while: read the status the
            # kernel keeps for the zombie (the last field of /proc/PID/stat, waitpid-style).
            ended = _zombie_exit(self.pid) if dead == "1" and self.pid is not None else None
            if ended is not None:
                return ended
            if time.monotonic() > deadline:
                raise AssertionError(f"the kiosk did not end (dead:status:signal = {state}); "
                                     f"the screen shows:\n{self.screen()}")
            time.sleep(POLL_SECONDS)

    # --- typing ---------------------------------------------------------------------------
    def send(self, *keys: str) -> None:
        for key in keys:
            self._tmux("send-keys", "-t", self.name, key)

    def press(self, key: str) -> None:
        """A navigation key, sent after the debounce gap so the kiosk does not drop it (K-I3)."""
        time.sleep(KEY_GAP)
        self.send(key)


def _proc_stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name, or None where there is none."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    fields = _proc_stat(pid)
    return fields is None or fields[0] != "Z"  # a zombie has ended: it only waits to be collected


def _zombie_exit(pid: int) -> str | None:
    """How an ended but not yet collected process ended, as tmux would say it; else None."""
    fields = _proc_stat(pid)
    if fields is None or fields[0] != "Z":
        return None
    wait_status = int(fields[-1])
    return f"signal {wait_status & 0x7F}" if wait_status & 0x7F else f"status {wait_status >> 8}"


def page_label(screen: str) -> str:
    labels = [line.strip() for line in screen.splitlines() if line.strip().startswith("Page ")]
    assert len(labels) == 1, f"expected one page label on screen:\n{screen}"
    return labels[0]


def assert_banner(screen: str) -> None:
    """K-V6: the emergency words and number are on screen."""
    flat = " ".join(screen.split())  # the banner may wrap at 60 columns
    for words in BANNER_WORDS:
        assert words in flat, f"{words!r} missing from the banner:\n{screen}"


