"""A short run of the whole bench (one run of each figure) measures every row.

A screen added in front of what the bench drives (as the topic's first screen once was) must
fail here, not print ``n/a`` in a bench nobody reads. The speech rows need the real engine and
are in tests/speech/test_bench_speech.py. Twenty keys reach the second cycle of the
key-to-screen script, the first that turns home's pages (a paging key once changed under it).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHORT = ["--runs", "1", "--samples", "20", "--topics", "30", "--reference-keys", "4", "--reloads", "2",
         "--idle-seconds", "3"]


def test_a_short_bench_measures_every_row(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "bench", *SHORT, "--skip", "speech"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "| n/a" not in proc.stdout, proc.stdout
