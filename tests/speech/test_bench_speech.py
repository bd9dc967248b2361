"""The bench's speech rows measure through the screens a patient goes through (a topic's first
screen, then its pages), with the real engine; a short run, one trial."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.speech_engine

ROOT = Path(__file__).resolve().parents[2]


def test_the_speech_rows_measure():
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng (the speech rows' reference) is not installed")
    skip = [a for s in ("startup", "loading", "latency", "reloads", "idle") for a in ("--skip", s)]
    proc = subprocess.run([sys.executable, "-m", "bench", "--topics", "5", "--speech-runs", "1", *skip],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| Speech")]
    assert len(rows) >= 2 and not any("n/a" in r for r in rows), proc.stdout
