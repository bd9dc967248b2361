"""Read what a kiosk screen really shows, as text lines, from Textual's own screenshot."""

from __future__ import annotations

import html
import re
from collections import defaultdict

_TEXT = re.compile(r'<text[^>]*?y="([\d.]+)"[^>]*>(.*?)</text>', re.S)
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[a-z0-9']+")


def screen_lines(app) -> list[str]:
    """Every row of the terminal as the person sees it (the SVG's window title left out)."""
    svg = app.export_screenshot()
    rows: dict[float, str] = defaultdict(str)
    for y, text in _TEXT.findall(svg):
        rows[float(y)] += html.unescape(_TAG.sub("", text))
    lines = [rows[y].replace("\xa0", " ").rstrip() for y in sorted(rows)]
    return [line for line in lines if line != app.title]  # the exporter's window title


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))
