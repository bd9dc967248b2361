"""READY after the first paint, WATCHDOG pings from the UI loop itself, and a
blocked loop stops them (so systemd's watchdog restarts a hung kiosk). A real datagram socket
stands in for systemd's NOTIFY_SOCKET."""

from __future__ import annotations

import socket
import time

import pytest

from kiosk.host.systemd_notify import Notifier


@pytest.fixture
def systemd(tmp_path):
    path = str(tmp_path / "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.setblocking(False)
    yield path, sock
    sock.close()


def received(sock) -> list[str]:
    out = []
    while True:
        try:
            out.append(sock.recv(4096).decode())
        except BlockingIOError:
            return out


async def collect_until(pilot, sock, enough, deadline: float = 10.0) -> list[str]:
    """Datagrams received while the UI loop runs, until ``enough(them)`` or a generous deadline:
    waits for the condition, so a slow or loaded machine only takes longer, never fails."""
    got: list[str] = []
    end = time.monotonic() + deadline
    while not enough(got) and time.monotonic() < end:
        await pilot.pause(0.02)
        got += received(sock)
    return got


async def test_ready_after_first_paint_then_pings_that_stop_when_the_loop_hangs(make_app, systemd):
    path, sock = systemd
    notifier = Notifier(path, watchdog_interval=0.05)
    app = make_app(notifier=notifier)
    async with app.run_test(size=(40, 12)) as pilot:
        first = await collect_until(pilot, sock, lambda got: got.count("WATCHDOG=1") >= 2)
        assert first and first[0].startswith("READY=1")
        assert first.count("WATCHDOG=1") >= 2
        # The UI loop is blocked for eight ping intervals: nothing runs on it, so no ping can be
        # sent meanwhile however slow the machine is (a ping from another thread would show here).
        received(sock)
        time.sleep(8 * notifier.watchdog_interval)
        assert "WATCHDOG=1" not in received(sock)
        # The loop runs again: pings resume.
        again = await collect_until(pilot, sock, lambda got: "WATCHDOG=1" in got)
        assert "WATCHDOG=1" in again
