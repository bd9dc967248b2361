"""The browser page for assistive technology and for small screens.

xterm.js draws on a canvas, which a screen reader cannot read: the page holds a visually hidden
live region (``aria-live="polite"``) with each screen's words exactly as the kiosk's speech
layer builds them, speech on or off. And whatever the window, the page has at least 40 columns
(the kiosk's smallest screen, K-V1), or says plainly that the screen is too small.
"""

from __future__ import annotations

import time

import pytest
import yaml

from tests.browser.kiosk_page import HEIGHT, WIDTH, KioskPage
from tests.conftest import ROOT

#: The bundled topic's name on home, as staff wrote it (read from the file, not copied here).
TOPIC_TITLE = yaml.safe_load((ROOT / "content" / "topics" / "muscle-spasms.yaml").read_text(encoding="utf-8"))["title"]

pytestmark = pytest.mark.browser

LIVE = """
const live = document.getElementById('kiosk-live');
if (!live) { return null; }
const box = live.getBoundingClientRect();
return {text: live.textContent, polite: live.getAttribute('aria-live'), width: box.width, height: box.height};
"""


def live_region(page: KioskPage, check, what: str, timeout: float = 15) -> dict:
    deadline = time.monotonic() + timeout
    found = None
    while time.monotonic() < deadline:
        found = page.driver.execute_script(LIVE)
        if found and check(found["text"]):
            return found
        time.sleep(0.1)
    raise AssertionError(f"the live region never held {what}: {found}")


def test_a_screen_reader_reads_each_screen_as_the_kiosk_says_it(page: KioskPage):
    """Home's words, with the keys as they are said ("Press 1."), then the topic's first screen
    in place of them: a polite live region that takes no room on the screen."""
    home = live_region(page, lambda text: "Choose a topic." in text and "Press 1." in text, "home's words")
    assert home["polite"] == "polite" and home["width"] <= 1 and home["height"] <= 1
    assert f"{TOPIC_TITLE}. Press 1." in home["text"]
    page.press("1")
    page.wait_for(lambda text: "Read from the start" in text, "the topic's first screen")
    topic = live_region(page, lambda text: "Read from the start" in text, "the topic's first screen")
    assert "Choose a topic." not in topic["text"]  # replaced, not piled on


def set_viewport(page: KioskPage, width: int, height: int, mobile: bool) -> None:
    page.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})


@pytest.mark.parametrize(("width", "height", "mobile"), [(768, 1024, False), (390, 844, True), (360, 640, True)],
                         ids=["tablet-768", "phone-390", "phone-360"])
def test_a_tablet_or_phone_gets_at_least_40_columns_K_V1(driver, served, width, height, mobile):
    """A 768 px tablet had 32 columns and a phone 16: the font size now comes from the window."""
    driver.get("about:blank")
    page = KioskPage(driver, served.url)
    set_viewport(page, width, height, mobile)
    try:
        page.open()
        page.settled()
        term = page.terminal()
        assert term["cols"] >= 40 and term["rows"] >= 12, term
        assert TOPIC_TITLE in page.text()
        assert not driver.execute_script("return document.body.classList.contains('-too-small')")
    finally:
        set_viewport(page, WIDTH, HEIGHT, False)


def test_a_window_too_small_for_40_columns_says_so(driver, served):
    driver.get("about:blank")
    page = KioskPage(driver, served.url)
    set_viewport(page, 200, 300, True)
    try:
        driver.get(served.url)
        deadline = time.monotonic() + 15
        shown = ""
        while time.monotonic() < deadline and not shown:
            shown = driver.execute_script(
                "const p = document.getElementById('too-small');"
                "return p && getComputedStyle(p).display !== 'none' ? p.textContent : '';")
            time.sleep(0.1)
        assert "too small" in shown
    finally:
        set_viewport(page, WIDTH, HEIGHT, False)
