"""The synthesiser, parent side: one child process that owns pyttsx3, killed if it hangs.

Owns starting :mod:`kiosk.speech.worker`, talking to it in JSON lines with a timeout on every
request, and killing and restarting it when it hangs or dies. pyttsx3 is never imported into
the kiosk process: a hung espeak can then always be killed, and nothing it prints can reach the
terminal (the child's stderr goes to a private log file, removed on :meth:`Synthesizer.close`).

Blocking by design (a request takes ~10-20 ms, starting the child ~0.3 s): call it from the
speech thread or a command, never from the UI thread. Not for playback: see ``player``.
"""

from __future__ import annotations

import ctypes
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import IO

__all__ = [
    "EngineUnavailable", "SynthResult", "SynthesisError", "Synthesizer", "Voice",
    "library_problem", "synthesize_to_file",
]

_ESPEAK_LIBRARIES = ("libespeak-ng.so.1", "/usr/local/lib/libespeak-ng.so.1", "libespeak.so.1",
                     "/opt/homebrew/lib/libespeak-ng.1.dylib", "/usr/local/lib/libespeak-ng.1.dylib")


def library_problem() -> str | None:
    """Why the espeak library can't be loaded, or None when it can (no engine is started)."""
    for name in _ESPEAK_LIBRARIES:
        try:
            ctypes.CDLL(name)
            return None
        except OSError:
            continue
    return "libespeak-ng is not installed (Debian: apt-get install libespeak-ng1)"


class SynthesisError(RuntimeError):
    """A sentence could not be turned into audio; the child has been restarted if it hung."""


class EngineUnavailable(SynthesisError):
    """The engine can't start at all (no libespeak-ng, pyttsx3 missing, child crashes at start)."""


class _Died(Exception):
    pass


class _TimedOut(Exception):
    pass


@dataclass(frozen=True)
class Voice:
    id: str
    name: str
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class SynthResult:
    path: Path
    seconds: float
    frames: int
    framerate: int
    voice: str
    fallback: bool


class Synthesizer:
    """Sentence → WAV through a killable pyttsx3 child. Thread-safe; one request at a time.

    ``timeout`` bounds each request, ``start_timeout`` the child's start. ``test_hooks`` lets
    tests make the child hang (text starting with ``TESTHANG``) or crash.
    """

    def __init__(self, *, timeout: float = 10.0, start_timeout: float = 20.0,
                 log_path: Path | None = None, test_hooks: bool = False) -> None:
        self.timeout = timeout
        self.start_timeout = start_timeout
        self.starts = 0
        self._test_hooks = test_hooks
        self._lock = threading.RLock()
        self._proc: subprocess.Popen | None = None
        self._buf = b""
        self._next_id = 0
        self._voices: list[Voice] = []
        self._unavailable: str | None = None
        self._closed = False
        self._own_dir: str | None = None
        if log_path:
            self._log_path = Path(log_path)
        else:
            self._own_dir = tempfile.mkdtemp(prefix="kiosk-synth-")
            weakref.finalize(self, shutil.rmtree, self._own_dir, True)
            self._log_path = Path(self._own_dir) / "worker.log"

    # -- public ---------------------------------------------------------------------------

    @property
    def pid(self) -> int | None:
        proc = self._proc
        return proc.pid if proc and proc.poll() is None else None

    def available(self) -> tuple[bool, str]:
        """(True, "...") once the child runs; (False, why) if it can't. Starts the child."""
        try:
            with self._lock:
                self._ensure_started()
                return True, f"espeak-ng via pyttsx3, {len(self._voices)} voices"
        except SynthesisError as exc:
            return False, str(exc)

    def known_voices(self) -> list[Voice]:
        """The voices the engine reported when it started; [] before that. Never blocks."""
        return list(self._voices)

    def voices(self) -> list[Voice]:
        """The engine's voices ([] when unavailable). Starts the child."""
        return list(self._voices) if self.available()[0] else []

    def synthesize(self, text: str, path: Path | str, *, rate: int = 175, volume: float = 1.0,
                   voice: str | None = None, language: str = "en") -> SynthResult:
        """Write ``text`` as a mono 16-bit WAV to ``path``; raise SynthesisError on failure.

        An unknown ``voice`` falls back to ``language``'s own voice (``fallback`` is then True).
        A child that died is restarted and the sentence tried once more; one that hangs is
        killed after ``timeout`` and SynthesisError raised (the next call starts a new child).
        """
        path = Path(path).resolve()
        message = {"op": "synth", "text": text, "path": str(path), "rate": int(rate),
                   "volume": float(volume), "voice": voice, "language": language}
        with self._lock:
            for attempt in (1, 2):
                self._ensure_started()
                try:
                    reply = self._exchange(message, self.timeout)
                except _Died:
                    self._kill()
                    if attempt == 2:
                        raise SynthesisError(f"speech engine stopped twice: {self._log_tail()}") from None
                    continue
                except _TimedOut:
                    self._kill()
                    raise SynthesisError(f"speech engine did not answer within {self.timeout:g} s; restarted") from None
                if not reply.get("ok"):
                    raise SynthesisError(reply.get("error", "unknown error"))
                return SynthResult(path, reply["seconds"], reply["frames"], reply["framerate"],
                                   reply["voice"], reply["fallback"])
        raise AssertionError("unreachable")  # pragma: no cover

    def request(self, message: dict, timeout: float | None = None) -> dict:
        """Send one raw request (``ping``, ``voices``; ``sleep``/``crash`` with test hooks)."""
        with self._lock:
            self._ensure_started()
            try:
                return self._exchange(message, self.timeout if timeout is None else timeout)
            except (_Died, _TimedOut) as exc:
                self._kill()
                what = "hung" if isinstance(exc, _TimedOut) else "died"
                raise SynthesisError(f"speech engine {what}; restarted") from None

    def abort(self) -> None:
        """Kill the child now, even while another thread waits on it; no restart after this."""
        self._closed = True
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.kill()

    def close(self) -> None:
        """Stop the child and remove the private log. Safe to call twice."""
        self.abort()
        with self._lock:
            self._kill()
            if self._own_dir:
                shutil.rmtree(self._own_dir, ignore_errors=True)

    # -- child process --------------------------------------------------------------------

    def _ensure_started(self) -> None:
        if self._closed:
            raise SynthesisError("speech engine closed")
        if self._unavailable:
            raise EngineUnavailable(self._unavailable)
        if self._proc and self._proc.poll() is None:
            return
        self._kill()
        reason = library_problem()
        if reason is None:
            for _ in range(2):  # a crash at start gets one more try
                reason = self._start()
                if reason is None:
                    return
        self._unavailable = reason
        raise EngineUnavailable(reason)

    def _start(self) -> str | None:
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        env["KIOSK_SPEECH_TEST_HOOKS"] = "1" if self._test_hooks else "0"
        self._log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self._log_path, "ab") as log:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "kiosk.speech.worker"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                env=env, start_new_session=True, close_fds=True,
            )
        self.starts += 1
        self._buf = b""
        try:
            hello = self._read(self.start_timeout)
        except (_Died, _TimedOut):
            self._kill()
            return f"speech engine failed to start: {self._log_tail()}"
        if not hello.get("ok"):
            self._kill()
            return f"speech engine failed to start: {hello.get('error', 'unknown error')}"
        self._voices = [Voice(v["id"], v["name"], tuple(v.get("languages", ()))) for v in hello["voices"]]
        return None

    def _pipes(self) -> tuple[IO[bytes], IO[bytes]]:
        """The child's stdin and stdout. Only called under the lock after ``_ensure_started``,
        so the child is there, started with both pipes."""
        proc = self._proc
        assert proc is not None and proc.stdin is not None and proc.stdout is not None
        return proc.stdin, proc.stdout

    def _exchange(self, message: dict, timeout: float) -> dict:
        self._next_id += 1
        line = json.dumps({**message, "id": self._next_id}).encode() + b"\n"
        stdin, _ = self._pipes()
        try:
            stdin.write(line)
            stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            raise _Died from None
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(max(0.0, deadline - time.monotonic()))
            if reply.get("id") == self._next_id:
                return reply

    def _read(self, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        fd = self._pipes()[1].fileno()
        while b"\n" not in self._buf:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _TimedOut
            ready, _, _ = select.select([fd], [], [], remaining)
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise _Died
                self._buf += chunk
        line, _, self._buf = self._buf.partition(b"\n")
        try:
            return json.loads(line)
        except ValueError:
            return {}

    def _kill(self) -> None:
        proc, self._proc = self._proc, None
        self._buf = b""
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for pipe in (proc.stdin, proc.stdout):
            if pipe is None:  # never: the child is started with both pipes
                continue
            try:
                pipe.close()
            except OSError:
                pass

    def _log_tail(self) -> str:
        try:
            lines = self._log_path.read_text(errors="replace").strip().splitlines()
        except OSError:
            return "no log"
        return lines[-1] if lines else "no message"


def synthesize_to_file(text: str, path: Path | str, rate: int = 175, volume: float = 1.0,
                       voice: str | None = None, language: str = "en") -> SynthResult:
    """One-off: start a synthesiser, write one WAV, stop it. Raises SynthesisError."""
    synth = Synthesizer()
    try:
        return synth.synthesize(text, path, rate=rate, volume=volume, voice=voice, language=language)
    finally:
        synth.close()
