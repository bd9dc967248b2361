"""The README screenshots: ``python -m kiosk.ui.screenshots`` writes them, and the committed ones
in ``docs/screenshots`` show what the kiosk draws today, so the README cannot drift.

Compared as text rows (what a person reads), not as raw SVG, so a Rich or Textual release that
only renames CSS classes does not fail this; ``make screenshots`` brings them up to date.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from kiosk.ui.screenshots import SHOTS

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "screenshots"
BANNER_WORDS = ("Tell the front desk now", "911")

_TEXT = re.compile(r'<text class="[^"]*-r\d+"[^>]*?y="([\d.]+)"[^>]*>(.*?)</text>', re.S)
_TAG = re.compile(r"<[^>]+>")


def svg_rows(svg: str) -> list[str]:
    """The terminal's rows as text (the window title and the SVG's styling left out)."""
    rows: dict[float, str] = defaultdict(str)
    for y, text in _TEXT.findall(svg):
        rows[float(y)] += html.unescape(_TAG.sub("", text))
    return [rows[y].replace("\xa0", " ").rstrip() for y in sorted(rows)]


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("screenshots")
    done = subprocess.run([sys.executable, "-m", "kiosk.ui.screenshots", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return out


def test_module_writes_an_svg_of_every_screen_with_the_banner(written):
    """K-V6 in the README too: every picture shows the emergency words and number."""
    names = sorted(p.stem for p in written.glob("*.svg"))
    assert names == sorted(SHOTS)
    for name in names:
        svg = (written / f"{name}.svg").read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<svg") and svg.rstrip().endswith("</svg>"), name
        text = "\n".join(svg_rows(svg))
        for words in BANNER_WORDS:
            assert words in text, f"{words!r} missing from {name}.svg"


def test_module_draws_the_screens_it_names(written):
    rows = {name: "\n".join(svg_rows((written / f"{name}.svg").read_text(encoding="utf-8"))) for name in SHOTS}
    assert "Choose a topic" in rows["home"]
    assert "Page 1 of" in rows["topic"]
    assert "What to do now" in rows["emergency"]
    assert "Question 1 of" in rows["question"]
    for name, text in rows.items():
        assert len(text.splitlines()) == 24, f"{name}.svg is not 80x24"


def test_committed_screenshots_match_what_the_kiosk_draws(written):
    """docs/screenshots is what ``make screenshots`` writes today; run it after a UI change."""
    committed = sorted(p.name for p in DOCS.glob("*.svg"))
    assert committed == sorted(f"{name}.svg" for name in SHOTS), "run `make screenshots`"
    for name in SHOTS:
        fresh = svg_rows((written / f"{name}.svg").read_text(encoding="utf-8"))
        old = svg_rows((DOCS / f"{name}.svg").read_text(encoding="utf-8"))
        assert old == fresh, f"docs/screenshots/{name}.svg is out of date: run `make screenshots`"
