"""Shared fixtures: the shipped content, and a kiosk app wired with deterministic parts.

Snapshot and Pilot tests need rendering that does not depend on the developer's environment,
so NO_COLOR is removed and the clock is a FakeClock the test moves by hand.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tempfile
from pathlib import Path

import pytest

os.environ.pop("NO_COLOR", None)
# pytest-xdist's workers carry COLUMNS/LINES; a kiosk started by a test (tmux, kiosk serve) would
# then draw for that size instead of its terminal's, and its screen would scroll.
os.environ.pop("COLUMNS", None)
os.environ.pop("LINES", None)
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
# With no data_dir the kiosk keeps its files in the user's data folder: never the tester's own
# (the tmux tests' kiosks inherit this too).
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="kiosk-test-data-")
os.environ.pop("STATE_DIRECTORY", None)

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@pytest.fixture(autouse=True)
def _own_data_folder(monkeypatch, tmp_path_factory):
    """Each test its own default data folder: the staff lockout, topic switches and counts kept
    there by one test's kiosk (machine-wide, as in use) must not meet the next test's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data-home")))


#: Where a fake wall clock starts: the staff lockout keeps wall-clock times, so an app with a fake
#: monotonic clock gets a wall clock that moves with it.
FAKE_WALL_START = 1_800_000_000.0


@pytest.fixture(scope="session")
def shipped_library():
    from kiosk.content.loader import load_library

    result = load_library(CONTENT)
    assert result.ok, "\n".join(map(str, result.problems))
    return result.library


def tuned(library, **settings):
    """The library with some settings changed, e.g. ``debounce_seconds=0``."""
    return dataclasses.replace(library, settings=library.settings.model_copy(update=settings))


@pytest.fixture
def library(shipped_library):
    """Shipped content without debounce, so Pilot can press keys quickly (K-I3 has its own test)."""
    return tuned(shipped_library, debounce_seconds=0)


@pytest.fixture
def clock():
    from kiosk.host.clock import FakeClock

    return FakeClock()


@pytest.fixture
def make_app(library, clock):
    """Build a KioskApp with a RecordingSpeech backend, in-memory usage counts and a fake clock."""
    from kiosk.speech.recording import RecordingSpeech
    from kiosk.ui.app import KioskApp
    from kiosk.visit.usage import UsageLog

    made = []

    def factory(lib=None, **kwargs):
        lib = lib or library
        kwargs.setdefault("speech", RecordingSpeech(lib.settings.speech))
        kwargs.setdefault("usage", UsageLog(None))
        kwargs.setdefault("clock", clock)
        fake = kwargs["clock"]
        kwargs.setdefault("wall_clock", lambda: FAKE_WALL_START + fake())
        app = KioskApp(lib, **kwargs)
        made.append(app)
        return app

    yield factory
    for app in made:
        app.speech.close()


@pytest.fixture(autouse=True)
def restore_loggers():
    """`kiosk run` (and its tests) point the kiosk logger at the journal or a file: put it back, so
    no test depends on the order tests ran in."""
    saved = {name: (logging.getLogger(name).handlers[:], logging.getLogger(name).propagate,
                    logging.getLogger(name).level) for name in ("kiosk", "py.warnings")}
    yield
    for name, (handlers, propagate, level) in saved.items():
        logger = logging.getLogger(name)
        for handler in logger.handlers:
            handler.close()
        logger.handlers[:], logger.propagate, logger.level = handlers, propagate, level
    logging.captureWarnings(False)


@pytest.fixture
def quick_idle_poll(monkeypatch):
    """Pilot waits after every key until the app's process goes idle, polling every 20 ms; in a
    sweep of hundreds of keys that poll, not the kiosk, is most of the time. Poll every 5 ms with
    the same idle test (under 1 ms of CPU between two polls). Only for sweeps that then wait for
    the state they assert (as ``test_library_scale.until``): a process briefly descheduled on a loaded
    machine looks idle, so a check read right after a quick poll could see a half-drawn screen."""
    import textual._wait

    monkeypatch.setattr(textual._wait, "SLEEP_GRANULARITY", 1 / 200)
    monkeypatch.setattr(textual._wait, "SLEEP_IDLE", 1 / 1000)
