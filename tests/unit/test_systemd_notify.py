"""sd_notify over a real AF_UNIX datagram socket, as systemd listens (Type=notify, watchdog)."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from kiosk.host.systemd_notify import Notifier, from_environ
from tests.conftest import ROOT


@pytest.fixture
def listener():
    """A bound datagram socket standing in for systemd's notify socket (short path: 108-byte limit)."""
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        path = os.path.join(folder, "notify")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.bind(path)
        sock.settimeout(2)
        yield path, sock
        sock.close()


def received(sock: socket.socket) -> list[str]:
    messages = []
    sock.setblocking(False)
    try:
        while True:
            messages.append(sock.recv(4096).decode("utf-8"))
    except BlockingIOError:
        pass
    finally:
        sock.settimeout(2)
    return messages


def test_ready_status_watchdog_and_stopping_arrive_as_datagrams(listener):
    path, sock = listener
    notifier = from_environ({"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "30000000"})
    assert notifier.enabled and notifier.watchdog_interval == 15.0  # half of WatchdogSec=30
    assert notifier.ready()
    assert sock.recv(4096) == b"READY=1"
    assert notifier.ready(status="12 topics\nloaded")
    assert sock.recv(4096) == b"READY=1\nSTATUS=12 topics loaded"  # one line, one datagram
    assert notifier.watchdog() and notifier.watchdog()
    assert notifier.status("content reloaded") and notifier.stopping()
    assert received(sock) == ["WATCHDOG=1", "WATCHDOG=1", "STATUS=content reloaded", "STOPPING=1"]
    notifier.close()


def test_abstract_socket_names_start_with_at():
    name = f"kiosk-test-{os.getpid()}-{time.monotonic_ns()}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind("\0" + name)
    sock.settimeout(2)
    try:
        assert from_environ({"NOTIFY_SOCKET": "@" + name}).ready()
        assert sock.recv(4096) == b"READY=1"
    finally:
        sock.close()


def test_pings_stop_when_the_caller_stops(listener):
    """The kiosk pings from its UI loop: a blocked loop sends nothing, so systemd's watchdog fires."""
    path, sock = listener
    notifier = from_environ({"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "100000"})  # ping every 0.05 s

    timer: list[asyncio.TimerHandle] = []

    def ping(n: Notifier) -> None:  # what App.set_interval(n.watchdog_interval, n.watchdog) does
        n.watchdog()
        timer[:] = [asyncio.get_running_loop().call_later(n.watchdog_interval, ping, n)]

    async def kiosk_that_hangs() -> list[str]:
        asyncio.get_running_loop().call_soon(ping, notifier)
        flowing: list[str] = []  # answering: pings flow (waited for, however slow the machine)
        deadline = time.monotonic() + 10
        while len(flowing) < 3 and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
            flowing += received(sock)
        time.sleep(0.5)  # the event loop is stuck: no timer runs, no ping is sent
        timer[0].cancel()  # (before the loop runs again, so only the stuck half second is checked)
        return flowing

    flowing = asyncio.run(kiosk_that_hangs())
    assert len(flowing) >= 3 and set(flowing) == {"WATCHDOG=1"}
    assert received(sock) == []  # nothing while stuck: systemd's watchdog fires and restarts the kiosk


@pytest.mark.parametrize("env, interval", [
    ({"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "20000000"}, 10.0),
    ({"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "20000000", "WATCHDOG_PID": "4242"}, 10.0),
    ({"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "20000000", "WATCHDOG_PID": "1"}, None),  # someone else's
    ({"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "0"}, None),
    ({"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "soon"}, None),
    ({"NOTIFY_SOCKET": "/run/x"}, None),
    ({"WATCHDOG_USEC": "20000000"}, None),  # no socket: nowhere to ping
])
def test_watchdog_interval_is_half_the_period_and_only_for_this_process(env, interval):
    assert from_environ(env, pid=4242).watchdog_interval == interval


@pytest.mark.parametrize("env", [{}, {"NOTIFY_SOCKET": ""}, {"NOTIFY_SOCKET": "vsock:2:1234"},
                                 {"NOTIFY_SOCKET": "/nonexistent/kiosk/notify", "WATCHDOG_USEC": "1000000"}])
def test_outside_systemd_every_call_is_a_quiet_no_op(env):
    notifier = from_environ(env)
    assert not notifier.ready() and not notifier.status("x") and not notifier.stopping()
    assert not notifier.watchdog()


def test_unset_environment_keeps_children_from_inheriting_the_socket(monkeypatch, listener):
    path, _ = listener
    monkeypatch.setenv("NOTIFY_SOCKET", path)
    monkeypatch.setenv("WATCHDOG_USEC", "1000000")
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    notifier = from_environ(unset_environment=True)
    assert notifier.enabled and notifier.watchdog_interval == 0.5
    assert not {"NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"} & set(os.environ)


def test_module_is_pure_standard_library():
    code = "import sys, kiosk.host.systemd_notify\nassert not {'textual', 'pydantic', 'yaml'} & set(sys.modules)\n"
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(ROOT), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
