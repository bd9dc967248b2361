"""What `kiosk serve` lets a page (or a script posing as one) do: the sizes it may ask for, the
hosts and origins it may come from, how many places it may hold, how long it may sit silent,
and the limits each page's kiosk sets on itself. Fast: the kiosk is a stand-in shell command;
tests/browser/test_serve_hostile.py does the same against real kiosks."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.cli import build_parser
from kiosk.web import admission, host_check, page_frames, serve, session
from tests.conftest import CONTENT

# -- sizes and frames -------------------------------------------------------------------------


@pytest.mark.parametrize(("width", "height", "size"), [
    (100000, 100000, (page_frames.MAX_COLUMNS, page_frames.MAX_ROWS)),
    (60, 20, (60, 20)), (0, -5, (1, 1)), (59.7, 20.2, (59, 20)),
    ("120", "40", (120, 40)), ("9" * 5000, "x", (page_frames.DEFAULT_SIZE[0], page_frames.DEFAULT_SIZE[1])),
    (float("inf"), float("nan"), page_frames.DEFAULT_SIZE), (True, None, page_frames.DEFAULT_SIZE),
    (10**400, [1], (page_frames.MAX_COLUMNS, page_frames.DEFAULT_SIZE[1])),
])
def test_every_size_is_clamped_to_a_screen_a_kiosk_can_draw(width, height, size):
    assert page_frames.clamp_size(width, height) == size


@pytest.mark.parametrize(("raw", "frame"), [
    ('["resize", {"width": 100000, "height": 100000}]', page_frames.Frame("resize", width=400, height=150)),
    ('["stdin", "1"]', page_frames.Frame("stdin", text="1")),
    ('["ping", "1733346000000"]', page_frames.Frame("ping", text="1733346000000")),
    ('["ping", "' + "9" * 1000 + '"]', page_frames.Frame("ping", text="9" * page_frames.MAX_PING_CHARS)),
    ('["focus"]', page_frames.Frame("focus")), ('["blur"]', page_frames.Frame("blur")),
    ('["resize", {"width": 10}]', None), ('["resize", [1, 2]]', None), ('["stdin", 5]', None),
    ('["stdin", ""]', None), ('["quit"]', None), ('{"type": "resize"}', None), ("not json", None),
    ("[]", None), ("[" * 100000 + "]" * 100000, None), ('["deliver_chunk_request", {}]', None),
])
def test_only_the_five_frames_a_page_sends_are_passed_on(raw, frame):
    assert page_frames.read_frame(raw) == frame


# -- hosts and origins ------------------------------------------------------------------------


def test_the_hosts_a_page_may_name():
    assert host_check.allowed_hosts("127.0.0.1", 8088) == {"127.0.0.1:8088", "localhost:8088"}
    assert host_check.allowed_hosts("::1", 8088) == {"[::1]:8088", "localhost:8088"}
    assert host_check.allowed_hosts("192.168.1.20", 80, ["Kiosk.Clinic.lan", "fwd.example:8443"]) == {
        "192.168.1.20:80", "192.168.1.20", "kiosk.clinic.lan:80", "kiosk.clinic.lan", "fwd.example:8443"}
    assert host_check.allowed_hosts("0.0.0.0", 8088) == frozenset()  # a wildcard is no name
    assert host_check.allowed_hosts("0.0.0.0", 8088, ["tablet"]) == {"tablet:8088"}
    allowed = host_check.allowed_hosts("127.0.0.1", 8088)
    assert not host_check.bad_host("LOCALHOST:8088", allowed)
    for host in (None, "", "evil.example:8088", "127.0.0.1", "127.0.0.1:8089", "127.0.0.1:8088.evil.example"):
        assert host_check.bad_host(host, allowed), host


@pytest.mark.parametrize(("origin", "bad"), [
    ("http://127.0.0.1:8088", False), ("https://127.0.0.1:8088", False), (None, True), ("null", True),
    ("http://evil.example:8088", True), ("http://127.0.0.1:8089", True), ("file://127.0.0.1:8088", True),
    ("http://127.0.0.1:8088@evil.example", True),
])
def test_a_websocket_must_come_from_the_page_at_the_host_it_reached(origin, bad):
    assert host_check.bad_origin(origin, "127.0.0.1:8088") is bad


def test_serve_takes_allowed_host_names():
    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--allowed-host", "a.lan",
                                      "--allowed-host", "10.0.0.5"])
    assert args.allowed_hosts == ["a.lan", "10.0.0.5"]
    assert build_parser().parse_args(["serve"]).allowed_hosts == []


# -- places -----------------------------------------------------------------------------------


async def test_places_per_address_overall_and_for_quitting_kiosks():
    places = admission.Admission(max_pages=3, per_address=2, max_quitting=1, is_local=lambda a: a == "127.0.0.1")
    assert await places.admit("10.0.0.1", wait=0) is None
    assert await places.admit("10.0.0.1", wait=0) is None
    assert "from 10.0.0.1" in await places.admit("10.0.0.1", wait=0)  # its address's limit
    assert await places.admit("10.0.0.2", wait=0) is None
    assert "other machines" in await places.admit("10.0.0.3", wait=0)  # the overall limit
    assert await places.admit("127.0.0.1", wait=0) is None  # this machine's screen is not kept out
    # A page closes: its place is free at once, though its kiosk is still quitting...
    await places.close("10.0.0.1", kiosk_quitting=True)
    assert places.why_not("10.0.0.3") and "still quitting" in places.why_not("10.0.0.3")
    # ...and a page that arrives meanwhile waits for that kiosk, rather than being refused.
    waiting = asyncio.create_task(places.admit("10.0.0.3", wait=30))
    await asyncio.sleep(0)
    assert not waiting.done()
    await places.quit()
    assert await waiting is None
    assert places.open == {"10.0.0.1": 1, "10.0.0.2": 1, "10.0.0.3": 1, "127.0.0.1": 1}


def test_refusals_are_logged_without_flooding_the_log(caplog):
    import logging

    refusals = admission.RefusalLog(logging.getLogger("kiosk.test"), every=3600)
    for number in range(50):
        refusals.refused("host", "host %r", f"evil{number}")
    refusals.refused("origin", "origin %r", "x")
    assert [record.getMessage() for record in caplog.records] == [
        "kiosk serve: refused host 'evil0'", "kiosk serve: refused origin 'x'"]
    refusals.every = 0
    refusals.refused("host", "host %r", "again")
    assert caplog.records[-1].getMessage().endswith("(49 more refused like it since the last line)")


# -- the server, with a stand-in kiosk ----------------------------------------------------------

UPGRADE = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
           "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}


async def _serving(monkeypatch, tmp_path, **options):
    """The server's app on a test client; each page's "kiosk" says it is ready, then writes
    whatever kiosk serve sends it to stdin.log (and its environment to env.json)."""
    from aiohttp.test_utils import TestClient, TestServer

    keep_env = f"import json, os; json.dump(dict(os.environ), open(\"{tmp_path}/env.json\", \"w\"))"
    stand_in = f"{sys.executable} -c '{keep_env}'; printf '__GANGLION__\\n'; exec cat > {tmp_path}/stdin.log"
    monkeypatch.setattr(serve, "kiosk_command", lambda content, dev, local: stand_in)
    server = serve.make_server(CONTENT, host="127.0.0.1", port=8088, dev=False, title="t", font_size=40, **options)
    client = TestClient(TestServer(await server._make_app()))
    await client.start_server()
    return server, client


HOST = {"Host": "127.0.0.1:8088", "Origin": "http://127.0.0.1:8088"}


async def _until(check, what: str, timeout: float = 10.0):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not (value := check()):
        if loop.time() > deadline:
            raise AssertionError(f"never: {what}")
        await asyncio.sleep(0.02)
    return value


def _meta(log: Path) -> list[dict]:
    """The meta packets (``M`` + 4-byte length + JSON) kiosk serve wrote to the kiosk's stdin."""
    data, packets = log.read_bytes() if log.exists() else b"", []
    while len(data) >= 5:
        size = int.from_bytes(data[1:5], "big")
        if data[:1] == b"M":
            packets.append(json.loads(data[5:5 + size]))
        data = data[5 + size:]
    return packets


async def test_a_huge_resize_reaches_the_kiosk_clamped(monkeypatch, tmp_path):
    server, client = await _serving(monkeypatch, tmp_path)
    try:
        socket = await client.ws_connect("/ws?width=100000&height=100000", headers=HOST)
        env = await _until(lambda: (tmp_path / "env.json").exists() and (tmp_path / "env.json").stat().st_size
                           and json.loads((tmp_path / "env.json").read_text()), "the kiosk's environment")
        assert (env["COLUMNS"], env["ROWS"]) == ("400", "150")  # the page address's size, clamped
        assert env[session.SERVER_PID] == str(os.getpid())  # so the kiosk can tell it was orphaned
        await socket.send_json(["resize", {"width": 100000, "height": 100000}])
        await socket.send_json(["resize", {"width": "NaN", "height": 1e309}])
        await socket.send_json(["quit"])  # not a frame a page sends: never reaches the kiosk
        await socket.send_json(["resize", {"width": 60, "height": 20}])
        sizes = await _until(lambda: len(meta := _meta(tmp_path / "stdin.log")) >= 3 and meta, "three resizes")
        assert sizes == [{"type": "resize", "width": 400, "height": 150}, {"type": "resize", "width": 80, "height": 24},
                         {"type": "resize", "width": 60, "height": 20}]
        await socket.close()
    finally:
        await client.close()


@pytest.mark.parametrize(("headers", "status"), [
    ({"Host": "evil.example:8088", "Origin": "http://evil.example:8088"}, 403),  # DNS rebinding
    ({"Host": "127.0.0.1:8088"}, 403),  # no Origin: not a page
    ({"Host": "127.0.0.1:8088", "Origin": "http://evil.example"}, 403),  # another site's page
    ({"Host": "kiosk.clinic.lan:8088", "Origin": "http://kiosk.clinic.lan:8088"}, 101),  # --allowed-host
    (HOST, 101),
])
async def test_a_websocket_needs_a_known_host_and_its_own_pages_origin(monkeypatch, tmp_path, headers, status):
    server, client = await _serving(monkeypatch, tmp_path, allowed_hosts=("kiosk.clinic.lan",))
    try:
        response = await client.get("/ws", headers={**UPGRADE, **headers})
        assert response.status == status
        if status == 403:
            text = await response.text()
            assert text.count("\n") == 1 and text.startswith("kiosk serve: "), text
        response.close()
        page = await client.get("/", headers={"Host": headers["Host"]})  # the page itself, likewise
        assert page.status == (403 if "evil" in headers["Host"] else 200)
    finally:
        await client.close()


async def test_a_silent_websocket_is_closed_a_page_that_pings_stays(monkeypatch, tmp_path):
    server, client = await _serving(monkeypatch, tmp_path, idle_timeout=1.0)
    try:
        silent = await client.ws_connect("/ws", headers=HOST)
        page = await client.ws_connect("/ws", headers=HOST)
        loop = asyncio.get_running_loop()
        while not silent.closed:
            await page.send_json(["ping", str(loop.time())])  # what app_index.html sends, more often
            message = await page.receive(timeout=5)
            assert message.json()[0] == "pong"
            try:
                await silent.receive(timeout=0.1)
            except TimeoutError:
                pass
        await _until(lambda: server.sessions == 1, "the silent websocket's place to be free")
        assert not page.closed
        await page.close()
        await _until(lambda: server.sessions == 0, "the page's place to be free")
    finally:
        await client.close()


async def test_a_closed_pages_place_is_free_at_once_and_its_kiosk_is_ended(monkeypatch, tmp_path):
    """The kiosk here ignores SIGTERM (a stuck one): the page's place is free as soon as the page
    closes, and the kiosk gets SIGKILL after the grace."""
    server, client = await _serving(monkeypatch, tmp_path)
    monkeypatch.setattr(admission, "QUIT_GRACE", 0.5)
    monkeypatch.setattr(serve, "kiosk_command", lambda content, dev, local:
                        "trap '' TERM; printf '__GANGLION__\\n'; while :; do sleep 0.1; done")
    try:
        socket = await client.ws_connect("/ws", headers=HOST)
        (service,) = await _until(lambda: set(server.running), "a kiosk")
        await socket.close()
        await _until(lambda: server.sessions == 0, "the place free")
        assert service._process.returncode is None  # still quitting...
        assert server.admission.quitting == 1
        await _until(lambda: service._process.returncode is not None, "the stuck kiosk killed")
        assert service._process.returncode == -signal.SIGKILL
        await _until(lambda: server.admission.quitting == 0 and not server.running, "it counted out")
    finally:
        await client.close()


async def test_a_fourth_page_from_one_address_is_refused_and_a_closed_pages_place_is_free_at_once(
        monkeypatch, tmp_path):
    server, client = await _serving(monkeypatch, tmp_path)
    monkeypatch.setattr(admission, "ADMIT_WAIT", 0.2)
    try:
        pages = [await client.ws_connect("/ws", headers=HOST) for _ in range(admission.MAX_PAGES_PER_ADDRESS)]
        response = await client.get("/ws", headers={**UPGRADE, **HOST})
        assert response.status == 503
        text = await response.text()
        assert text.count("\n") == 1 and text.startswith("kiosk serve: "), text
        response.close()
        await pages[0].close()
        await _until(lambda: server.sessions == admission.MAX_PAGES_PER_ADDRESS - 1, "the closed page's place free")
        monkeypatch.setattr(admission, "ADMIT_WAIT", 0)  # no waiting: the place is there already
        pages.append(await client.ws_connect("/ws", headers=HOST))
        for page in pages[1:]:
            await page.close()
    finally:
        await client.close()


def test_serve_refuses_a_wildcard_host_with_no_name(capsys):
    from kiosk.cli import main

    assert main(["serve", "--content", str(CONTENT), "--host", "0.0.0.0"]) == 2
    assert "--allowed-host NAME" in capsys.readouterr().err


# -- the limits each page's kiosk sets on itself ------------------------------------------------


def test_a_pages_kiosk_lowers_its_memory_ceiling_and_never_raises_it():
    code = ("import resource; from kiosk.web import session; session.limit_memory();"
            "print(resource.getrlimit(resource.RLIMIT_DATA)[0]);"
            "resource.setrlimit(resource.RLIMIT_DATA, (1 << 28, resource.getrlimit(resource.RLIMIT_DATA)[1]));"
            "session.limit_memory(); print(resource.getrlimit(resource.RLIMIT_DATA)[0])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == [str(session.MEMORY_CEILING), str(1 << 28)]


def test_a_pages_kiosk_cannot_allocate_past_its_ceiling():
    code = ("from kiosk.web import session; session.limit_memory(64 << 20)\n"
            "try:\n    b = bytearray(128 << 20)\nexcept MemoryError:\n    print('refused')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "refused"


def test_a_pages_kiosk_ends_when_kiosk_serve_is_killed(tmp_path):
    """A stand-in server starts a stand-in kiosk (which asks for the parent-death signal and then
    ignores SIGTERM and waits), and is killed outright: the kiosk goes with it."""
    pid_file = tmp_path / "kiosk.pid"
    kiosk = ("import os, signal, time, pathlib; from kiosk.web import session;"
             "session.end_with_parent(int(os.environ['PARENT'])); signal.signal(signal.SIGTERM, signal.SIG_IGN);"
             f"pathlib.Path('{pid_file}').write_text(str(os.getpid())); time.sleep(60)")
    server = ("import os, subprocess, sys, time;"
              f"subprocess.Popen([sys.executable, '-c', {kiosk!r}], env=dict(os.environ, PARENT=str(os.getpid())));"
              "time.sleep(60)")
    parent = subprocess.Popen([sys.executable, "-c", server])
    try:
        deadline = time.monotonic() + 20
        while not (pid_file.exists() and pid_file.read_text()):
            assert time.monotonic() < deadline, "the stand-in kiosk never started"
            time.sleep(0.02)
        pid = int(pid_file.read_text())
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 10
    while Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1][:3]:
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            raise AssertionError("the kiosk outlived its killed server")
        time.sleep(0.02)


def test_a_kiosk_whose_server_has_already_gone_ends_at_once():
    code = "from kiosk.web import session; session.end_with_parent(1); print('still here')"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout == ""
