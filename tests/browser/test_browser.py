"""The kiosk in a real headless Chromium through `kiosk serve`.

One locked `kiosk serve` and one browser for the module; each test loads the page afresh, which
is a fresh kiosk process (a fresh visit). What they prove: the page shows the kiosk in large
type under the clinic's name; keys (digits, `*`, Enter) and finger taps (a choice, the banner,
a page turn) drive it; nothing is requested from anywhere but 127.0.0.1; a kiosk that dies is
wiped from the screen and replaced by a fresh one with no dialog; each page has its own kiosk
process, which ends with the page; a page from another machine gets no speech; another
site's page cannot open a session; and a page nobody touches still pings the server.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

import pytest

from tests.browser.kiosk_page import KioskPage, KioskServer, host_of, kiosk_argv, outside_address
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

#: `KIOSK_SCREENSHOTS=1 pytest -m browser` refreshes the README's picture.
SCREENSHOT = ROOT / "docs" / "screenshots" / "browser-home.png"
#: WCAG 2.5.5 / Apple HIG: 44 CSS px, about 9 mm on a 96 dpi-class screen (K-I: touch).
MIN_TARGET_PX = 44


def flat(text: str) -> str:
    """The screen's words on one line: a long prompt wraps where the page's width says, so
    "(part 1 of 2)" may be split across two rows and is still on the screen."""
    return " ".join(text.split())


def _wait(check, what: str, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"never: {what}")


def test_home_in_large_type_under_the_clinic_name(page: KioskPage, tmp_path):
    text = page.text()
    assert "Riverside Family Clinic" in text and "Choose a topic" in text
    assert "Chest pain or trouble breathing?" in text  # the banner, on every screen
    assert page.driver.title == "Riverside Family Clinic"
    term = page.terminal()
    assert term["fontSize"] == 40  # display.font_size in the shipped kiosk.yaml
    assert "Roboto" not in term["fontFamily"] and term["fontFamily"].endswith("monospace")
    # A one-row choice is a touch target as tall as a terminal row: at least 44 CSS px.
    assert term["cellHeight"] >= MIN_TARGET_PX, term
    assert term["cols"] >= 40 and term["rows"] >= 12, term  # every screen is complete at 40 x 12
    # No textual-serve branding and no "Session ended" dialog anywhere in the page.
    body = page.driver.execute_script("return document.body.innerText")
    assert "Textual" not in body and "Session ended" not in body and "Restart" not in body
    out = SCREENSHOT if os.environ.get("KIOSK_SCREENSHOTS") == "1" else tmp_path / "browser-home.png"
    assert page.driver.save_screenshot(str(out))


def test_the_served_kiosk_is_locked(page: KioskPage, served):
    """ctrl+q (and ctrl+c) quit only the staff preview: the page's kiosk stays, on home."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    (kiosk,) = _wait(lambda: served.kiosks() or None, "one kiosk process for the page")
    area = page.driver.find_element(By.CSS_SELECTOR, "#terminal textarea")
    area.send_keys(Keys.CONTROL, "q")
    area.send_keys(Keys.CONTROL, "c")
    time.sleep(1.5)
    assert served.kiosks() == [kiosk]
    assert page.driver.execute_script("return window.kioskSessions") == {"opened": 1, "closed": 0}
    assert "Choose a topic" in page.text()


def test_keys_from_the_keypad_drive_the_kiosk(page: KioskPage):
    page.press("\n")  # Enter: the highlighted choice, topic 1's first screen
    page.wait_for(lambda t: "Read from the start" in t, "topic 1's first screen after Enter")
    page.press("\n")  # Enter again: read from the start
    page.wait_for(lambda t: "Muscle cramps" in t and "Page 1 of" in t, "topic 1 after Enter")
    page.press("0")  # 0: home ("0 Home" on a topic's pages)
    page.wait_for(lambda t: "Choose a topic" in t, "home after 0")
    page.press("*")  # *: get help now, from anywhere
    page.wait_for(lambda t: "Get help now" in t and "What to do now" in t, "the emergency page after *")
    page.press("0")
    page.wait_for(lambda t: "Choose a topic" in t, "home after 0 on the emergency page")
    for key in ("1", "3", "1"):  # a digit each: the topic, its questions, start them
        page.press(key)
        time.sleep(0.4)  # the debounce (K-I3): a person is never this fast
    page.wait_for(lambda t: "part 1 of 2" in flat(t), "the first question after 1 3 1")
    page.press("8")  # a digit answers: "No, none of these"
    page.wait_for(lambda t: "part 2 of 2" in flat(t), "the second question after 8")


def test_finger_taps_on_a_choice_the_banner_and_a_page_turn(page: KioskPage):
    page.touch("Muscle cramps")
    page.wait_for(lambda t: "Read from the start" in t, "the topic's first screen after a tap on its choice")
    page.touch("Read from the start")
    text = page.wait_for(lambda t: "Page 1 of" in t, "the topic after a tap on its choice")
    first = next(line.strip() for line in text.splitlines() if "Page 1 of" in line)
    page.touch("Next")
    text = page.wait_for(lambda t: first not in t and "Page " in t, "the next page after a tap on Next")
    turned = next(line.strip() for line in text.splitlines() if "Page " in line)
    page.touch("Chest pain")  # the banner, docked at the bottom of every screen
    page.wait_for(lambda t: "What to do now" in t, "the emergency page after a tap on the banner")
    page.touch("Back")
    page.wait_for(lambda t: turned in t, "the same page again after a tap on Back")
    page.touch("Home")
    page.wait_for(lambda t: "Choose a topic" in t, "home after a tap on Home")
    page.touch("Muscle cramps")
    page.wait_for(lambda t: "Questions for your provider" in t, "the topic's first screen")
    page.touch("Questions for your provider")
    page.wait_for(lambda t: "Start the questions" in t, "the questions' intro")
    page.touch("Start the questions")
    # At 17 rows the progress line gives way to the answers; the prompt and the answer show.
    page.wait_for(lambda t: "part 1 of 2" in flat(t) and "No, none of these" in t, "the first question after a tap")
    page.touch("No, none of these")
    page.wait_for(lambda t: "part 2 of 2" in flat(t), "the second question after a tap on an answer")


def test_nothing_is_requested_from_outside_this_machine(page: KioskPage):
    page.press("1")
    page.wait_for(lambda t: "Read from the start" in t, "topic 1's first screen")
    page.press("1")
    page.wait_for(lambda t: "Page 1 of" in t, "topic 1")
    urls = page.requests()
    fetched = [url for url in urls if not url.startswith("data:")]
    assert any(url.startswith("ws://127.0.0.1:") for url in fetched), urls
    outside = [url for url in fetched if host_of(url) != "127.0.0.1"]
    assert not outside, f"requests leaving 127.0.0.1: {outside}"
    paths = {url.split("/", 3)[3].split("?")[0] for url in fetched}
    assert paths == {"", "static/css/xterm.css", "static/js/textual.js", "ws"}, paths
    fonts = page.driver.execute_script("return [...document.fonts].map(f => f.family)")
    assert fonts == [], f"web fonts declared: {fonts}"


def test_a_dead_kiosk_is_wiped_and_a_fresh_one_connects(page: KioskPage, served):
    page.press("1")
    page.wait_for(lambda t: "Read from the start" in t, "topic 1's first screen")
    page.press("1")
    page.wait_for(lambda t: "Page 1 of" in t, "topic 1")
    (kiosk,) = _wait(lambda: served.kiosks() or None, "one kiosk process for the page")
    os.kill(kiosk, signal.SIGKILL)
    # At once: the last person's page is wiped (the buffer emptied, the terminal hidden)...
    wiped = """const t = window.kioskTerminal; const line = t.buffer.active.getLine(0);
               return !document.body.classList.contains('-first-byte') && (!line || !line.translateToString(true));"""
    _wait(lambda: page.driver.execute_script(wiped), "the screen wiped after its kiosk died", timeout=5)
    # ...and a fresh kiosk shows home, a new visit.
    page.wait_for(lambda t: "Choose a topic" in t, "home in a fresh kiosk")
    sessions = page.driver.execute_script("return window.kioskSessions")
    assert sessions == {"opened": 2, "closed": 1}
    assert _wait(lambda: (pids := served.kiosks()) and kiosk not in pids and len(pids) == 1, "one new kiosk")
    body = page.driver.execute_script("return document.body.innerText")
    assert "Session ended" not in body and "Restart" not in body


def test_each_page_has_its_own_kiosk_which_ends_with_the_page(page: KioskPage, served):
    (first,) = _wait(lambda: served.kiosks() or None, "one kiosk process for the page")
    driver = page.driver
    driver.switch_to.new_window("tab")
    try:
        KioskPage(driver, served.url).open()
        pids = _wait(lambda: len(served.kiosks()) == 2 and served.kiosks(), "a second kiosk for a second page")
        assert first in pids
    finally:
        driver.close()
        driver.switch_to.window(driver.window_handles[0])
    _wait(lambda: served.kiosks() == [first], "the second page's kiosk to end with its page")
    driver.get("about:blank")
    _wait(lambda: served.kiosks() == [], "the first page's kiosk to end with its page")


def test_another_sites_page_cannot_open_a_session(served):
    import aiohttp

    async def attempt(origin: str) -> int:
        async with aiohttp.ClientSession() as session:
            try:
                async with session.ws_connect(served.url + "ws", headers={"Origin": origin}) as socket:
                    await socket.close()
                    return 101
            except aiohttp.WSServerHandshakeError as error:
                return error.status

    assert asyncio.run(attempt("http://evil.example")) == 403
    assert asyncio.run(attempt(served.url.rstrip("/"))) == 101


def test_a_page_from_another_machine_gets_no_speech_and_loopback_is_the_default(served, driver, tmp_path):
    """Speech would play beside the server, not at that screen: such a session runs --speech none.
    And the default server cannot be reached on this machine's network address at all."""
    import socket

    address = outside_address()
    if address is None:
        pytest.skip("this machine has no address but loopback to open the page from")
    with socket.socket() as sock, pytest.raises(OSError):
        sock.settimeout(2)
        sock.connect((address, served.port))  # kiosk serve without --host: loopback only
    remote = KioskServer(served.content, tmp_path, host=address)
    try:
        driver.get("about:blank")
        KioskPage(driver, remote.url).open()
        (kiosk,) = _wait(lambda: remote.kiosks() or None, "the kiosk of the page from the network address")
        argv = kiosk_argv(kiosk)
        assert argv[argv.index("--speech") + 1] == "none", argv
        driver.get("about:blank")
        _wait(lambda: remote.kiosks() == [], "the kiosk to end with its page")
    finally:
        remote.stop()
    (local,) = _wait(lambda: (KioskPage(driver, served.url).open() and served.kiosks()) or None, "a local kiosk")
    assert "--speech" not in kiosk_argv(local)  # from 127.0.0.1 the settings decide, as on the console


def test_the_readme_picture_exists():
    assert Path(SCREENSHOT).stat().st_size > 10_000


def test_an_untouched_page_tells_the_server_it_is_still_there(page: KioskPage):
    """kiosk serve closes a websocket that sends nothing for a minute (a socket with no page
    behind it); the page's own ping, every 20 s, keeps a screen nobody touches open."""
    import json

    def pings_sent() -> list[str]:
        frames = []
        for entry in page.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.webSocketFrameSent":
                payload = message["params"]["response"]["payloadData"]
                if payload.startswith('["ping"'):
                    frames.append(payload)
        return frames

    seen: list[str] = []
    _wait(lambda: seen.extend(pings_sent()) or len(seen) >= 2, "two pings from the page (at open and 20 s on)",
          timeout=40)
    assert "Choose a topic" in page.text() and page.driver.execute_script("return window.kioskSessions") == {
        "opened": 1, "closed": 0}
