"""The front-desk alert stays small and ends whole, whatever its command does: the command's
output is read up to a bound and the rest thrown away unread into memory; presses while a call is
on its way run no second command (the person is told it is already on its way); and at the
timeout the command and every process it started end, even one that left its session with
``setsid``.

Found running hostile commands: 300 MB on stderr took the kiosk from 61 MB to about 600 MB
(its unit caps memory at 400 MB); 20 presses of "Call the front desk" ran 10-14 commands at once;
a child the command detached with ``setsid`` outlived the timeout.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import threading
import time

from kiosk.content.settings import AlertSettings
from kiosk.desk.alert import OUTPUT_KEPT, STDERR_KEPT, FrontDeskCaller, call_front_desk

WHEN = dt.datetime(2026, 11, 25, 14, 5, tzinfo=dt.UTC)


def script(tmp_path, name: str, body: str):
    path = tmp_path / name
    path.write_text(body)
    path.chmod(0o755)
    return path


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for a reaper."""
    try:
        with open(f"/proc/{pid}/status") as file:
            status = file.read()
    except (FileNotFoundError, ProcessLookupError):  # gone before, or between, the open and the read
        return False
    return "\nState:\tZ" not in status


def wait_until(condition, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_a_command_that_writes_300_mb_to_stderr_leaves_the_kiosk_small(tmp_path):
    chatty = script(tmp_path, "chatty", "#!/bin/sh\nhead -c 300000000 /dev/zero | tr '\\0' x >&2\nexit 1\n")
    before = peak_rss_mb()
    start = time.monotonic()
    result = call_front_desk(AlertSettings(command=[str(chatty)], timeout_seconds=60), WHEN)
    took = time.monotonic() - start
    grew = peak_rss_mb() - before
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\n300 MB on stderr: the caller's peak RSS grew {grew:.1f} MB (from {before:.0f} MB); "
          f"largest child peak {children:.0f} MB; {took:.2f} s")

    assert not result.ok and result.returncode == 1
    assert grew < OUTPUT_KEPT / 1024 / 1024 + 16, f"the caller grew {grew:.0f} MB reading the command's output"
    assert "x" * 50 in result.reason and len(result.reason) < STDERR_KEPT + 50  # the start of it, for the log


def test_twenty_presses_run_one_command_and_the_others_hear_it_is_on_its_way(tmp_path):
    calls = tmp_path / "calls"
    slow = script(tmp_path, "desk", f"#!/bin/sh\necho call >> {calls}\nsleep 1\n")
    now = [1000.0]
    caller = FrontDeskCaller(window_seconds=30, clock=lambda: now[0])
    settings = AlertSettings(command=[str(slow)], timeout_seconds=10)
    results, done = [], threading.Event()
    gate = threading.Barrier(20)
    started = []

    def press() -> None:
        gate.wait()
        started.append(caller.call(settings, lambda r: (results.append(r), done.set()), WHEN))

    presses = [threading.Thread(target=press) for _ in range(20)]
    for thread in presses:
        thread.start()
    for thread in presses:
        thread.join(10)
    assert sorted(started) == [False] * 19 + [True]  # one call; 19 told it is on its way
    assert done.wait(10) and results[0].ok
    assert wait_until(lambda: not caller.busy)
    assert calls.read_text().splitlines() == ["call"]

    assert not caller.call(settings, None, WHEN)  # a press soon after a call that worked: on its way
    now[0] += 31
    assert caller.call(settings, None, WHEN)  # after the window, the desk is called again
    assert wait_until(lambda: not caller.busy) and len(calls.read_text().splitlines()) == 2


def test_a_press_after_a_call_that_failed_calls_again(tmp_path):
    failing = script(tmp_path, "fail", "#!/bin/sh\nexit 3\n")
    caller = FrontDeskCaller(window_seconds=30)
    settings = AlertSettings(command=[str(failing)], timeout_seconds=5)
    assert caller.call(settings, None, WHEN)
    assert wait_until(lambda: not caller.busy)
    assert caller.call(settings, None, WHEN)  # the person is not told "on its way" by a call that failed


def test_a_command_whose_children_leave_its_session_leaves_no_process_after_the_timeout(tmp_path):
    first, second = tmp_path / "first.pid", tmp_path / "second.pid"
    escaper = script(tmp_path, "escape", f"""#!/bin/sh
setsid sh -c 'echo $$ > {first}; exec sleep 300' &
( setsid sh -c 'echo $$ > {second}; exec sleep 301' & )
sleep 302
""")
    result = call_front_desk(AlertSettings(command=[str(escaper)], timeout_seconds=2), WHEN)
    assert result.timed_out
    pids = [int(first.read_text()), int(second.read_text())]
    assert wait_until(lambda: not any(alive(pid) for pid in pids), 5), [p for p in pids if alive(p)]


def test_a_command_that_works_but_leaves_a_detached_child_has_it_ended_at_the_timeout(tmp_path):
    pid_file = tmp_path / "child.pid"
    leaver = script(tmp_path, "leave", f"#!/bin/sh\nsetsid sh -c 'echo $$ > {pid_file}; exec sleep 300' &\n"
                                       f"while [ ! -s {pid_file} ]; do sleep 0.05; done\nexit 0\n")
    result = call_front_desk(AlertSettings(command=[str(leaver)], timeout_seconds=2), WHEN)
    assert result.ok and result.seconds < 2  # the desk was called: the person is told at once
    assert wait_until(lambda: not alive(int(pid_file.read_text())), 5)


def test_when_the_kiosk_dies_the_command_and_its_children_end_too(tmp_path):
    """The alert's supervisor gets a signal when the kiosk's thread that started it is gone."""
    import subprocess
    import sys

    pid_file = tmp_path / "child.pid"
    hanger = script(tmp_path, "hang", f"#!/bin/sh\nsetsid sh -c 'echo $$ > {pid_file}; exec sleep 300' &\nsleep 300\n")
    kiosk = subprocess.Popen([sys.executable, "-c", (
        "import datetime as dt; from kiosk.content.settings import AlertSettings;"
        "from kiosk.desk.alert import call_front_desk;"
        f"call_front_desk(AlertSettings(command=[{str(hanger)!r}], timeout_seconds=120))")])
    try:
        assert wait_until(lambda: pid_file.exists() and pid_file.read_text().strip(), 10)
        child = int(pid_file.read_text())
        os.kill(kiosk.pid, 9)
        kiosk.wait(5)
        assert wait_until(lambda: not alive(child), 5)
    finally:
        kiosk.kill()
