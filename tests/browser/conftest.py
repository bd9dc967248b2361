"""Fixtures for the browser tests: one ``kiosk serve`` and one headless Chromium per module.

Skipped, saying why, when Chromium, chromedriver or Selenium is missing outside CI; in CI
(``CI=true``) a missing one is a failure, as for the tmux tests.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from tests.browser.kiosk_page import KioskPage, KioskServer, find_browser, in_ci, kiosks_of, make_driver
from tests.conftest import CONTENT


def _missing(what: str) -> None:
    message = f"{what} (apt-get install chromium chromium-driver; selenium is in the test dependency group)"
    if in_ci():
        pytest.fail(f"the browser tests must run in CI: {message}")
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser_binaries() -> tuple[str, str]:
    chromium, driver = find_browser()
    if chromium is None or driver is None:
        _missing("Chromium and chromedriver are not installed")
    try:
        import selenium  # noqa: F401
    except ImportError:
        _missing("Selenium is not installed")
    return chromium, driver  # type: ignore[return-value]


@pytest.fixture(scope="module")
def served(tmp_path_factory, browser_binaries) -> Iterator[KioskServer]:
    """``kiosk serve`` (locked) on a copy of the shipped content, on a free loopback port."""
    workdir = tmp_path_factory.mktemp("serve")
    content = workdir / "content"
    shutil.copytree(CONTENT, content)
    server = KioskServer(content, workdir)
    yield server
    server.stop()  # while a page is still open: its kiosk must end with the server, not live on
    assert not _kiosks_on(content), "kiosk processes outlived kiosk serve"


def _kiosks_on(content, wait: float = 5.0) -> list[int]:
    """Pids of any `kiosk.web.session` on ``content`` still alive after ``wait`` seconds."""
    import time

    deadline = time.monotonic() + wait
    while True:
        alive = kiosks_of(content)
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


@pytest.fixture(scope="module")
def driver(tmp_path_factory, browser_binaries):
    chromium, chromedriver = browser_binaries
    driver = make_driver(chromium, chromedriver, tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()


@pytest.fixture
def page(driver, served) -> KioskPage:
    """A fresh page on home (a fresh page load is a fresh kiosk); the performance log emptied first."""
    driver.get("about:blank")
    driver.get_log("performance")
    return KioskPage(driver, served.url).open()
