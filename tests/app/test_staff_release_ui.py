"""Staff mode names the release on show and the last one refused, with its file:line errors.

A refused update used to leave staff mode saying "No content warnings." while the reason sat in
the update service's journal. The record (:mod:`kiosk.content.release_record`) is written by
the update script through ``kiosk validate --record`` and by the running kiosk itself; staff
mode's "4 Content warnings" shows both.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil

import pytest

from kiosk.content import release_record
from kiosk.content.loader import load_library
from kiosk.content.model import Problem
from tests.app.screen_text import screen_text
from tests.app.test_staff_ui import WIDE, open_staff, reload_now, with_pin
from tests.app.waits import settle
from tests.conftest import CONTENT, tuned


@pytest.fixture
def deployed(tmp_path, monkeypatch):
    """A deployed kiosk's layout: content is a link to a release folder; state in its own folder."""
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path / "state"))
    release = tmp_path / "releases" / "git-0a1b2c3d4e5f"
    shutil.copytree(CONTENT, release, ignore=shutil.ignore_patterns("var"))
    link = tmp_path / "content"
    os.symlink(release, link)
    result = load_library(link)
    assert result.library is not None
    return link, with_pin(tuned(result.library, debounce_seconds=0))


async def wait_for(pilot, condition) -> None:
    for _ in range(200):
        if condition():
            return
        await settle(pilot)
    raise AssertionError("condition not met")


async def test_staff_see_the_live_release_and_the_refused_one_with_its_errors(make_app, deployed):
    link, library = deployed
    # what deploy/update-content.sh leaves when kiosk validate --record refuses a push
    at = dt.datetime(2026, 12, 4, 20, 45, tzinfo=dt.UTC)
    release_record.record_refused(link, "git-badbadbadbad", [
        Problem(file="topics/muscle-spasms.yaml", line=12, field="pages.0.heading", message="is missing")], now=at)
    app = make_app(library)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: release_record.read(link).live is not None)
        await open_staff(pilot)
        await pilot.press("4")
        await settle(pilot)
        text = screen_text(app)
        assert re.search(r"Live release: git-0a1b2c3d4e5f, since \d{4}-\d\d-\d\d \d\d:\d\d", text), text
        local = at.astimezone().strftime("%Y-%m-%d %H:%M")
        assert f"Last refused release: git-badbadbadbad, at {local}, 1 error(s)" in text, text
        assert "topics/muscle-spasms.yaml:12: pages.0.heading: is missing" in text, text


async def test_a_reload_the_kiosk_refuses_is_kept_and_shown(make_app, deployed):
    link, library = deployed
    app = make_app(library)
    async with app.run_test(size=WIDE) as pilot:
        await open_staff(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert "Last refused release" not in screen_text(app)
        settings = link / "kiosk.yaml"
        settings.write_text(settings.read_text(encoding="utf-8") + "bogus_key: 1\n", encoding="utf-8")
        await reload_now(pilot)
        await wait_for(pilot, lambda: release_record.read(link).refused is not None)
        refused = release_record.read(link).refused
        assert refused is not None and refused.name == "git-0a1b2c3d4e5f"
        assert any(e.startswith("kiosk.yaml:") and "bogus_key" in e for e in refused.errors), refused.errors
        await pilot.press("4")
        await settle(pilot)
        text = screen_text(app)
        assert "Last refused release: git-0a1b2c3d4e5f" in text, text
        assert re.search(r"kiosk\.yaml:\d+: bogus_key", text), text


async def test_with_no_record_staff_are_told_so(make_app, deployed):
    link, library = deployed
    app = make_app(library, watch_content=False)
    async with app.run_test(size=WIDE) as pilot:
        await open_staff(pilot)
        await pilot.press("4")
        await settle(pilot)
        text = screen_text(app)
        assert "No release refused." in text, text
