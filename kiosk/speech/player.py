"""Playback: each WAV is played by a child process the speech service owns and can cut off.

Owns choosing a player command and running it with stdout and stderr on /dev/null (stdin too,
once it plays), so a player complaining about a missing sound card can never draw over the
kiosk's screen. Stopping sends SIGTERM at once and never waits (the UI thread calls it); the
speech thread reaps the process afterwards and kills it if it is still there.

Starting a process takes milliseconds, too long to do while holding the speech service's lock,
and a key may land in that time (a child started unguarded once let out a 10 ms scrap of the old
screen's next sentence). So :meth:`Player.play` starts a *gated* child: a shell that waits for one line on a
pipe before it becomes the player, and makes no sound until then. The service opens the gate
with :meth:`PlayHandle.start` under its lock, only if the sentence still belongs to the script
being read; otherwise it stops the silent child.

:class:`NullSinkPlayer` is the test player: a real, killable child that "plays" a WAV by
sleeping for its true length and records what it was given. CI has no sound card, and a
``say()`` that "succeeds" without one proves nothing, so this is what playback tests use.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import threading
import wave
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

__all__ = ["DEFAULT_PLAYERS", "NullSinkPlayer", "PlayHandle", "PlayRecord", "Player", "ProcessPlayer", "wav_seconds"]

#: Tried in order when the settings name no player.
DEFAULT_PLAYERS: tuple[tuple[str, ...], ...] = (("paplay",), ("pw-play",), ("aplay", "-q"), ("afplay",))


def wav_seconds(path: Path | str) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


#: The gate: wait for a line on stdin, then become the player with stdin on /dev/null. EOF or
#: SIGTERM before the line: exit without a sound. ``$@`` is the player's command and file.
GATE_SCRIPT = 'read -r go || exit 0; exec "$@" </dev/null'
#: Told when a gated clip starts (the test player records what made a sound).
StartCallback = Callable[["PlayHandle"], None]


class PlayHandle:
    """One clip. ``start()`` lets it make sound (a gated child is silent until then);
    ``stop()`` is non-blocking; ``reap()`` waits (speech thread only)."""

    def __init__(self, proc: subprocess.Popen, *, gated: bool = False, on_start: StartCallback | None = None) -> None:
        self._proc = proc
        self.stopped = False
        self.gated = gated
        self.started = not gated
        self._on_start = on_start
        self._exit_fd: int | None = None  # a pidfd: readable the moment the player exits

    def start(self) -> None:
        """Open the gate: the player runs from now on. Never blocks (a few bytes into a pipe)."""
        if self.started or self.stopped:
            return
        self.started = True
        try:
            assert self._proc.stdin is not None
            self._proc.stdin.write(b"go\n")
            self._proc.stdin.close()
        except (BrokenPipeError, OSError, ValueError):
            return  # the child is gone already
        if self._on_start is not None:
            self._on_start(self)

    def _close_gate(self) -> None:
        stdin = self._proc.stdin
        if stdin is not None and not stdin.closed:
            try:
                stdin.close()
            except OSError:
                pass

    @property
    def pid(self) -> int:
        return self._proc.pid

    @property
    def returncode(self) -> int | None:
        return self._proc.returncode

    def running(self) -> bool:
        return self._proc.poll() is None

    def wait(self, timeout: float) -> bool:
        """True once the clip has ended (finished or stopped). The kernel wakes the wait the
        moment the player exits (a pidfd): ``Popen.wait(timeout)`` sleeps in doubling steps and
        saw a cut clip's end up to several milliseconds late, a delay before the next page's
        first word that a listener hears after every key."""
        fd = self._exit_fd_open()
        if fd is not None and self._proc.returncode is None:
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                return False
        try:
            self._proc.wait(timeout)  # at once after the pidfd said so: only reaps
            return True
        except subprocess.TimeoutExpired:
            return False

    def _exit_fd_open(self) -> int | None:
        """The player's pidfd, opened once (None where the kernel has none: Popen's wait then).
        The player is our unreaped child, so its pid cannot name another process meanwhile."""
        if self._exit_fd is None:
            self._exit_fd = -1
            if self._proc.returncode is None and hasattr(os, "pidfd_open"):
                try:
                    self._exit_fd = os.pidfd_open(self._proc.pid)
                except OSError:
                    pass
        return self._exit_fd if self._exit_fd >= 0 else None

    def _close_exit_fd(self) -> None:
        if self._exit_fd is not None and self._exit_fd >= 0:
            os.close(self._exit_fd)
        self._exit_fd = -1

    def stop(self) -> None:
        """Cut the sound off now: SIGTERM, no waiting. Safe to call again or after it ended.
        A gated child that never started ends without a sound."""
        self.stopped = True
        if not self.started:
            self._close_gate()
        if self._proc.poll() is None:
            try:
                self._proc.send_signal(signal.SIGTERM)
            except ProcessLookupError:
                pass

    def reap(self, grace: float = 0.5) -> int:
        """Wait for the process to go, killing it if SIGTERM was not enough within ``grace``."""
        if not self.wait(grace):
            self._proc.kill()
            self._proc.wait()
        self._close_exit_fd()
        self._close_gate()
        return self._proc.returncode


class Player(Protocol):
    """What the service needs from a player (``fall_back()`` is optional)."""

    @property
    def name(self) -> str: ...

    def available(self) -> tuple[bool, str]: ...

    def play(self, path: Path, *, label: str = "") -> PlayHandle: ...


_SHELL = shutil.which("sh")


def _spawn(argv: list[str], on_start: StartCallback | None = None) -> PlayHandle:
    """``argv`` as a gated child (silent until :meth:`PlayHandle.start`); without a shell, an
    ordinary child that plays at once."""
    if _SHELL is None:
        return PlayHandle(subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL, close_fds=True, start_new_session=True),
                          on_start=on_start)
    proc = subprocess.Popen([_SHELL, "-c", GATE_SCRIPT, "kiosk-player", *argv], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True,
                            start_new_session=True)
    return PlayHandle(proc, gated=True, on_start=on_start)


class ProcessPlayer:
    """Plays through ``command`` (from the settings) or the first of paplay, pw-play, aplay.

    When a player fails on its own (say paplay finds no sound server), :meth:`fall_back`
    moves on to the next one that is installed; the service then replays the sentence.
    """

    def __init__(self, command: list[str] | None = None, *,
                 candidates: tuple[tuple[str, ...], ...] = DEFAULT_PLAYERS) -> None:
        self.command = command
        tried = [tuple(command)] if command else list(candidates)
        self._argvs: list[list[str]] = []
        for candidate in tried:
            exe = shutil.which(candidate[0])
            if exe:
                self._argvs.append([exe, *candidate[1:]])
        self._index = 0
        names = ", ".join(c[0] for c in tried)
        self._missing = None if self._argvs else f"no audio player found (tried {names})"

    @property
    def name(self) -> str:
        return Path(self._argvs[self._index][0]).name if self._argvs else "none"

    def available(self) -> tuple[bool, str]:
        return (False, self._missing) if self._missing else (True, f"player {self.name}")

    def fall_back(self) -> bool:
        """Switch to the next installed player; False when there is none left."""
        if self._index + 1 >= len(self._argvs):
            return False
        self._index += 1
        return True

    def play(self, path: Path, *, label: str = "") -> PlayHandle:
        """A child that will play ``path`` once :meth:`PlayHandle.start` is called."""
        if self._missing:
            raise RuntimeError(self._missing)
        return _spawn([*self._argvs[self._index], str(path)])


@dataclass
class PlayRecord:
    """What the test player was asked to play; ``handle`` tells whether it was cut off."""

    label: str
    seconds: float
    handle: PlayHandle = field(repr=False)

    @property
    def pid(self) -> int:
        return self.handle.pid

    @property
    def cut_off(self) -> bool:
        return self.handle.stopped

    @property
    def finished(self) -> bool:
        return self.handle.returncode == 0 and not self.handle.stopped


class NullSinkPlayer:
    """Test player: a child that sleeps for the WAV's real length (divided by ``speed``).

    ``played`` lists a :class:`PlayRecord` per clip that made a sound (was started), in order;
    the label is the sentence text. ``offered`` counts every clip handed over, started or not.
    """

    name = "null-sink"

    def __init__(self, speed: float = 1.0) -> None:
        self.speed = speed
        self.played: list[PlayRecord] = []
        self.offered = 0
        self._lock = threading.Lock()
        sleep = shutil.which("sleep")
        self._sleep = [sleep] if sleep else [sys.executable, "-c", "import sys, time; time.sleep(float(sys.argv[1]))"]

    def available(self) -> tuple[bool, str]:
        return True, "null sink (test player)"

    def play(self, path: Path, *, label: str = "") -> PlayHandle:
        seconds = wav_seconds(path)

        def started(handle: PlayHandle) -> None:
            with self._lock:
                self.played.append(PlayRecord(label, seconds, handle))

        handle = _spawn([*self._sleep, f"{seconds / self.speed:.3f}"], on_start=started)
        with self._lock:
            self.offered += 1
        if not handle.gated:
            started(handle)
        return handle

    @property
    def labels(self) -> list[str]:
        with self._lock:
            return [record.label for record in self.played]
