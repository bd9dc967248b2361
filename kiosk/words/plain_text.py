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


# ------------------------------------------------------------- characters a terminal obeys

#: Characters content may never hold: C0 controls except tab and newline (ESC starts the
#: terminal sequences that clear the screen, move the cursor, retitle the window or leave the
#: alternate screen), DEL, the C1 controls (U+0080-U+009F; U+009B is a one-byte CSI), the line
#: and paragraph separators, and the bidi embeddings, overrides and isolates that make text
#: show in another order than it is written (U+202A-U+202E, U+2066-U+2069).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

_NAMES = {
    0x00: "null",
    0x07: "bell",
    0x08: "backspace",
    0x09: "tab",
    0x0A: "newline",
    0x0B: "vertical tab",
    0x0C: "form feed",
    0x0D: "carriage return",
    0x1B: "escape",
    0x7F: "delete",
    0x85: "next line",
    0x9B: "control sequence introducer",
    0x2028: "line separator",
    0x2029: "paragraph separator",
    0x202A: "left-to-right embedding",
    0x202B: "right-to-left embedding",
    0x202C: "pop directional formatting",
    0x202D: "left-to-right override",
    0x202E: "right-to-left override",
    0x2066: "left-to-right isolate",
    0x2067: "right-to-left isolate",
    0x2068: "first strong isolate",
    0x2069: "pop directional isolate",
}


def describe_character(char: str) -> str:
    """``U+001B (escape)``: how a problem names a character staff cannot see."""
    code = ord(char)
    name = _NAMES.get(code) or ("a control character" if CONTROL_CHARACTERS.match(char) else "an invisible character")
    return f"U+{code:04X} ({name})"


def strip_controls(text: str) -> str:
    """``text`` safe to hand to the terminal: every character of :data:`CONTROL_CHARACTERS`
    removed and each tab made one space; newlines stay.

    The loader already refuses content with such characters; the UI calls this at draw time
    as a second wall, on everything it draws from content, settings or a file name.
    """
    return CONTROL_CHARACTERS.sub("", text).replace("\t", " ")


def escape_controls(text: str) -> str:
    """``text`` with every control character (tab and newline included) written as ``\\x1b``
    or ``\\u202e``: for messages that quote what staff wrote, so a problem report never
    drives the terminal it is printed on."""

    def shown(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return re.sub("[\t\n\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", shown, text)


# ------------------------------------------------------------- Markdown the kiosk does not draw

#: What a page body may not hold, with how a problem names it. The page draws paragraphs,
#: ``- ``/``* ``/``1.`` lists and ``**bold**`` (see :mod:`kiosk.words.page_layout`); everything
#: else would reach the screen as raw symbols while speech drops it.
_UNDRAWN = (
    (re.compile(r"^[ \t]*#{1,6}(?:[ \t]|$)", re.MULTILINE), "a Markdown heading ('# ...')"),
    (re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)"), "a Markdown link ('[words](address)')"),
    (re.compile(r"`"), "a backtick (`)"),
    (re.compile(r"(?<![\w*\\])\*(?=[^\s*])[^*\n]*?(?<=[^\s*])\*(?![\w*])"), "*italic* marks"),
    (re.compile(r"(?<![A-Za-z0-9])_{1,2}(?=[^\s_])[^_\n]*?(?<=[^\s_])_{1,2}(?![A-Za-z0-9])"), "_underscore_ emphasis"),
)


def undrawn_markdown(text: str) -> tuple[int, str] | None:
    """``(index, what)`` of the first Markdown in ``text`` that the kiosk would show as raw
    symbols, or None. ``**bold**`` is drawn, so it is left alone."""
    if not any(mark in text for mark in "#[`*_"):
        return None
    without_bold = _BOLD_RUN.sub(lambda m: " " * len(m.group()), text) if "**" in text else text  # same indexes
    found = [(m.start(), what) for pattern, what in _UNDRAWN if (m := pattern.search(without_bold))]
    return min(found) if found else None


_BOLD_RUN = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
