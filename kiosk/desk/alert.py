"""Calling the front desk: run ``alert.command`` with the kiosk's name and the time, nothing else.

The command gets the kiosk's name and the local time (``2026-11-25T14:05:00+01:00``): in
place of ``{kiosk}`` and ``{time}`` where its arguments have them (``--data-urlencode
kiosk={kiosk}``), else as two more arguments at the end; and always in its environment
(``KIOSK_NAME``, ``KIOSK_TIME``). It never gets an answer, a topic or a danger sign: whatever the command
does with its arguments (a chime, a message to a desk computer), nothing of the patient
leaves the kiosk. Its standard input is empty.

It runs in its own process group (detached from the kiosk's terminal) and is killed, with
every child it started, after ``timeout_seconds``. Failures are logged for staff and returned
as an :class:`AlertResult`; nothing here raises. Three ways to call it:

- :func:`call_front_desk`: blocks until the command ends or is killed (a worker thread);
- :func:`call_front_desk_async`: the same as a coroutine (an asyncio worker);
- :func:`call_front_desk_in_background`: returns at once; a daemon thread runs the command and
  hands the result to ``on_done`` (from that thread).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.content.settings import AlertSettings

log = logging.getLogger(__name__)

#: Kept of the command's error output for the log: a short line, never the whole stream.
STDERR_KEPT = 300


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


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def call_front_desk(settings: AlertSettings, when: dt.datetime | None = None) -> AlertResult:
    """Run the alert command and wait for it, at most ``settings.timeout_seconds`` (plus a moment
    to reap it). Blocking: call from a worker thread. Never raises."""
    if not settings.command:
        return AlertResult(False, "no alert command is set")
    argv, extra = alert_argv(settings, when or _now())
    start = time.monotonic()
    try:
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, **extra},
            start_new_session=True,  # its own process group: the kill below takes its children too
            close_fds=True,
        )
    except OSError as error:
        return _finish(settings, AlertResult(False, f"could not start: {error}", seconds=time.monotonic() - start))
    try:
        _, err = proc.communicate(timeout=settings.timeout_seconds)
    except subprocess.TimeoutExpired:
        _kill_group(proc.pid)
        try:  # a grandchild that left the group may still hold stderr: do not wait for it long
            proc.communicate(timeout=1)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(1)
        return _timed_out(settings, start)
    seconds = time.monotonic() - start
    if proc.returncode != 0:
        return _exited(settings, proc.returncode, err, seconds)
    return _finish(settings, AlertResult(True, "", 0, seconds))


async def call_front_desk_async(settings: AlertSettings, when: dt.datetime | None = None) -> AlertResult:
    """:func:`call_front_desk` as a coroutine (asyncio subprocess); never raises."""
    if not settings.command:
        return AlertResult(False, "no alert command is set")
    argv, extra = alert_argv(settings, when or _now())
    start = time.monotonic()
    try:
        proc = await asyncio.create_subprocess_exec(
            *argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, **extra},
            start_new_session=True,
        )
    except OSError as error:
        return _finish(settings, AlertResult(False, f"could not start: {error}", seconds=time.monotonic() - start))
    try:
        _, err = await asyncio.wait_for(proc.communicate(), settings.timeout_seconds)
    except TimeoutError:
        _kill_group(proc.pid)
        try:
            await asyncio.wait_for(proc.wait(), 1)
        except TimeoutError:
            pass
        return _timed_out(settings, start)
    seconds = time.monotonic() - start
    if proc.returncode != 0:
        return _exited(settings, proc.returncode, err, seconds)
    return _finish(settings, AlertResult(True, "", 0, seconds))


def call_front_desk_in_background(
    settings: AlertSettings,
    on_done: Callable[[AlertResult], None] | None = None,
    when: dt.datetime | None = None,
) -> threading.Thread:
    """Start the alert and return at once. ``on_done`` gets the result, from the alert's thread
    (in Textual, pass something that uses ``app.call_from_thread``)."""
    when = when or _now()

    def run() -> None:
        try:
            result = call_front_desk(settings, when)
        except Exception as error:  # never let a bug here reach the patient
            log.exception("front desk alert crashed")
            result = AlertResult(False, f"crashed: {type(error).__name__}")
        if on_done is not None:
            try:
                on_done(result)
            except Exception:
                log.exception("front desk alert callback failed")

    thread = threading.Thread(target=run, name="front-desk-alert", daemon=True)
    thread.start()
    return thread
