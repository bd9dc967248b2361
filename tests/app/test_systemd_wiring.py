"""Issue 19 item 2: READY after the first paint, WATCHDOG pings from the UI loop itself, and a
blocked loop stops them (so systemd's watchdog restarts a hung kiosk). A real datagram socket
stands in for systemd's NOTIFY_SOCKET."""

from __future__ import annotations

import asyncio
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


async def test_ready_after_first_paint_then_pings_that_stop_when_the_loop_hangs(make_app, systemd):
    path, sock = systemd
    notifier = Notifier(path, watchdog_interval=0.05)
    app = make_app(notifier=notifier)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause(0.3)
        first = received(sock)
        assert first[0].startswith("READY=1")
        assert first.count("WATCHDOG=1") >= 2
        time.sleep(0.4)  # the UI loop is blocked: no ping can be sent meanwhile
        assert "WATCHDOG=1" not in received(sock)
        await asyncio.sleep(0.2)  # the loop runs again: pings resume
        assert "WATCHDOG=1" in received(sock)
