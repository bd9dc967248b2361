"""Lay a page body out in lines of a given width and split it into screenfuls.

The kiosk's text size comes from the terminal font, so a page must fit 40x12 as well as
200x60 without scrolling (K-V1, K-V4). This module owns that arithmetic and nothing else:
Markdown blocks in, wrapped lines out, grouped so no paragraph is cut in the middle when it
can be avoided. No Textual import: the page widget draws what this returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Rich draws every frame; its cell widths are what the terminal shows (emoji and CJK take two).
from rich.cells import cell_len

#: Body text is never wider than this, however wide the screen (K-V4: under about 60).
MAX_MEASURE = 60

_BULLET = re.compile(r"^\s*[-*+]\s+")
_NUMBERED = re.compile(r"^\s*(\d+)[.)]\s+")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass(frozen=True)
class Line:
    """One screen line: its text (with ``**bold**`` marks kept) and whether it starts a block."""

    text: str
    indent: int = 0
    marker: str = ""


def blocks(markdown: str) -> list[tuple[str, str]]:
    """Split a body into ``(marker, text)`` blocks: paragraphs have no marker, list items have one."""
    out: list[tuple[str, str]] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            out.append(("", " ".join(para)))
            para.clear()

    for raw in markdown.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        if (m := _BULLET.match(line)) or (m := _NUMBERED.match(line)):
            flush()
            marker = "•" if _BULLET.match(line) else f"{m.group(1)}."
            out.append((marker, line[m.end():].strip()))
        elif out and out[-1][0] and not para and raw[:1].isspace():
            marker, text = out[-1]  # an indented continuation of a list item
            out[-1] = (marker, f"{text} {line}")
        else:
            para.append(line)
    flush()
    return out


def _visible_len(text: str) -> int:
    """Terminal cells the text takes, bold marks left out (cells, not characters: an emoji takes two)."""
    return cell_len(text.replace("**", ""))


def _chunks(word: str, avail: int) -> list[str]:
    """A word longer than the line, cut into pieces of at most ``avail`` cells."""
    pieces, piece = [], ""
    for char in word:
        if piece and cell_len(piece + char) > avail:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece] if piece else pieces


def wrap_block(marker: str, text: str, width: int) -> list[Line]:
    """Wrap one block; list items hang their continuation lines under the first word."""
    indent = len(marker) + 1 if marker else 0
    avail = max(8, width - indent)
    # wrap on the visible text, then give the bold marks back word by word
    words = text.split()
    lines: list[list[str]] = [[]]
    length = 0
    for word in words:
        w = _visible_len(word)
        if lines[-1] and length + 1 + w > avail:
            lines.append([])
            length = 0
        if w > avail and not lines[-1]:
            for chunk in _chunks(word, avail) or [word]:
                lines[-1].append(chunk)
                lines.append([])
            lines.pop()
            length = _visible_len(lines[-1][-1])
            continue
        length += (1 if lines[-1] else 0) + w
        lines[-1].append(word)
    result = []
    for i, parts in enumerate(lines):
        result.append(Line(" ".join(parts), indent=indent if i else 0, marker=marker if i == 0 else ""))
    return _rebalance_bold(result)


def _rebalance_bold(lines: list[Line]) -> list[Line]:
    """Close a bold run at a line end and reopen it on the next line, so each line renders alone."""
    out, carry = [], False
    for line in lines:
        text = ("**" if carry else "") + line.text
        carry = text.count("**") % 2 == 1
        if carry:
            text += "**"
        out.append(Line(text, line.indent, line.marker))
    return out


def measure(width: int) -> int:
    """The line length used for body text on a screen ``width`` cells wide."""
    return max(10, min(MAX_MEASURE, width))


def layout(markdown: str, width: int) -> list[list[Line]]:
    """Every block of ``markdown`` wrapped to ``measure(width)``; one list of lines per block."""
    col = measure(width)
    return [wrap_block(marker, text, col) for marker, text in blocks(markdown)]


def screenfuls(markdown: str, width: int, height: int) -> list[list[Line]]:
    """Group the wrapped lines into parts of at most ``height`` lines.

    A paragraph, or a whole list, stays on one part where it fits, with a blank line between
    them; a list too long for one part is split between its items, and only a single block
    taller than a whole part is split between lines. Always returns at least one (possibly
    empty) part.
    """
    height = max(1, height)
    groups: list[list[list[Line]]] = []  # each group: the blocks of one paragraph or one list
    previous_item = False
    for block in layout(markdown, width):
        is_item = bool(block[0].marker)
        if is_item and previous_item:
            groups[-1].append(block)  # items of one list travel together
        else:
            groups.append([block])
        previous_item = is_item
    parts: list[list[Line]] = [[]]

    def place(lines: list[Line], gap: bool) -> None:
        current = parts[-1]
        if current and len(current) + gap + len(lines) > height:
            parts.append([])
            current = parts[-1]
        if current and gap:
            current.append(Line(""))
        for line in lines:
            if len(current) >= height:
                parts.append([])
                current = parts[-1]
            current.append(line)

    for group in groups:
        whole = [line for block in group for line in block]
        if len(whole) <= height:
            place(whole, gap=True)
            continue
        for index, block in enumerate(group):  # too long for one part: break between items
            place(block, gap=index == 0)
    return parts


def to_markup(line: Line) -> str:
    """Rich console markup for a line: bold runs become ``[b]``, square brackets are escaped."""
    text = line.text.replace("[", r"\[")
    text = _BOLD.sub(r"[b]\1[/b]", text)
    prefix = f"{line.marker} " if line.marker else " " * line.indent
    return prefix + text
