"""Turn the small Markdown subset staff write in page bodies into plain sentences.

Shared by the readability lint and the speech text, so what is graded and what is spoken
is exactly what is shown. Supports what the content model allows: paragraphs, ``- `` / ``* ``
bullets, ``1.`` lists, ``**bold**``, ``*italic*`` and ``#`` headings.
"""

from __future__ import annotations

import re

_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def strip_markdown(markdown: str) -> str:
    """Plain text with one paragraph or list item per line; each item ends as a sentence."""
    lines: list[str] = []
    for raw in markdown.splitlines():
        line = raw.strip()
        if not line:
            if lines and lines[-1] != "":
                lines.append("")
            continue
        is_item = bool(_BULLET.match(line)) or bool(_HEADING.match(line))
        line = _HEADING.sub("", _BULLET.sub("", line))
        line = _LINK.sub(r"\1", line)
        line = _EMPHASIS.sub(r"\2", line)
        if is_item and line and line[-1] not in ".!?:;":
            line += "."
        lines.append(line)
    return "\n".join(lines).strip()


_CONTROLS = None


def strip_controls(text: str) -> str:
    """Drop every control and bidi-control character but newline and tab (draw-time wall)."""
    import unicodedata

    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cf"))
