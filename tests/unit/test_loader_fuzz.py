"""Fuzz the content loader with damaged copies of a valid content folder.

Mutations of three kinds, on the topic and sometimes on kiosk.yaml: bytes (flipped, cut,
inserted, repeated), YAML structure (lines dropped, re-indented, aliases, tags, flow
collections, deep nesting, documents) and unicode (any code point, control and bidi
characters raw or as YAML escapes). Whatever comes in, ``load_library`` either loads or gives
problems that name a file and, below file level, a real line; it never raises, never takes
more than TIME_LIMIT seconds or MEMORY_LIMIT bytes for one folder, and what it loads holds
no character the terminal would obey.

Bounded for the normal test run (``-m fuzz`` selects it alone): EXAMPLES examples per kind,
a few seconds in all on a busy 2-core machine.
"""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content.frozen import Frozen
from kiosk.content.loader import load_library
from kiosk.words.plain_text import CONTROL_CHARACTERS

pytestmark = pytest.mark.fuzz

VALID = Path(__file__).resolve().parents[1] / "fixtures" / "content" / "valid"
DEMO = (VALID / "topics" / "demo.yaml").read_bytes()
SETTINGS = (VALID / "kiosk.yaml").read_bytes()
EXAMPLES = int(os.environ.get("KIOSK_FUZZ_EXAMPLES", "100"))  # raise it for a longer hunt
TIME_LIMIT = 3.0  # seconds for one folder; a good one loads in about 0.01 s
MEMORY_LIMIT = 64 * 1024 * 1024  # bytes allocated at the peak of one load (tracemalloc)
FILE_LEVEL = {"(file)", "(folder)"}

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # timed below, with the loader's own time only
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# ---------------------------------------------------------------------------- mutations


@st.composite
def byte_damage(draw, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete", "repeat"]))
        if action == "flip":
            data[i] = draw(st.integers(0, 255))
        elif action == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del data[i : i + draw(st.integers(1, 40))]
        else:
            data[i:i] = data[i : i + draw(st.integers(1, 200))] * draw(st.integers(1, 20))
    return bytes(data)


#: YAML a careless or hostile editor could write into a value or between lines.
YAML_PIECES = [
    "&a x",
    "*a",
    "&a [1, 2]",
    "<<: *a",
    "!!binary G1sySg==",
    "!!python/object:os.system ls",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!!timestamp 2025-01-01",
    "!!float .nan",
    "!!int 99999999999999999999999999",
    "!!str 1",
    "? [a, b]\n  : c",
    "{a: [b, {c: d}]}",
    "[" * 60 + "]" * 60,
    "- - - - - - - - - - - - - - - - - - - - - - -",
    "---",
    "...",
    "%YAML 1.1",
    '"\\e[2J\\e]0;pwned\\a"',
    '"\\x9b31m"',
    '"\\u202eevil"',
    '"\\N\\L\\P"',
    "'it''s'",
    "|",
    ">-",
    "|+2",
    "~",
    "null",
    "",
    "\t",
    "#",
    "-",
    ":",
    "0o17",
    "1e400",
    "2025-02-30",
    "x" * 5000,
    "lol:\n  - &l0 lol\n" + "".join(f"  - &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 10)),
]


@st.composite
def structure_damage(draw, original: bytes) -> bytes:
    lines = original.decode("utf-8").splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 5))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "repeat", "indent", "dedent", "cut", "value", "line"]))
        if action == "drop":
            del lines[i]
        elif action == "repeat":
            lines[i:i] = [lines[i]] * draw(st.integers(1, 50))
        elif action == "indent":
            lines[i] = " " * draw(st.integers(1, 6)) + lines[i]
        elif action == "dedent":
            lines[i] = lines[i].lstrip(" ")
        elif action == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))] + "\n"
        elif action == "value" and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            lines[i] = f"{key}: {draw(st.sampled_from(YAML_PIECES))}\n"
        else:
            lines.insert(i, draw(st.sampled_from(YAML_PIECES)) + "\n")
    return "".join(lines).encode("utf-8", "surrogatepass")


@st.composite
def unicode_damage(draw, original: bytes) -> bytes:
    text = original.decode("utf-8")
    nasty = st.sampled_from(
        [
            "\x1b",
            "\x9b",
            "\x7f",
            "\x00",
            "\r",
            "\u2028",
            "\u202e",
            "\u2066",
            "\ufeff",
            "\ud800",
            "\U0010ffff",
            "\u0301" * 50,
            "🙂",
            "\x85",
            "\t",
        ]
    )
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(text)))
        piece = draw(st.one_of(nasty, st.text(min_size=1, max_size=10)))
        text = text[:i] + piece + text[i:]
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate makes the file not UTF-8


def damaged(kind):
    """(topic bytes, settings bytes): the settings file is damaged one time in four."""
    return st.tuples(kind(DEMO), st.one_of(st.just(SETTINGS), st.just(SETTINGS), st.just(SETTINGS), kind(SETTINGS)))


# ---------------------------------------------------------------------------- the property


def check(folder: Path, topic: bytes, kiosk: bytes) -> None:
    (folder / "topics").mkdir(parents=True, exist_ok=True)
    (folder / "kiosk.yaml").write_bytes(kiosk)
    (folder / "topics" / "demo.yaml").write_bytes(topic)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = load_library(folder, grade=True)  # validate grades, so the grader is fuzzed too
        took = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert took < TIME_LIMIT, f"{took:.2f} s"
    assert peak < MEMORY_LIMIT, f"{peak / 1e6:.0f} MB"

    lines = {
        str(folder / "kiosk.yaml"): kiosk.count(b"\n") + 1,
        str(folder / "topics" / "demo.yaml"): topic.count(b"\n") + 1,
    }
    for problem in result.problems:
        shown = str(problem)
        assert problem.file in lines or problem.file == str(folder / "topics"), shown
        if problem.field not in FILE_LEVEL:
            assert problem.line is not None, shown
        if problem.line is not None:
            assert 1 <= problem.line <= lines.get(problem.file, 1), shown
        assert problem.message and not CONTROL_CHARACTERS.search(shown) and "\n" not in shown, shown
    assert result.ok is (not result.errors)
    if result.ok:
        texts = list(_texts([*result.library.topics, result.library.settings]))
        assert result.library.settings.clinic_name in texts  # the walk reaches the loaded objects' fields
        for text in texts:
            assert not CONTROL_CHARACTERS.search(text), repr(text)


def _texts(value):
    if isinstance(value, Frozen):
        for _, field in value:
            yield from _texts(field)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)
    elif isinstance(value, str):
        yield value


@FUZZ
@given(files=damaged(byte_damage))
def test_damaged_bytes(tmp_path, files):
    check(tmp_path / "c", *files)


@FUZZ
@given(files=damaged(structure_damage))
def test_damaged_yaml_structure(tmp_path, files):
    check(tmp_path / "c", *files)


@FUZZ
@given(files=damaged(unicode_damage))
def test_damaged_unicode(tmp_path, files):
    check(tmp_path / "c", *files)
