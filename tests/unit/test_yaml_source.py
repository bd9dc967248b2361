"""parse_yaml: the line of every key and item, duplicate keys, syntax errors with their line,
and plain words that stay words."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.content.yaml_source import YamlSyntaxError, parse_yaml

NESTED = """\
# a comment line
title: Cramps
pages:
  - heading: One
    body: |
      First line.
      Second line.
  - heading: Two

    body: Text.
flow:
  questions:
    - id: where
      choices:
        - id: calf
        - id: foot
"""


@pytest.mark.parametrize(
    ("path", "line"),
    [
        ((), 2),  # the root is where its first key is, not the comment above it
        (("title",), 2),
        (("pages",), 3),
        (("pages", 0), 4),
        (("pages", 0, "heading"), 4),
        (("pages", 0, "body"), 5),
        (("pages", 1), 8),
        (("pages", 1, "body"), 10),
        (("flow", "questions", 0, "id"), 13),
        (("flow", "questions", 0, "choices", 1), 16),
        (("flow", "questions", 0, "choices", 1, "id"), 16),
        (("flow", "questions", 0, "choices", 1, "label"), 16),  # missing: its parent's line
        (("flow", "questions", 4, "id"), 12),  # no such item: the list's line
    ],
)
def test_line_of_nested_keys_and_items(path, line):
    assert parse_yaml(NESTED).line_of(path) == line


def test_duplicate_keys_are_listed_and_the_first_value_kept():
    doc = parse_yaml("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n")
    assert doc.data == {"a": 1, "b": {"c": 2}}
    assert doc.duplicate_keys == [(("b", "c"), 4), (("a",), 5)]
    assert doc.lines[("b", "c")] == 3


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("title: Cramps: in the legs\n", 1, "put text that has a ':' in quotes"),
        ("a: 1\nb:\n\tc: 2\n", 3, "indent with spaces"),
        ("pages:\n  - heading: x\n   body: y\n", 3, "not indented like the lines around it"),
        ('a: 1\nb: "open\nc: 3\n', 2, "never closed"),  # where the quote opens, not the end of file
        ("a: [1, 2\n\nb: 3\n", 1, "not closed with ']'"),  # where the bracket opens
        ('a: "it" is\n', 1, "put the whole text in double quotes"),
        ("a: @home\n", 1, "put the whole text in quotes"),
        ("  id: a\ntitle: b\n", 2, "not indented like the lines around it"),
        ("a: 1\n---\nb: 2\n", 2, "single document"),
        ("a: &x [*x]\n", 1, "aliases are not allowed in content; write the text out"),
        ("a: &x one\nb:\n  - *x\n", 3, "aliases are not allowed in content; write the text out"),
        ("base: &b {x: 1}\nmore:\n  <<: *b\n", 3, "aliases are not allowed in content"),
        ("[1, 2]: x\n", 1, "a key must be a plain word"),
        ("a: *nowhere\n", 1, "aliases are not allowed in content"),
        ("a:\n" + "".join("  " * i + "- \n" for i in range(1, 30)), 22, "nested too deeply"),
        ("a: " + "[" * 50 + "]" * 50 + "\n", 1, "nested too deeply (more than 20 levels)"),
    ],
)
def test_syntax_errors_name_their_line(text, line, says):
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml(text)
    assert caught.value.line == line
    assert says in caught.value.message


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("label: Yes", "Yes"),  # YAML 1.1 would make these booleans
        ("label: No", "No"),
        ("language: no", "no"),
        ("label: off", "off"),
        ("flag: true", True),
        ("flag: False", False),
        ("time: 1:30", "1:30"),  # not the base-60 number 90
        ("count: 12", 12),
        ("count: 0x1F", 31),
        ("share: 0.5", 0.5),
        ("day: 2025-06-02", dt.date(2025, 6, 2)),
        ("day: 2025-13-02", "2025-13-02"),  # not a date: left as text for the model to refuse
        ("nothing:", None),
        ("7: seven", "seven"),  # keys are always text
    ],
)
def test_scalars(text, value):
    data = parse_yaml(text).data
    assert list(data.values()) == [value]
    assert all(isinstance(key, str) for key in data)


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\ufeff"])
def test_empty_document(text):
    doc = parse_yaml(text)
    assert doc.data is None
    assert doc.line_of(("anything",)) == 1


def test_a_byte_order_mark_is_skipped():
    assert parse_yaml("\ufeffid: demo\n").data == {"id": "demo"}


def test_an_alias_bomb_is_refused_before_anything_is_expanded():
    import time
    import tracemalloc

    lines = ['a0: &a0 "lol lol lol lol lol lol lol lol lol lol"']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(YamlSyntaxError) as caught:
            parse_yaml("\n".join(lines) + "\n")
        took = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert caught.value.line == 2
    assert took < 1 and peak < 5_000_000


@pytest.mark.parametrize(
    ("text", "path", "line", "says"),
    [
        ('title: "Muscle \\e[2J\\e[H\\e]0;pwned\\a"\n', ("title",), 1, "U+001B (escape), and 3 more like it"),
        ("title: Raw \u202e bidi\n", ("title",), 1, "U+202E (right-to-left override)"),
        ("a: 1\nbody: |\n  one\n\n  two \u2066 three\n", ("body",), 5, "U+2066"),  # its own line in a block
        ('list:\n  - "x\\x9by"\n', ("list", 0), 2, "U+009B"),
        ('"ti\\etle": x\n', (), 1, "a field name has the character U+001B (escape)"),
        ("title: !!binary G1sySg==\n", ("title",), 1, "binary data (!!binary) is not allowed"),
        ("a:\n  ti\u200btle: x\n", ("a",), 2, "a field name has the character U+200B (an invisible character)"),
        ("a: 1\nb: \x07\n", ("b",), 2, "U+0007 (bell)"),  # raw: the YAML reader alone would refuse the file, no field
        ("a: 1\nbody: |\n  one\n  t\x9bwo\n", ("body",), 4, "U+009B"),
        ("a: 1\n# bad \x1b here\nb: 2\n", (), 2, "U+001B (escape) outside any text (in a comment?)"),
        ("k\x1by: 1\n", (), 1, "a field name has the character U+001B (escape)"),
        ('title: !!str "\\x07"\n', ("title",), 1, "U+0007 (bell)"),
    ],
)
def test_control_characters_are_noted_with_their_line(text, path, line, says):
    doc = parse_yaml(text)
    [(where, at, message)] = doc.unsafe_text
    assert (where, at) == (path, line)
    assert says in message


def test_tab_and_newline_are_text():
    doc = parse_yaml('body: "one\\ttwo\\nthree"\n')
    assert doc.data == {"body": "one\ttwo\nthree"}
    assert doc.unsafe_text == []


@pytest.mark.parametrize("text", ["body: !!timestamp abc\n", "body: !!bool maybe\n",
                                  "b: !!timestamp 2025-01-01T25:99\n"])
def test_a_bad_explicit_tag_is_plain_text_for_the_model_to_judge_never_an_exception(text):
    """Found by the loader fuzz test: PyYAML's constructors raised AttributeError / KeyError."""
    doc = parse_yaml(text)
    assert isinstance(next(iter(doc.data.values())), str)
