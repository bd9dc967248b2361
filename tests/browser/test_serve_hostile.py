"""A real ``kiosk serve`` against a hostile or careless client: websocket frames, no browser.

Each test starts ``kiosk serve`` (locked) on a free loopback port and talks to it with aiohttp's
websocket client, as a page's script would, or as a script pretending to be one would: a resize
frame asking for a screen of ten billion cells, forty reconnects in a row, a server that is
stopped or killed with a page open. Marked ``browser`` with the Chromium tests: no Chromium is
needed, but each test runs real kiosk processes, as they do.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.kiosk_page import KioskServer, kiosks_of
from tests.conftest import CONTENT

pytestmark = pytest.mark.browser

#: What one page's kiosk may use, in kB of resident memory, whatever a page sends (it starts near 60 MB).
RSS_BOUND_KB = 250 * 1024
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


@pytest.fixture
def server(tmp_path) -> Iterator[KioskServer]:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    serving = KioskServer(content, tmp_path)
    yield serving
    serving.stop()
    try:
        _wait(lambda: not kiosks_of(serving.content), "no kiosk left once kiosk serve has stopped")
    finally:
        for pid in kiosks_of(serving.content):  # never leave one behind on the test machine
            os.kill(pid, signal.SIGKILL)


def _wait(check, what: str, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"never: {what}")
        time.sleep(0.05)


def _status(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} for {pid}")


class Page:
    """One websocket to ``kiosk serve``, as the kiosk's page opens it (same Origin as the page)."""

    def __init__(self, server: KioskServer) -> None:
        self.server = server
        self.screen = ""

    async def __aenter__(self) -> Page:
        import aiohttp

        self.session = aiohttp.ClientSession()
        origin = self.server.url.rstrip("/")
        self.socket = await self.session.ws_connect(self.server.url + "ws?width=60&height=20",
                                                    headers={"Origin": origin})
        return self

    async def __aexit__(self, *exc) -> None:
        await self.socket.close()
        await self.session.close()

    async def wait_for(self, words: str, timeout: float = 30.0) -> None:
        """Read the kiosk's output until ``words`` are drawn (escape sequences left out)."""
        import aiohttp

        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while words not in ESCAPES.sub("", self.screen).replace("\r", ""):
            left = deadline - loop.time()
            if left <= 0:
                raise AssertionError(f"the kiosk never drew {words!r}")
            try:
                message = await self.socket.receive(timeout=left)
            except TimeoutError:
                continue
            if message.type == aiohttp.WSMsgType.BINARY:
                self.screen += message.data.decode("utf-8", "replace")
            elif message.type != aiohttp.WSMsgType.TEXT:
                raise AssertionError(f"the websocket closed ({message.type.name}) before the kiosk drew {words!r}")

    async def press(self, keys: str) -> None:
        self.screen = ""
        await self.socket.send_json(["stdin", keys])


def test_a_resize_frame_for_ten_billion_cells_is_clamped_and_the_kiosk_still_answers(server):
    async def scenario() -> tuple[int, int, int]:
        async with Page(server) as page:
            await page.wait_for("Choose a topic")
            (kiosk,) = server.kiosks()
            before = _status(kiosk, "VmRSS")
            await page.socket.send_json(["resize", {"width": 100000, "height": 100000}])
            await page.press("1")
            await page.wait_for("Read from the start")  # the same kiosk answers the next key
            assert server.kiosks() == [kiosk]
            return kiosk, before, _status(kiosk, "VmRSS")

    kiosk, before, after = asyncio.run(scenario())
    print(f"kiosk {kiosk}: VmRSS {before} kB before the hostile resize, {after} kB after")
    assert after < RSS_BOUND_KB, (before, after)


def test_each_pages_kiosk_has_a_memory_ceiling(server):
    async def scenario() -> int:
        async with Page(server) as page:
            await page.wait_for("Choose a topic")
            (kiosk,) = server.kiosks()
            return _data_limit(kiosk)

    limit = asyncio.run(scenario())
    assert 0 < limit <= 512 * 1024 * 1024, limit


def _data_limit(pid: int) -> int:
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max data size"):
            soft = line.split()[3]
            return -1 if soft == "unlimited" else int(soft)
    raise AssertionError("no data size limit line")


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_no_kiosk_outlives_kiosk_serve_even_a_stuck_one(server, how):
    """SIGTERM: kiosk serve ends its pages' kiosks as it stops. SIGKILL: it cannot, so each kiosk
    asked the kernel to end it with its parent. The kiosk is stopped (SIGSTOP) first, as a kiosk
    too busy to obey a polite request would be."""

    async def scenario() -> int:
        async with Page(server) as page:
            await page.wait_for("Choose a topic")
            (kiosk,) = server.kiosks()
            os.kill(kiosk, signal.SIGSTOP)
            os.kill(server.process.pid, how)
            await asyncio.to_thread(server.process.wait, 30)
            return kiosk

    kiosk = asyncio.run(scenario())
    _wait(lambda: not kiosks_of(server.content), f"kiosk {kiosk} to end with kiosk serve ({how.name})")


async def _open_and_drop(server: KioskServer) -> int:
    """A websocket handshake, then the connection dropped at once (as a reloaded page drops it):
    the HTTP status kiosk serve answered (101: a kiosk for this page)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    host = f"127.0.0.1:{server.port}"
    writer.write((f"GET /ws HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\nUpgrade: websocket\r\n"
                  "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").encode())
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    writer.transport.abort()
    return status


def test_forty_quick_reconnects_all_get_a_kiosk(server):
    """A page reloaded again and again (or forty people in a row): every websocket gets a kiosk,
    because a closed page's place is free at once; and the kiosks of closed pages do not pile up."""

    async def scenario() -> tuple[list[int], int]:
        statuses, most = [], 0
        for _ in range(40):
            statuses.append(await _open_and_drop(server))
            most = max(most, len(server.kiosks()))
        async with Page(server) as page:  # and the one after them gets a working kiosk
            await page.wait_for("Choose a topic")
        return statuses, most

    statuses, most = asyncio.run(scenario())
    print(f"40 reconnects: {statuses.count(101)} got a kiosk; at most {most} kiosk processes at once")
    assert statuses == [101] * 40, statuses
    assert most <= 16
