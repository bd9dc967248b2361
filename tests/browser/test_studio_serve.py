"""``kiosk studio --serve`` in a real headless Chromium: the staff PIN, the shared lockout, and a
topic made and published through the browser.

textual-serve's own page draws the terminal on a canvas, so these tests read what the studio did
from disk (the lock file, the working copy, the live folder), which is what matters to staff.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kiosk.visit.staff import hash_pin, set_pin_in_file
from kiosk.visit.staff_lock import LOCK_FILE
from tests.browser.kiosk_page import KioskPage, free_port
from tests.conftest import CONTENT

pytestmark = pytest.mark.browser

PIN = "73915428"


class StudioServer:
    def __init__(self, workdir: Path) -> None:
        self.live = workdir / "content"
        shutil.copytree(CONTENT, self.live)
        self.data = workdir / "data"
        settings = self.live / "kiosk.yaml"
        settings.write_text(settings.read_text(encoding="utf-8") + f"data_dir: {self.data}\n", encoding="utf-8")
        set_pin_in_file(settings, hash_pin(PIN, n=2**8))
        self.work = workdir / "work"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "studio", "--serve", "--content", str(self.live), "--work",
             str(self.work), "--port", str(self.port)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=dict(os.environ), start_new_session=True)
        wait_until(lambda: _answers(self.url), "kiosk studio --serve to answer", timeout=20)

    def lock(self) -> dict:
        try:
            return json.loads((self.data / LOCK_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def stop(self) -> None:
        """The server and every studio it started for a page (its own process group)."""
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def wait_until(condition, what: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.fixture
def studio(tmp_path, browser_binaries):
    server = StudioServer(tmp_path)
    yield server
    server.stop()


class StudioPage:
    def __init__(self, driver, url: str) -> None:
        self.driver = driver
        driver.get(url)
        wait_until(lambda: driver.execute_script("return document.body.classList.contains('-first-byte')"),
                   "the studio to draw its first screen")

    def type(self, keys: str, pause: float = 0.05) -> None:
        from selenium.webdriver.common.by import By

        area = self.driver.find_element(By.CSS_SELECTOR, ".textual-terminal textarea")
        for key in keys:
            area.send_keys(key)
            time.sleep(pause)


def test_the_right_pin_opens_the_studio_and_a_topic_made_there_is_published(studio, driver):
    from selenium.webdriver.common.keys import Keys

    driver.get_log("performance")  # what earlier pages asked for is not this page's
    page = StudioPage(driver, studio.url)
    asked = KioskPage(driver, studio.url).requests()
    assert asked and all(url.startswith((studio.url, studio.url.replace("http", "ws", 1))) for url in asked), asked
    page.type(PIN + Keys.ENTER)
    wait_until(lambda: studio.lock().get("wrong") == 0, "the PIN to be checked")
    page.type("n")
    time.sleep(1)  # the form opens; its first box has the focus
    page.type("ear-pain" + Keys.TAB + "Ear pain" + Keys.ENTER)
    wait_until(lambda: (studio.work / "topics" / "ear-pain.yaml").is_file(), "the new topic in the working copy")
    page.type(Keys.ESCAPE)
    time.sleep(1)
    page.type("p")
    wait_until(lambda: (studio.live / "topics" / "ear-pain.yaml").is_file(), "the topic published")


def test_wrong_pins_lock_the_studio_and_the_kiosks_staff_entry(studio, driver):
    from selenium.webdriver.common.keys import Keys

    page = StudioPage(driver, studio.url)
    for tries in range(1, 6):  # max_attempts in the shipped kiosk.yaml
        page.type("11112222" + Keys.ENTER)
        wait_until(lambda tries=tries: studio.lock().get("wrong") == tries, f"wrong PIN {tries} to count")
    assert studio.lock()["locked_until"] > time.time()
    page.type(PIN + Keys.ENTER)  # the right PIN, while locked: refused, nothing opens
    time.sleep(1)
    page.type("n")
    time.sleep(1)
    page.type("ear-pain" + Keys.TAB + "Ear pain" + Keys.ENTER)
    time.sleep(2)
    assert not (studio.work / "topics" / "ear-pain.yaml").exists()
