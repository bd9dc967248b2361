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

from kiosk.content.loader import Library, load_library
from kiosk.content.model import Severity

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
    # left by macOS on USB sticks
    (tmp_path / "c" / "topics" / "._demo.yaml").write_bytes(b"\x00\x05\x16\x07Mac OS X\xff")
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
        ("topics/demo.yaml", "  by: Test Reviewer\n", "  by:\n",
         "topics/demo.yaml:81: review.by: must not be empty"),
        ("topics/demo.yaml", "  status: reviewed\n", "  status: done\n",
         "topics/demo.yaml:80: review.status: must be 'draft' or 'reviewed', not 'done'"),
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
        ("kiosk.yaml", "max_review_age_days: 36500\n",
         "max_review_age_days: 36500\nspeech:\n  volume_steps: [0.5, 2, 1]\n",
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


MORE = (
    "more:\n"
    "  - title: More about hiccups\n"
    "    pages:\n"
    "      - heading: Long hiccups\n"
    "        body: |\n"
    "          Hiccups that last for days are rare.\n"
    "red_flags:\n"
)


def test_more_about_sections_load_after_the_core(tmp_path, monkeypatch):
    content = _copy_valid(tmp_path)
    path = content / "topics" / "demo.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("red_flags:\n", MORE, 1), encoding="utf-8")
    result = load_library(content, today=TODAY)
    assert result.problems == []
    topic = result.library.topics[0]
    assert [s.title for s in topic.more] == ["More about hiccups"]
    assert len(topic.pages) == 2  # the core is only ``pages``
    assert result.library.page_count == 3


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("  - title: More about hiccups\n", "  - title:\n", "topics/demo.yaml:18: more[1].title: must not be empty"),
        ("    pages:\n      - heading: Long hiccups\n        body: |\n          Hiccups that last for days are rare.\n",
         "    pages: []\n", "topics/demo.yaml:19: more[1].pages: must not be empty"),
        ("          Hiccups that last for days are rare.\n", "          Hiccups are *rare*.\n",
         "topics/demo.yaml:22: more[1].pages[1].body: has *italic* marks, which the kiosk would show as raw "
         "symbols; write plain text: paragraphs, '- ' lists and **bold** are all a page draws"),
    ],
)
def test_more_about_sections_are_checked_like_pages(tmp_path, monkeypatch, old, new, problem):
    content = _copy_valid(tmp_path)
    path = content / "topics" / "demo.yaml"
    text = path.read_text(encoding="utf-8").replace("red_flags:\n", MORE, 1)
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    monkeypatch.chdir(content)
    assert [str(p) for p in load_library(Path("."), today=TODAY).problems] == [problem]


# ------------------------------------------------------------------ limits a real topic never reaches


def _copy_valid(tmp_path):
    import shutil

    shutil.copytree(VALID, tmp_path / "c")
    return tmp_path / "c"


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path, monkeypatch):
    import time

    from kiosk.content.loader import MAX_FILE_BYTES

    folder = _copy_valid(tmp_path)
    demo = folder / "topics" / "demo.yaml"
    page = "  - heading: More\n    body: |\n" + "      Sip cold water slowly and hold your breath.\n" * 6
    text = demo.read_text(encoding="utf-8").replace("red_flags:\n", page * 20_000 + "red_flags:\n")
    demo.write_text(text, encoding="utf-8")
    assert len(text) > 5 * MAX_FILE_BYTES
    monkeypatch.chdir(folder)
    started = time.perf_counter()
    result = load_library(Path("."), today=TODAY)
    assert time.perf_counter() - started < 2
    assert [str(p) for p in result.problems] == [
        f"topics/demo.yaml: (file): is {len(text) / 1024 / 1024:.1f} MB, more than the 1 MB a content file may be "
        "(a long topic is about 25 KB); split it, or remove what is not content"
    ]


def test_the_settings_file_has_the_same_size_limit(tmp_path, monkeypatch):
    folder = _copy_valid(tmp_path)
    with (folder / "kiosk.yaml").open("a", encoding="utf-8") as out:
        out.write("# " + "x" * 2_000_000 + "\n")
    monkeypatch.chdir(folder)
    [problem] = load_library(Path("."), today=TODAY).problems
    assert str(problem).startswith("kiosk.yaml: (file): is 1.9 MB, more than the 1 MB")


def test_too_many_topic_files_are_refused_before_any_is_read(tmp_path, monkeypatch):
    from kiosk.content.loader import MAX_TOPIC_FILES

    folder = _copy_valid(tmp_path)
    for i in range(MAX_TOPIC_FILES):
        (folder / "topics" / f"t{i:04}.yaml").write_text("not: read\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    assert [str(p) for p in load_library(Path("."), today=TODAY).problems] == [
        "topics: (folder): has 2001 topic files, more than the 2000 the kiosk reads; "
        "move the ones not in use out of the folder"
    ]


def test_a_thousand_answers_to_one_question_are_refused_by_the_keypad_rule(tmp_path, monkeypatch):
    folder = _copy_valid(tmp_path)
    demo = folder / "topics" / "demo.yaml"
    many = "".join(f"        - id: c{i}\n          label: Answer {i}\n          summary: answer {i}\n"
                   for i in range(1000))
    no_pain = "        - id: no-pain\n"
    demo.write_text(demo.read_text(encoding="utf-8").replace(no_pain, many + no_pain), encoding="utf-8")
    monkeypatch.chdir(folder)
    problems = [str(p) for p in load_library(Path("."), today=TODAY).problems]
    assert problems == [
        "topics/demo.yaml:67: flow.questions[4].choices: 1002 answers (counting Not sure, Skip and the Done of a "
        "multi-choice question), but the keypad has only 9 digits for answers; split the question in two"
    ]


def test_the_limits_leave_room_for_the_bundled_topic():
    from kiosk.content import model

    result = load_library(SHIPPED, grade=False)
    topic = result.library.topics[0]
    assert len(topic.pages) * 4 <= model.MAX_PAGES
    # the reviewed topic has an 817-character page
    assert max(len(p.body) for p in topic.pages) * 4 <= model.MAX_BODY_CHARS
    assert len(topic.red_flags) * 2 <= model.MAX_RED_FLAGS
    assert len(topic.flow.questions) * 3 <= model.MAX_QUESTIONS  # the reviewed topic asks 18


# ------------------------------------------------------------- what is in topics/ besides files


def test_links_inside_the_content_folder_are_read_and_links_out_are_not(tmp_path, monkeypatch):
    import os

    folder = _copy_valid(tmp_path)
    (folder / "common").mkdir()
    (folder / "topics" / "demo.yaml").rename(folder / "common" / "demo.yaml")
    (folder / "topics" / "demo.yaml").symlink_to("../common/demo.yaml")
    (folder / "topics" / "gone.yaml").symlink_to("../common/gone.yaml")
    (tmp_path / "outside.yaml").write_text("clinic_name: Elsewhere\n", encoding="utf-8")
    (folder / "kiosk.yaml").rename(tmp_path / "settings.yaml")
    (folder / "kiosk.yaml").symlink_to(tmp_path / "settings.yaml")
    os.mkfifo(folder / "topics" / "pipe.yaml")  # reading it would block for ever
    monkeypatch.chdir(folder)
    assert [str(p) for p in load_library(Path("."), today=TODAY).problems] == [
        "kiosk.yaml: (file): is a link to a file outside the content folder, which the kiosk does not read; "
        "copy the file into the folder instead",
        "topics/gone.yaml: (file): is a link to a file that does not exist; replace it with the file itself",
        "topics/pipe.yaml: (file): is not a plain file (a device or a pipe); replace it with the topic file itself",
    ]


def test_a_content_folder_reached_through_a_link_reads_normally(tmp_path):
    folder = _copy_valid(tmp_path)
    (tmp_path / "current").symlink_to(folder)
    result = load_library(tmp_path / "current", today=TODAY)
    assert result.ok and result.problems == []


@pytest.mark.parametrize(
    ("keys", "problem"),
    [
        ("0-0-0", None),
        ("0000", None),
        ("-0-0-0", None),
        ("1-2-3-4", "'1-2-3-4' can never open staff mode: on the home screen 1 and 2 and 3 and 4 choose a topic or "
                    "Finish, so use only 0 and - (like '0-0-0')"),
        ("0-0-9", "'0-0-9' can never open staff mode: on the home screen 9 chooses a topic or Finish, "
                  "so use only 0 and - (like '0-0-0')"),
        ("0-a-0", "must be 4 to 12 keypad keys: 0 and - only, not '0-a-0'"),
    ],
)
def test_staff_entry_keys_must_be_keys_home_leaves_alone(tmp_path, monkeypatch, keys, problem):
    folder = _copy_valid(tmp_path)
    with (folder / "kiosk.yaml").open("a", encoding="utf-8") as out:
        out.write(f'staff:\n  entry_keys: "{keys}"\n')
    monkeypatch.chdir(folder)
    expected = [] if problem is None else [f"kiosk.yaml:18: staff.entry_keys: {problem}"]
    assert [str(p) for p in load_library(Path("."), today=TODAY).problems] == expected


@pytest.mark.parametrize(
    ("file", "old", "new", "problem"),
    [
        ("kiosk.yaml", "  steps:\n", "  steps:\n" + "    - Wave for help.\n" * 9,
         "kiosk.yaml:9: emergency.steps: has 11 steps, more than the 10 allowed; the emergency page must stay short"),
        ("topics/demo.yaml", "sources:\n",
         "glossary:\n" + "  - term: hiccup\n    meaning: a jump\n" * 201 + "sources:\n",
         "topics/demo.yaml:75: glossary: has 201 entries, more than the 200 allowed; "
         "keep the words patients meet in this topic"),
        ("topics/demo.yaml", "      allow_skip: true\n",
         "      allow_skip: true\n      help: " + "Why " * 300 + "\n",
         "topics/demo.yaml:53: flow.questions[3].help: is 1,199 characters long, more than the 1,000 allowed; "
         "make it shorter"),
    ],
)
def test_other_lists_and_texts_have_limits_too(tmp_path, monkeypatch, file, old, new, problem):
    folder = _copy_valid(tmp_path)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    monkeypatch.chdir(folder)
    assert [str(p) for p in load_library(Path("."), today=TODAY).problems] == [problem]


def test_a_topics_folder_linked_from_outside_is_refused_once(tmp_path, monkeypatch):
    folder = _copy_valid(tmp_path)
    (folder / "topics").rename(tmp_path / "elsewhere")
    (folder / "topics").symlink_to(tmp_path / "elsewhere")
    monkeypatch.chdir(folder)
    assert [str(p) for p in load_library(Path("."), today=TODAY).problems] == [
        "topics: (folder): is a link to a folder outside the content folder, which the kiosk does not read; "
        "put the topic files in the content folder itself"
    ]


def test_a_patient_of_any_language_is_shown_every_topic_once_in_their_language_where_written():
    """An untranslated topic is shown in the language it has, not hidden (home marks it)."""
    case = FIXTURES / "broken" / "topic-missing-a-language"
    library = load_library(case, today=TODAY).library
    assert library is not None
    spanish = library.shown_in("es")
    assert [(t.id, t.language) for t in spanish] == [("demo", "es"), ("hiccups-at-night", "en")]
    assert [(t.id, t.language) for t in library.shown_in("en")] == [("demo", "en"), ("hiccups-at-night", "en")]
    assert library.topic_for("hiccups-at-night", "es").language == "en"
    assert library.topics_in("es") == [library.topic("demo", "es")]  # the files in Spanish, as before
