"""strip_controls and escape_controls: no content character ever drives the terminal."""

from __future__ import annotations

import pytest

from kiosk.words.plain_text import (
    CONTROL_CHARACTERS,
    describe_character,
    escape_controls,
    strip_controls,
    undrawn_markdown,
)

EVERY_CONTROL = (
    [chr(c) for c in range(0x20) if chr(c) not in "\t\n"]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + ["\u2028", "\u2029"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)


@pytest.mark.parametrize("char", EVERY_CONTROL, ids=lambda c: f"U+{ord(c):04X}")
def test_every_control_and_bidi_character_is_found_and_stripped(char):
    assert CONTROL_CHARACTERS.search(f"a{char}b")
    assert strip_controls(f"a{char}b") == "ab"


def test_the_attack_from_the_issue_comes_out_as_plain_words():
    title = "Muscle \x1b[2J\x1b[H\x1b[31mcramps\x1b]0;pwned\x07"
    assert strip_controls(title) == "Muscle [2J[H[31mcramps]0;pwned"
    assert not CONTROL_CHARACTERS.search(strip_controls(title))


def test_text_a_page_needs_is_kept():
    text = "Línea uno – «sí» 中文 العربية 🙂\n- Sip water.\n\nDone."
    assert strip_controls(text) == text
    assert strip_controls("a\tb") == "a b"  # a tab is layout, drawn as one space


def test_escape_controls_shows_what_was_written():
    assert escape_controls("x\x1b[2Jy\u202ez\tw\n") == "x\\x1b[2Jy\\u202ez\\x09w\\x0a"
    assert describe_character("\x1b") == "U+001B (escape)"
    assert describe_character("\u202e") == "U+202E (right-to-left override)"
    assert describe_character("\x01") == "U+0001 (a control character)"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("# Heading\ntext", (0, "a Markdown heading ('# ...')")),
        ("one\n  ## sub", (4, "a Markdown heading ('# ...')")),
        ("see [this](https://x.org)", (4, "a Markdown link ('[words](address)')")),
        ("a ![photo](x.png)", (2, "a Markdown link ('[words](address)')")),
        ("use `code`", (4, "a backtick (`)")),
        ("an *italic* word", (3, "*italic* marks")),
        ("a **bold** and *it*", (15, "*italic* marks")),
        ("_under_ line", (0, "_underscore_ emphasis")),
        ("__strong__ line", (0, "_underscore_ emphasis")),
    ],
)
def test_markdown_the_page_does_not_draw_is_found(text, found):
    assert undrawn_markdown(text) == found


@pytest.mark.parametrize(
    "text",
    ["a **bold** word", "**In an emergency,** tell the desk", "- item\n* item two\n+ three\n1. first",
     "5 * 3 * 2", "#1 choice", "Call 911 #now", "file_name_here", "Tea & toast (not coffee)", "[not a link]"],
)
def test_what_the_page_draws_is_plain_text(text):
    assert undrawn_markdown(text) is None
