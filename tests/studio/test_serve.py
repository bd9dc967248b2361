"""``kiosk studio --serve`` as a process: loopback by default, the PIN required before it starts,
and no session for another site's page (which could otherwise spend the staff PIN's tries)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import urllib.request

import aiohttp
import pytest

from kiosk.visit.staff import hash_pin, set_pin_in_file
from tests.browser.kiosk_page import free_port


def test_serving_without_a_staff_pin_is_refused_in_one_line(live):
    done = subprocess.run([sys.executable, "-m", "kiosk", "studio", "--serve", "--content", str(live)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip() == "No staff PIN is set: set one with `kiosk set-pin` before serving the studio."


@pytest.fixture
def served(live, tmp_path):
    set_pin_in_file(live / "kiosk.yaml", hash_pin("73915428", n=2**8))
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "studio", "--serve", "--content", str(live), "--work", str(tmp_path / "work"),
         "--port", str(port)], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        text=True, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("kiosk studio --serve did not start")
            time.sleep(0.1)
    yield url, process
    try:
        os.killpg(process.pid, signal.SIGTERM)  # the server and any studio it started for a page
    except ProcessLookupError:
        pass
    process.wait(timeout=20)


def test_it_listens_on_this_machine_only_and_says_so(served):
    url, process = served
    os.killpg(process.pid, signal.SIGTERM)
    out, _ = process.communicate(timeout=20)
    assert "for this machine only" in out and "staff PIN needed" in out


def test_another_sites_page_gets_no_session(served):
    url, _ = served

    async def handshake(origin: str) -> int:
        async with aiohttp.ClientSession() as session:
            try:
                async with session.ws_connect(url + "ws", headers={"Origin": origin}) as ws:
                    await ws.close()
                    return 101
            except aiohttp.WSServerHandshakeError as error:
                return error.status

    assert asyncio.run(handshake("http://evil.example.org")) == 403
    assert asyncio.run(handshake(url.rstrip("/"))) == 101
