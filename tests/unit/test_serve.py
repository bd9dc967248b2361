"""`kiosk serve` without a browser: the command each session runs, the page and the
files the server hands out, the checked change to textual.js. tests/browser drives it for real."""

from __future__ import annotations

import asyncio
import re
import types

import pytest

from kiosk.cli import build_parser
from kiosk.web import serve
from tests.conftest import CONTENT


def test_serve_listens_on_loopback_unless_a_host_is_spelled_out():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.dev) == ("127.0.0.1", 8088, False)
    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "9000", "--dev"])
    assert (args.host, args.port, args.dev) == ("0.0.0.0", 9000, True)


@pytest.mark.parametrize(("address", "loopback"), [
    ("127.0.0.1", True), ("127.0.0.9", True), ("::1", True), ("192.168.1.20", False), ("10.0.0.1", False),
    ("fe80::1%eth0", False), (None, False), ("not an address", False),
])
def test_which_sessions_are_from_this_machine(address, loopback):
    assert serve.is_loopback(address) is loopback


def test_each_session_runs_the_locked_kiosk_and_speech_stays_on_the_serving_machine(tmp_path):
    local = serve.kiosk_command(tmp_path, dev=False, local=True)
    assert "kiosk.web.session" in local and str(tmp_path.resolve()) in local
    assert "--dev" not in local and "--speech" not in local  # the settings decide, as on the console
    remote = serve.kiosk_command(tmp_path, dev=False, local=False)
    assert remote.endswith("--speech none")
    assert "--dev" in serve.kiosk_command(tmp_path, dev=True, local=True)


def test_the_textual_js_change_is_checked_not_guessed():
    source = (serve.textual_serve_dir() / "static" / "js" / "textual.js").read_text(encoding="utf-8")
    patched = serve.patched_textual_js(source)
    assert patched.count("window.KioskTextualSession=w;") == 1
    assert len(patched) == len(source) + len("window.KioskTextualSession=w;")
    with pytest.raises(serve.ServeError, match="1.1.3"):
        serve.patched_textual_js(source.replace("new w(e,{ping:r})", "new Q(e,{ping:r})"))


def test_the_page_fetches_nothing_from_outside_and_shows_no_branding():
    page = (serve.WEB_DIR / "app_index.html").read_text(encoding="utf-8")
    code = re.sub(r"<!--.*?-->", "", page, flags=re.S)
    assert not re.search(r"(https?:)?//[\w.-]+\.\w", code), "a URL to another machine in the page"
    assert "@import" not in code and "@font-face" not in code and "Roboto" not in code
    assert "Session ended" not in code and "Textual Application" not in code and "<svg" not in code
    assert "MIT" in page and (serve.WEB_DIR / "textual-serve-LICENSE.txt").read_text().startswith("MIT License")
    assert "'none'" in serve.content_security_policy("n").split(";")[0]


#: What the page at http://127.0.0.1:8088/ sends (the test client's own port is another one).
PAGE = {"Host": "127.0.0.1:8088", "Origin": "http://127.0.0.1:8088"}


@pytest.fixture
async def client():
    from aiohttp.test_utils import TestClient, TestServer

    server = serve.make_server(CONTENT, host="127.0.0.1", port=8088, dev=False,
                               title="Riverside <b>&</b>", font_size=40)
    test_client = TestClient(TestServer(await server._make_app()))
    await test_client.start_server()
    yield test_client
    await test_client.close()


async def test_the_server_hands_out_the_page_and_two_files_only(client):
    response = await client.get("/", headers=PAGE)
    assert response.status == 200
    text = await response.text()
    assert "<title>Riverside &lt;b&gt;&amp;&lt;/b&gt;</title>" in text  # the clinic's name, escaped
    assert "fontSizeForWindow(40, family)" in text  # display.font_size, the largest the page may use
    policy = response.headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert f'nonce="{nonce}"' in text and "default-src 'none'" in policy and "connect-src 'self'" in policy
    assert response.headers["Cache-Control"] == "no-store"
    js = await client.get("/static/js/textual.js", headers=PAGE)
    assert js.status == 200 and "window.KioskTextualSession=w;" in await js.text()
    assert (await client.get("/static/css/xterm.css", headers=PAGE)).status == 200
    for path in ("/static/fonts/RobotoMono-VariableFont_wght.ttf", "/static/images/background.png",
                 "/static/", "/download/x"):
        assert (await client.get(path, headers=PAGE)).status == 404, path


async def test_another_sites_page_gets_no_session(client):
    response = await client.get("/ws", headers={**PAGE, "Origin": "http://evil.example", "Upgrade": "websocket",
                                                "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
                                                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="})
    assert response.status == 403


def test_in_a_browser_session_the_tty_poll_stands_down(monkeypatch):
    from kiosk.ui.app import KioskApp

    stopped = []
    fake = types.SimpleNamespace(is_web=True, stop_now=lambda code, why: stopped.append(why))
    KioskApp._check_terminal(fake)
    assert stopped == []
    fake.is_web = False  # a console kiosk whose stdin is no terminal (pytest's) still stops
    KioskApp._check_terminal(fake)
    assert stopped == ["terminal lost"]


@pytest.mark.parametrize(("code", "stops"), [(64, True), (0, False), (75, False)])
async def test_staff_quit_stops_the_server_for_maintenance_any_other_end_reconnects(monkeypatch, code, stops):
    """A kiosk that ends closes its page's socket (the page reconnects); staff mode's quit (64)
    stops `kiosk serve` too, with that code, as `kiosk run` stops on the console."""
    from aiohttp.test_utils import TestClient, TestServer

    from kiosk.host import exit_codes

    assert exit_codes.MAINTENANCE == 64  # the code parametrized above, the one the app ends with
    monkeypatch.setattr(serve, "kiosk_command", lambda content, dev, local: f"exit {code}")
    server = serve.make_server(CONTENT, host="127.0.0.1", port=8088, dev=False, title="t", font_size=40)
    stopped = []
    server.stop_for_maintenance = lambda: stopped.append(True)
    client = TestClient(TestServer(await server._make_app()))
    await client.start_server()
    try:
        socket = await client.ws_connect("/ws", headers=PAGE)
        message = await socket.receive(timeout=10)
        assert message.type.name in ("CLOSE", "CLOSED", "CLOSING")
        started = asyncio.get_running_loop().time()
        for _ in range(200):
            if server.sessions == 0:
                break
            await asyncio.sleep(0.1)
        assert server.sessions == 0, asyncio.get_running_loop().time() - started
        assert stopped == ([True] if stops else [])
    finally:
        await client.close()


async def test_a_stopping_server_ends_every_pages_kiosk(monkeypatch):
    """No kiosk outlives `kiosk serve` (outside systemd nothing else would end it)."""
    from aiohttp.test_utils import TestClient, TestServer

    monkeypatch.setattr(serve, "kiosk_command", lambda content, dev, local: "exec sleep 60")
    server = serve.make_server(CONTENT, host="127.0.0.1", port=8088, dev=False, title="t", font_size=40)
    client = TestClient(TestServer(await server._make_app()))
    await client.start_server()
    try:
        await client.ws_connect("/ws", headers=PAGE)
        for _ in range(100):
            if server.running:
                break
            await asyncio.sleep(0.05)
        (service,) = server.running
        process = service._process
        assert process.returncode is None
        await server.end_sessions(None)
        assert process.returncode is not None
    finally:
        await client.close()
