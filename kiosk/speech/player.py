"""Playback: each WAV is played by a child process the speech service owns and can cut off.

Owns choosing a player command and running it with stdin, stdout and stderr on /dev/null, so
a player complaining about a missing sound card can never draw over the kiosk's screen.
Stopping sends SIGTERM at once and never waits (the UI thread calls it); the speech thread
reaps the process afterwards and kills it if it is still there.

:class:`NullSinkPlayer` is the test player: a real, killable child that "plays" a WAV by
sleeping for its true length and records what it was given. CI has no sound card, and a
``say()`` that "succeeds" without one proves nothing, so this is what playback tests use.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
import wave
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

__all__ = ["DEFAULT_PLAYERS", "NullSinkPlayer", "PlayHandle", "PlayRecord", "Player", "ProcessPlayer", "wav_seconds"]

#: Tried in order when the settings name no player.
DEFAULT_PLAYERS: tuple[tuple[str, ...], ...] = (("paplay",), ("pw-play",), ("aplay", "-q"), ("afplay",))


def wav_seconds(path: Path | str) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


class PlayHandle:
    """One playing clip. ``stop()`` is non-blocking; ``reap()`` waits (speech thread only)."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self._proc = proc
        self.stopped = False

    @property
    def pid(self) -> int:
        return self._proc.pid

    @property
    def returncode(self) -> int | None:
        return self._proc.returncode

    def running(self) -> bool:
        return self._proc.poll() is None

    def wait(self, timeout: float) -> bool:
        """True once the clip has ended (finished or stopped)."""
        try:
            self._proc.wait(timeout)
            return True
        except subprocess.TimeoutExpired:
            return False

    def stop(self) -> None:
        """Cut the sound off now: SIGTERM, no waiting. Safe to call again or after it ended."""
        self.stopped = True
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
        return self._proc.returncode


class Player(Protocol):
    """What the service needs from a player (``fall_back()`` is optional)."""

    @property
    def name(self) -> str: ...

    def available(self) -> tuple[bool, str]: ...

    def play(self, path: Path, *, label: str = "") -> PlayHandle: ...


def _spawn(argv: list[str]) -> subprocess.Popen:
    return subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, close_fds=True, start_new_session=True)


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
        if self._missing:
            raise RuntimeError(self._missing)
        return PlayHandle(_spawn([*self._argvs[self._index], str(path)]))


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

    ``played`` lists a :class:`PlayRecord` per clip, in order; the label is the sentence text.
    """

    name = "null-sink"

    def __init__(self, speed: float = 1.0) -> None:
        self.speed = speed
        self.played: list[PlayRecord] = []
        self._lock = threading.Lock()
        sleep = shutil.which("sleep")
        self._sleep = [sleep] if sleep else [sys.executable, "-c", "import sys, time; time.sleep(float(sys.argv[1]))"]

    def available(self) -> tuple[bool, str]:
        return True, "null sink (test player)"

    def play(self, path: Path, *, label: str = "") -> PlayHandle:
        seconds = wav_seconds(path)
        handle = PlayHandle(_spawn([*self._sleep, f"{seconds / self.speed:.3f}"]))
        with self._lock:
            self.played.append(PlayRecord(label, seconds, handle))
        return handle

    @property
    def labels(self) -> list[str]:
        with self._lock:
            return [record.label for record in self.played]
