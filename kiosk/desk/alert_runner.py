"""The alert command's supervisor: a small process that runs it, bounds what it says, and ends
every process it started. Standard library only: it starts in a few tens of milliseconds.

Run as ``python -I alert_runner.py TIMEOUT KEEP PARENT -- COMMAND...`` by :mod:`kiosk.desk.alert`,
never in the kiosk's own process, because what it needs is a process of its own:

- It is a *child subreaper* (``PR_SET_CHILD_SUBREAPER``): any process the command starts whose
  parent ends is re-parented here, not to init, even one that called ``setsid`` to leave the
  command's session and process group. So "everything the command started" is simply every
  descendant of this process, found in ``/proc``; at the timeout each is killed (SIGKILL, again
  until none is left) and reaped. Setting this on the kiosk itself would hand the kiosk every
  orphan of every tool it runs.
- The command's standard error is read in 64 KB pieces: the first ``KEEP`` bytes are kept, the
  rest is read and thrown away, so 300 MB of chatter costs a pipe's worth of memory.
- Its parent-death signal is SIGTERM, handled like the timeout: when the kiosk (the thread that
  started this) dies, the command and its children end too.
- When the command exits with status 0, the result is written at once (the person is told the
  desk was called) and what it left running may finish until the timeout, then is killed. When
  it fails, what it left is killed at once.

The result is one JSON line on standard output, then standard output is closed: ``{"exit": N}``
or ``{"signal": N}``, ``"timed_out": true``, ``"error": "..."`` when it could not start, and
``"said"``: the start of its standard error. The kiosk reads that line, bounded too.
"""

from __future__ import annotations

import ctypes
import json
import os
import select
import signal
import subprocess
import sys
import time

PR_SET_PDEATHSIG, PR_SET_CHILD_SUBREAPER = 1, 36
CHUNK = 64 * 1024
#: Characters of what the command said that go back to the kiosk (for its log).
SAID_KEPT = 300


class Stop(Exception):
    """SIGTERM: the kiosk is gone, or it gave up waiting."""


def _prctl(option: int, value: int) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(option, value, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def descendants(root: int) -> list[int]:
    """Every process below ``root``, from ``/proc`` (children first found, then theirs)."""
    parents: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:  # no /proc: the process group kill is all there is
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [root]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def reap() -> dict[int, int]:
    """Reap every child that has ended: ``{pid: wait status}``."""
    ended: dict[int, int] = {}
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return ended
        if pid == 0:
            return ended
        ended[pid] = status


def kill_all(me: int, statuses: dict[int, int], pgid: int | None = None) -> None:
    """SIGKILL every descendant, again until none is left (one may fork while the list is read)."""
    if pgid is not None:
        try:
            os.killpg(pgid, signal.SIGKILL)
        except OSError:
            pass
    for _ in range(100):
        pids = descendants(me)
        if not pids:
            break
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.01)
        statuses.update(reap())
    statuses.update(reap())


def supervise(argv: list[str]) -> None:
    """Run the command as the module docstring says; the answer is the JSON line, not an exit code."""
    timeout, keep, parent = float(argv[0]), int(argv[1]), int(argv[2])
    command = argv[argv.index("--") + 1:]
    me = os.getpid()

    def stop(signum, frame) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: the clean-up below must not be cut short
        raise Stop

    signal.signal(signal.SIGTERM, stop)
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the kiosk died before the signal was asked for
        return
    result: dict[str, object] = {}
    statuses: dict[int, int] = {}
    deadline = time.monotonic() + timeout
    kept = bytearray()
    try:
        try:
            proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, start_new_session=True, close_fds=True)
        except OSError as error:
            result["error"] = str(error)
            return
        assert proc.stderr is not None
        err: int | None = proc.stderr.fileno()
        while proc.pid not in statuses:
            left = deadline - time.monotonic()
            if left <= 0:
                kill_all(me, statuses, proc.pid)
                result["timed_out"] = True
                return
            if err is not None:
                ready, _, _ = select.select([err], [], [], min(left, 0.1))
                if ready:
                    piece = os.read(err, CHUNK)
                    if not piece:
                        err = None
                    elif len(kept) < keep:
                        kept += piece[:keep - len(kept)]  # the rest is dropped here
            else:
                time.sleep(min(left, 0.05))
            statuses.update(reap())
        if err is not None:  # what it wrote just before it exited
            _drain(err, kept, keep)
        status = statuses[proc.pid]
        if os.WIFSIGNALED(status):
            result["signal"] = os.WTERMSIG(status)
        else:
            result["exit"] = os.WEXITSTATUS(status)
        if result.get("exit") != 0:
            kill_all(me, statuses, proc.pid)
            return
        report(result, kept)  # the desk was called: say so now, then wait for what it left
        while descendants(me) and time.monotonic() < deadline:
            time.sleep(0.05)
            statuses.update(reap())
        kill_all(me, statuses, proc.pid)
        return
    except Stop:
        kill_all(me, statuses)
        result["timed_out"] = True
        return
    finally:
        report(result, kept)


def _drain(fd: int, kept: bytearray, keep: int, most: int = 1024 * 1024) -> None:
    """Read what is already in the pipe, up to ``most`` bytes (a child may still be writing)."""
    seen = 0
    while seen < most and select.select([fd], [], [], 0)[0]:
        piece = os.read(fd, CHUNK)
        if not piece:
            return
        seen += len(piece)
        if len(kept) < keep:
            kept += piece[:keep - len(kept)]


_reported = False


def report(result: dict[str, object], kept: bytes | bytearray) -> None:
    """The one JSON line; then standard output is closed so the kiosk sees its end."""
    global _reported
    if _reported:
        return
    _reported = True
    result["said"] = bytes(kept).decode("utf-8", "replace").strip().replace("\n", " ")[:SAID_KEPT]
    try:
        os.write(1, (json.dumps(result) + "\n").encode())
        os.close(1)
    except OSError:
        pass


if __name__ == "__main__":
    supervise(sys.argv[1:])
