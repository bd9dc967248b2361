"""Calling the front desk: run ``alert.command`` with the kiosk's name and the time, nothing else.

The command gets the kiosk's name and the local time (``2026-11-25T14:05:00+01:00``): in
place of ``{kiosk}`` and ``{time}`` where its arguments have them (``--data-urlencode
kiosk={kiosk}``), else as two more arguments at the end; and always in its environment
(``KIOSK_NAME``, ``KIOSK_TIME``). It never gets an answer, a topic or a danger sign: whatever the command
does with its arguments (a chime, a message to a desk computer), nothing of the patient
leaves the kiosk. Its standard input is empty.

It runs under a small supervisor process of its own (:mod:`kiosk.desk.alert_runner`), which
keeps the first :data:`OUTPUT_KEPT` bytes of its error output and throws the rest away unread
into memory, and at ``timeout_seconds`` ends the command and *every* process it started, even
one that left its session with ``setsid`` (the supervisor is their subreaper); if the kiosk
dies, the supervisor ends them too. Failures are logged for staff and returned as an
:class:`AlertResult`; nothing here raises. Ways to call it:

- :class:`FrontDeskCaller`: what the kiosk uses: one call at a time; a press while one is on
  its way, or within ``window_seconds`` after one that worked, runs nothing and returns False
  (the person is told the desk is already on its way);
- :func:`call_front_desk`: blocks until the command and what it left have ended;
- :func:`call_front_desk_async`: the same in a thread, as a coroutine;
- :func:`call_front_desk_in_background`: returns at once; a daemon thread runs the command and
  hands the result to ``on_done`` (from that thread) as soon as the command has exited.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import os
import select
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.settings import AlertSettings

log = logging.getLogger(__name__)

#: Bytes of the command's error output kept (by the supervisor); the rest is read and dropped.
OUTPUT_KEPT = 64 * 1024
#: Kept of the command's error output for the log: a short line, never the whole stream.
STDERR_KEPT = 300
#: A press within this many seconds of a call that worked runs nothing: the desk is on its way.
REPEAT_WINDOW_SECONDS = 30.0
#: What the kiosk gives the supervisor beyond the timeout to kill and reap, before ending it.
GRACE_SECONDS = 5.0
RUNNER = Path(__file__).with_name("alert_runner.py")


@dataclass(frozen=True)
class AlertResult:
    ok: bool
    reason: str = ""  # staff-facing: "not set", "timed out after 10 s", "exit status 1: ...", "not found: ..."
    returncode: int | None = None
    seconds: float = 0.0
    timed_out: bool = False


def alert_argv(settings: AlertSettings, when: dt.datetime) -> tuple[list[str], dict[str, str]]:
    """The command line and the extra environment: the kiosk's name and the time, only."""
    assert settings.command
    stamp = when.isoformat(timespec="seconds")
    env = {"KIOSK_NAME": settings.kiosk_name, "KIOSK_TIME": stamp}
    if any("{kiosk}" in arg or "{time}" in arg for arg in settings.command):
        return [arg.replace("{kiosk}", settings.kiosk_name).replace("{time}", stamp) for arg in settings.command], env
    return [*settings.command, settings.kiosk_name, stamp], env


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def _finish(settings: AlertSettings, result: AlertResult) -> AlertResult:
    if result.ok:
        log.info("front desk alert sent in %.1f s", result.seconds)
    else:
        log.warning("front desk alert failed (%s): %s", settings.command[0] if settings.command else "-", result.reason)
    return result


def _timed_out(settings: AlertSettings, start: float) -> AlertResult:
    return _finish(settings, AlertResult(False, f"timed out after {settings.timeout_seconds:g} s and was killed",
                                         None, time.monotonic() - start, True))


def _exited(settings: AlertSettings, returncode: int | None, err: bytes | None, seconds: float) -> AlertResult:
    """A command that failed: its status and the start of what it said, for the log."""
    said = (err or b"").decode("utf-8", "replace").strip().replace("\n", " ")[:STDERR_KEPT]
    return _finish(settings, AlertResult(False, f"exit status {returncode}" + (f": {said}" if said else ""),
                                         returncode, seconds))


def _result(settings: AlertSettings, answer: dict | None, start: float) -> AlertResult:
    """The supervisor's JSON line as an :class:`AlertResult` (logged)."""
    seconds = time.monotonic() - start
    if answer is None:
        return _finish(settings, AlertResult(False, "its supervisor gave no answer and was ended",
                                             seconds=seconds, timed_out=True))
    if answer.get("error"):
        return _finish(settings, AlertResult(False, f"could not start: {answer['error']}", seconds=seconds))
    if answer.get("timed_out"):
        return _timed_out(settings, start)
    said = str(answer.get("said") or "").encode()
    if "signal" in answer:
        return _exited(settings, -int(answer["signal"]), said, seconds)
    if answer.get("exit") != 0:
        return _exited(settings, int(answer.get("exit", -1)), said, seconds)
    return _finish(settings, AlertResult(True, "", 0, seconds))


def _read_answer(proc: subprocess.Popen, deadline: float) -> dict | None:
    """The supervisor's one JSON line, read up to :data:`OUTPUT_KEPT` bytes by ``deadline``."""
    assert proc.stdout is not None
    fd, got = proc.stdout.fileno(), bytearray()
    while b"\n" not in got and len(got) < OUTPUT_KEPT:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None
        piece = os.read(fd, OUTPUT_KEPT - len(got))
        if not piece:
            break
        got += piece
    try:
        answer = json.loads(bytes(got).split(b"\n", 1)[0])
    except ValueError:
        return None
    return answer if isinstance(answer, dict) else None


def _run(settings: AlertSettings, when: dt.datetime,
         on_result: Callable[[AlertResult], None] | None = None) -> AlertResult:
    """Run the command under its supervisor: ``on_result`` as soon as the command has exited,
    and return when the supervisor has ended everything it left."""
    argv, extra = alert_argv(settings, when)
    start = time.monotonic()
    runner = [sys.executable, "-I", str(RUNNER), f"{settings.timeout_seconds:g}", str(OUTPUT_KEPT),
              str(os.getpid()), "--", *argv]
    try:
        proc = subprocess.Popen(runner, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, env={**os.environ, **extra},
                                start_new_session=True,  # away from the kiosk's terminal and its signals
                                close_fds=True)
    except OSError as error:
        result = _finish(settings, AlertResult(False, f"could not start: {error}", seconds=time.monotonic() - start))
        if on_result is not None:
            on_result(result)
        return result
    deadline = start + settings.timeout_seconds + GRACE_SECONDS
    with proc:
        answer = _read_answer(proc, deadline)
        if answer is None and proc.poll() is None:  # a stuck supervisor: SIGTERM ends its processes
            proc.terminate()
            answer = _read_answer(proc, time.monotonic() + 2)
        result = _result(settings, answer, start)
        if on_result is not None:
            on_result(result)
        try:
            proc.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.terminate()
            try:
                proc.wait(2)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return result


def call_front_desk(settings: AlertSettings, when: dt.datetime | None = None) -> AlertResult:
    """Run the alert command and wait until it and what it started have ended: at most
    ``settings.timeout_seconds`` (plus a moment to end them). Blocking: call from a worker
    thread. Never raises."""
    if not settings.command:
        return AlertResult(False, "no alert command is set")
    return _run(settings, when or _now())


async def call_front_desk_async(settings: AlertSettings, when: dt.datetime | None = None) -> AlertResult:
    """:func:`call_front_desk` in a thread, as a coroutine; never raises."""
    return await asyncio.to_thread(call_front_desk, settings, when)


def call_front_desk_in_background(
    settings: AlertSettings,
    on_done: Callable[[AlertResult], None] | None = None,
    when: dt.datetime | None = None,
    finished: Callable[[], None] | None = None,
) -> threading.Thread:
    """Start the alert and return at once. ``on_done`` gets the result as soon as the command
    has exited, from the alert's thread (in Textual, pass something that uses
    ``app.call_from_thread``); ``finished`` is called when everything it started has ended."""
    when = when or _now()

    def told(result: AlertResult) -> None:
        if on_done is not None:
            try:
                on_done(result)
            except Exception:
                log.exception("front desk alert callback failed")

    def run() -> None:
        try:
            if not settings.command:
                told(AlertResult(False, "no alert command is set"))
            else:
                _run(settings, when, told)
        except Exception as error:  # never let a bug here reach the patient
            log.exception("front desk alert crashed")
            told(AlertResult(False, f"crashed: {type(error).__name__}"))
        finally:
            if finished is not None:
                finished()

    thread = threading.Thread(target=run, name="front-desk-alert", daemon=True)
    thread.start()
    return thread


class FrontDeskCaller:
    """One call to the front desk at a time, and repeats coalesced.

    A patient who presses "Call the front desk" again and again (or whose danger-sign answer
    already called it) must not start a command each time: 20 presses ran 10-14 commands at
    once. :meth:`call` runs the command only when no call is on its way (its supervisor still
    running) and none worked in the last ``window_seconds``; otherwise it runs nothing and
    returns False, and the kiosk tells the person the desk is already on its way. A call that
    failed does not count: the next press tries again.
    """

    def __init__(self, window_seconds: float = REPEAT_WINDOW_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.window_seconds = window_seconds
        self.clock = clock
        self._lock = threading.Lock()
        self._busy = False
        self._worked_at: float | None = None

    @property
    def busy(self) -> bool:
        """A call is on its way (its command, or what it left, has not ended yet)."""
        with self._lock:
            return self._busy

    def call(self, settings: AlertSettings, on_done: Callable[[AlertResult], None] | None,
             when: dt.datetime | None = None) -> bool:
        """Start a call (True), or run nothing because one is on its way (False)."""
        with self._lock:
            recent = self._worked_at is not None and self.clock() - self._worked_at < self.window_seconds
            if self._busy or recent:
                log.info("front desk alert already on its way: not run again")
                return False
            self._busy = True

        def done(result: AlertResult) -> None:
            if result.ok:
                with self._lock:
                    self._worked_at = self.clock()
            if on_done is not None:
                on_done(result)

        def finished() -> None:
            with self._lock:
                self._busy = False

        call_front_desk_in_background(settings, done, when, finished)
        return True
