"""load_library on good content and on one broken folder per kind of mistake.

Each folder under ``tests/fixtures/content/broken/`` is a whole small content folder with one
thing wrong, and its ``expected.txt`` holds the exact problem lines, so file, line, field and
wording are all checked. To add a case: copy ``valid/``, break one thing, write expected.txt.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.loader import Library, load_library
from kiosk.model import Severity

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "content"
VALID = FIXTURES / "valid"
BROKEN = sorted(p for p in (FIXTURES / "broken").iterdir() if p.is_dir())
SHIPPED = ROOT / "content"
TODAY = dt.date(2026, 1, 1)  # the review-age case counts its days from here


def test_there_is_a_case_for_every_kind_of_mistake():
    assert len(BROKEN) >= 18
    assert all((case / "expected.txt").is_file() for case in BROKEN)


@pytest.mark.parametrize("case", BROKEN, ids=lambda p: p.name)
def test_broken_content_reports_each_problem_at_its_line(case, monkeypatch):
    monkeypatch.chdir(case)  # problems name files as given: "." + topics/demo.yaml -> topics/demo.yaml
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    result = load_library(Path("."), today=TODAY)
    assert [str(p) for p in result.problems] == expected
    only_warnings = all(": warning: " in line for line in expected)
    assert result.ok is only_warnings
    assert (result.library is None) is not only_warnings


def test_valid_content_loads_without_problems():
    result = load_library(VALID, today=TODAY)
    assert result.problems == []
    library = result.library
    assert isinstance(library, Library)
    assert library.settings.clinic_name == "Test Clinic"
    assert [t.id for t in library.topics] == ["demo"]
    assert (len(library.topics), library.page_count, library.question_count) == (1, 2, 4)
    assert library.summary_line() == "1 topic(s), 2 page(s), 4 question(s), 0 warning(s)"
    assert [(g.topic_id, g.language) for g in library.grades] == [("demo", "en")]
    assert library.grades[0].grade <= library.settings.max_reading_grade
    assert len(library.fingerprint) == 64


def test_fingerprint_changes_with_the_content(tmp_path):
    import shutil

    copy = tmp_path / "content"
    shutil.copytree(VALID, copy)
    before = load_library(copy, today=TODAY).library.fingerprint
    demo = copy / "topics" / "demo.yaml"
    demo.write_text(demo.read_text(encoding="utf-8").replace("Hiccups", "Hiccup", 1), encoding="utf-8")
    assert load_library(copy, today=TODAY).library.fingerprint != before


def test_file_names_are_the_folder_as_given_plus_the_place_in_it(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = load_library(Path("tests/fixtures/content/broken/cycle"), today=TODAY)
    assert str(result.problems[0]).startswith("tests/fixtures/content/broken/cycle/topics/demo.yaml:75: ")


@pytest.mark.parametrize(("make", "message"), [(None, "no such content folder"), ("file", "is not a folder")])
def test_a_missing_content_folder_is_one_problem(tmp_path, make, message):
    target = tmp_path / "content"
    if make:
        target.write_text("not a folder\n")
    result = load_library(target)
    assert [str(p) for p in result.problems] == [f"{target}: (folder): {message}"]
    assert not result.ok


def test_shipped_content_loads_with_no_error():
    if not (SHIPPED / "kiosk.yaml").exists() or not list((SHIPPED / "topics").glob("*.yaml")):
        pytest.skip("the shipped content (content/kiosk.yaml, content/topics/*.yaml) is not written yet")
    result = load_library(SHIPPED)
    assert result.errors == [], "\n".join(map(str, result.errors))
    assert result.ok
    assert all(p.severity is Severity.WARNING for p in result.problems)


# --------------------------------------------------------------- no mistake makes it crash

DEMO_LINES = (VALID / "topics" / "demo.yaml").read_text(encoding="utf-8").splitlines(keepends=True)


@st.composite
def damaged_demo(draw) -> str:
    """The valid topic with a few lines dropped, repeated, re-indented or cut short."""
    lines = list(DEMO_LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "repeat", "indent", "dedent", "cut"]))
        if action == "drop":
            del lines[i]
        elif action == "repeat":
            lines.insert(i, lines[i])
        elif action == "indent":
            lines[i] = "  " + lines[i]
        elif action == "dedent":
            lines[i] = lines[i][2:] if lines[i].startswith("  ") else lines[i]
        else:
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))] + "\n"
        if not lines:
            break
    return "".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=damaged_demo())
def test_damaged_topics_give_problems_with_real_lines_never_a_crash(tmp_path, text):
    (tmp_path / "topics").mkdir(exist_ok=True)
    (tmp_path / "kiosk.yaml").write_text((VALID / "kiosk.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "topics" / "demo.yaml").write_text(text, encoding="utf-8")
    result = load_library(tmp_path, today=TODAY)
    line_count = max(1, len(text.splitlines()))
    for problem in result.problems:
        assert problem.file == str(tmp_path / "topics" / "demo.yaml")
        assert problem.line is None or 1 <= problem.line <= line_count, problem
        assert problem.field and problem.message
    assert result.ok is (not result.errors)


def test_hidden_files_are_skipped(tmp_path):
    import shutil

    shutil.copytree(VALID, tmp_path / "c")
    (tmp_path / "c" / "topics" / "._demo.yaml").write_bytes(b"\x00\x05\x16\x07Mac OS X\xff")  # left by macOS on USB sticks
    result = load_library(tmp_path / "c", today=TODAY)
    assert result.ok and result.problems == []


@pytest.mark.parametrize(
    ("file", "old", "new", "problem"),
    [
        ("topics/demo.yaml", "      kind: multi\n", "      kind: several\n",
         "topics/demo.yaml:50: flow.questions[3].kind: must be 'single' or 'multi', not 'several'"),
        ("topics/demo.yaml", "      kind: multi\n", "      kind:\n",
         "topics/demo.yaml:50: flow.questions[3].kind: must be 'single' or 'multi', not empty"),
        ("topics/demo.yaml", "          exclusive: true\n", "          exclusive: maybe\n",
         "topics/demo.yaml:63: flow.questions[3].choices[3].exclusive: must be true or false, not 'maybe'"),
        ("topics/demo.yaml", "reviewed_by: Test Reviewer\n", "reviewed_by:\n",
         "topics/demo.yaml:79: reviewed_by: must not be empty"),
        ("topics/demo.yaml", "    body: |\n      - Sip", "    body:\n      - Sip",
         "topics/demo.yaml:13: pages[2].body: must be text, not a list"),
        ("topics/demo.yaml", "  title: Questions for your visit\n", "  tilte: Questions for your visit\n",
         "topics/demo.yaml:22: flow.title: is required but missing\n"
         "topics/demo.yaml:23: flow.tilte: is not a known field; did you mean 'title'?"),
        ("kiosk.yaml", "  - en\n", "  - English\n",
         "kiosk.yaml:5: languages[1]: must be a language code such as 'en' or 'es', not 'English'"),
        ("kiosk.yaml", '  number: "911"\n', "  number: nine\n",
         "kiosk.yaml:7: emergency.number: must be 2 to 6 digits, not 'nine'"),
        ("kiosk.yaml", "max_review_age_days: 36500\n", "max_review_age_days: 0.5\n",
         "kiosk.yaml:16: max_review_age_days: must be a whole number, not 0.5"),
        ("kiosk.yaml", "max_review_age_days: 36500\n", "max_review_age_days: 36500\nspeech:\n  volume_steps: [0.5, 2, 1]\n",
         "kiosk.yaml:18: speech.volume_steps[2]: 2 is not a volume; use a number above 0 and up to 1"),
    ],
)
def test_messages_say_what_to_write(tmp_path, monkeypatch, file, old, new, problem):
    import shutil

    shutil.copytree(VALID, tmp_path / "c")
    path = tmp_path / "c" / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    monkeypatch.chdir(tmp_path / "c")
    assert [str(p) for p in load_library(Path("."), today=TODAY).problems] == problem.splitlines()
