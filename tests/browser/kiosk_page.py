"""Drive `kiosk serve` in a real headless Chromium through Selenium.

xterm.js draws on a canvas, so the screen's words are not in the page's DOM: the kiosk's page
exposes the terminal as ``window.kioskTerminal`` and :meth:`KioskPage.lines` reads its buffer.
Keys go to xterm's one ``textarea`` (its input); touches are real touch pointer events
(W3C actions, pointer type "touch") at a cell's centre.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

#: The flags of the brief: headless, no sandbox (root in CI), nothing phoning home.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
]
#: A 1280x800 touch screen (a common 10-15 inch panel and all-in-one size).
WIDTH, HEIGHT = 1280, 800

READ_LINES = """
const t = window.kioskTerminal;
if (!t || !document.body.classList.contains('-first-byte')) { return null; }
const buffer = t.buffer.active;
const out = [];
for (let y = 0; y < t.rows; y++) {
  const line = buffer.getLine(buffer.viewportY + y);
  out.push(line ? line.translateToString(true) : '');
}
return out;
"""


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def find_browser() -> tuple[str | None, str | None]:
    """Debian's chromium and chromium-driver (``apt-get install chromium chromium-driver``)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return chromium, driver


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class KioskServer:
    """``kiosk serve`` in a child process, on a free loopback port."""

    def __init__(self, content: Path, workdir: Path, *args: str, host: str | None = None) -> None:
        self.content = content
        self.port = free_port()
        self.url = f"http://{host or '127.0.0.1'}:{self.port}/"
        if host is not None:
            args = ("--host", host, *args)
        env = dict(os.environ, XDG_DATA_HOME=str(workdir / "data"))
        env.pop("STATE_DIRECTORY", None)
        env.pop("NOTIFY_SOCKET", None)
        self.stderr = (workdir / "serve.stderr").open("w+b")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "serve", "--content", str(content), "--port", str(self.port), *args],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.stderr, env=env,
            start_new_session=True,
        )
        self.log = workdir / "data" / "clinic-kiosk" / "kiosk.log"
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(self.url, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stderr.seek(0)
                raise RuntimeError(f"kiosk serve did not start: {self.stderr.read().decode(errors='replace')}")
            time.sleep(0.1)

    def kiosks(self) -> list[int]:
        """Process ids of the ``kiosk run`` children (one per browser session)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                cmdline = (stat.parent / "cmdline").read_bytes().split(b"\0")
            except (OSError, IndexError):
                continue
            if int(fields[1]) in self._tree() and b"kiosk.web.session" in cmdline:
                found.append(int(stat.parent.name))
        return sorted(found)

    def _tree(self) -> set[int]:
        """The server and the shells textual-serve starts its kiosks through."""
        pids = {self.process.pid}
        for _ in range(3):
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                if ppid in pids:
                    pids.add(int(stat.parent.name))
        return pids

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.stderr.close()


def make_driver(chromium: str, chromedriver: str, profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={WIDTH},{HEIGHT}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(chromedriver))
    # The viewport itself 1280x800 (a headless window's size includes no browser frame, but be exact).
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})
    return driver


class KioskPage:
    """One browser session on the kiosk: read the screen, press keys, touch cells."""

    def __init__(self, driver, url: str) -> None:
        self.driver = driver
        self.url = url

    def open(self) -> KioskPage:
        self.driver.get(self.url)
        self.wait_for(lambda text: "Choose a topic" in text, "home")
        return self

    # -- reading -------------------------------------------------------------------------------
    def lines(self) -> list[str]:
        return self.driver.execute_script(READ_LINES) or []

    def text(self) -> str:
        return "\n".join(self.lines())

    def wait_for(self, check: Callable[[str], bool], what: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.text()
            if text and check(text):
                return text
            time.sleep(0.1)
        raise AssertionError(f"the kiosk never showed {what}; the screen was:\n{text}")

    def terminal(self) -> dict:
        return self.driver.execute_script("""
            const t = window.kioskTerminal;
            const cell = t._core._renderService.dimensions.css.cell;
            const box = t.element.getBoundingClientRect();
            return {cols: t.cols, rows: t.rows, cellWidth: cell.width, cellHeight: cell.height,
                    left: box.left, top: box.top, fontSize: Number(t.options.fontSize),
                    fontFamily: t.options.fontFamily};
        """)

    def settled(self, quiet: float = 0.5, timeout: float = 10) -> list[str]:
        """The screen once it has not changed for ``quiet`` seconds (a screen may lay itself out
        twice as it fits the rows: a tap aimed at the first layout could miss)."""
        deadline = time.monotonic() + timeout
        lines, since = self.lines(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.1)
            now = self.lines()
            if now != lines:
                lines, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return lines
        return lines

    def find(self, words: str) -> tuple[int, int]:
        """(column, row) of the first cell of ``words`` on the settled screen."""
        for row, line in enumerate(self.settled()):
            column = line.find(words)
            if column >= 0:
                return column, row
        raise AssertionError(f"{words!r} is not on the screen:\n{self.text()}")

    # -- acting --------------------------------------------------------------------------------
    def press(self, keys: str) -> None:
        """Type into xterm's textarea, as a keypad would (one key at a time, past the debounce)."""
        from selenium.webdriver.common.by import By

        area = self.driver.find_element(By.CSS_SELECTOR, "#terminal textarea")
        for key in keys:
            area.send_keys(key)
            time.sleep(0.35)  # debounce_seconds is 0.3 in the shipped kiosk.yaml (K-I3)

    def touch(self, words: str) -> tuple[float, float]:
        """A finger tap in the middle of the cell where ``words`` start (plus one cell in)."""
        from selenium.webdriver.common.actions.action_builder import ActionBuilder
        from selenium.webdriver.common.actions.interaction import POINTER_TOUCH
        from selenium.webdriver.common.actions.pointer_input import PointerInput

        column, row = self.find(words)
        term = self.terminal()
        x = term["left"] + (column + 1.5) * term["cellWidth"]
        y = term["top"] + (row + 0.5) * term["cellHeight"]
        finger = PointerInput(POINTER_TOUCH, "finger")
        actions = ActionBuilder(self.driver, mouse=finger)
        actions.pointer_action.move_to_location(int(x), int(y)).pointer_down().pause(0.05).pointer_up()
        actions.perform()
        return x, y

    def requests(self) -> list[str]:
        """Every URL this page asked for (requests and websockets), from the performance log."""
        urls = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            method, params = message.get("method"), message.get("params", {})
            if method == "Network.requestWillBeSent":
                urls.append(params["request"]["url"])
            elif method == "Network.webSocketCreated":
                urls.append(params["url"])
        return urls


def outside_address() -> str | None:
    """This machine's address on its network (not loopback), if it has one: the source address
    of the route to a TEST-NET address (connecting a UDP socket sends nothing)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("192.0.2.1", 9))
        except OSError:
            return None
        address = sock.getsockname()[0]
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def kiosk_argv(pid: int) -> list[str]:
    return (Path("/proc") / str(pid) / "cmdline").read_bytes().decode().split("\0")


def host_of(url: str) -> str | None:
    return urlsplit(url).hostname


def kiosks_of(content: Path) -> list[int]:
    """Every live ``kiosk.web.session`` on ``content``, whoever its parent is now (an orphan too)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            argv = cmdline.read_bytes().split(b"\0")
            state = (cmdline.parent / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if b"kiosk.web.session" in argv and str(content).encode() in argv and state != "Z":
            found.append(int(cmdline.parent.name))
    return found
