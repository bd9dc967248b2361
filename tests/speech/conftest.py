"""Real-engine speech tests: skipped without libespeak-ng locally, failed in CI (CI=true)."""

from __future__ import annotations

import os

import pytest

from kiosk.speech.engine import library_problem


@pytest.fixture(autouse=True)
def _require_speech_engine() -> None:
    problem = library_problem()
    if problem is None:
        return
    if os.environ.get("CI", "").lower() in {"true", "1"}:
        pytest.fail(f"CI must install the speech engine: {problem}")
    pytest.skip(f"speech engine missing: {problem}")
