"""Translated topics and Spanish grading in ``kiosk validate``.

The broken cases live with the others under ``tests/fixtures/content/broken/translation-*`` and
``spanish-page-hard`` (run by test_loader and test_cli); here: the valid bilingual folder,
the pure cross-check on cases a fixture would repeat, and what validate prints for Spanish.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content.loader import load_library
from kiosk.content.model import Severity, Topic
from kiosk.content.translation_check import translation_problems
from kiosk.content.yaml_source import parse_yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "content"
VALID_ES = FIXTURES / "valid-es"
TODAY = dt.date(2026, 1, 1)


def topic(name: str) -> Topic:
    return Topic.model_validate(parse_yaml((VALID_ES / "topics" / name).read_text(encoding="utf-8")).data)


ENGLISH, SPANISH = topic("demo.yaml"), topic("demo.es.yaml")


def changed(t: Topic, **edits) -> Topic:
    """``t`` re-validated after ``edits`` on its plain data (nested paths as 'flow.questions.0.kind')."""
    data = t.model_dump(mode="json", exclude_defaults=True)
    for path, value in edits.items():
        *parents, last = path.split(".")
        node = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        if value is None:
            del node[int(last) if last.isdigit() else last]
        else:
            node[int(last) if last.isdigit() else last] = value
    return Topic.model_validate(data)


def problems(translation: Topic) -> list[tuple[tuple, str, Severity]]:
    return list(translation_problems(ENGLISH, translation, "demo.yaml"))


def test_the_bilingual_fixture_loads_clean_and_grades_spanish_with_inflesz():
    """A faithful Spanish translation gives no problem; its grade carries the INFLESZ score."""
    result = load_library(VALID_ES, today=TODAY)
    assert result.problems == []
    library = result.library
    assert [(t.id, t.language) for t in library.topics] == [("demo", "en"), ("demo", "es")]  # the original first
    assert library.topics_in("es")[0].title == "El hipo"
    grades = {g.language: g for g in library.grades}
    assert grades["es"].ease is not None and grades["es"].ease >= library.settings.min_reading_ease_es
    assert grades["es"].ease_band in {"bastante fácil", "muy fácil"}
    assert grades["en"].ease is None and grades["en"].ease_band is None


def test_a_faithful_translation_has_no_problems():
    assert problems(SPANISH) == []


def test_answers_in_another_order_are_only_a_warning():
    """The same answers on other keys still mean the same; staff are told, not refused."""
    swapped = changed(SPANISH, **{"flow.questions.1.choices": list(reversed(
        SPANISH.model_dump(mode="json", exclude_defaults=True)["flow"]["questions"][1]["choices"]))})
    assert problems(swapped) == [(
        ("flow", "questions", 1, "choices"),
        "lists the answers in another order than the original demo.yaml (awake, asleep), so they are on other keys; "
        "keep the order unless the language needs it",
        Severity.WARNING,
    )]


def test_questions_in_another_order_are_an_error():
    """The order decides the next question, so the flow would differ."""
    questions = SPANISH.model_dump(mode="json", exclude_defaults=True)["flow"]["questions"]
    questions[1], questions[2] = questions[2], questions[1]
    questions[0]["choices"][0]["next"] = "what-helps"
    found = problems(changed(SPANISH, **{"flow.questions": questions}))
    assert [(loc, sev) for loc, _, sev in found] == [(("flow", "questions"), Severity.ERROR)]
    assert "another order than the original demo.yaml (how-long, sleep, what-helps, pain)" in found[0][1]


@pytest.mark.parametrize(("edits", "loc", "message"), [
    ({"flow.questions.2.kind": "single"}, ("flow", "questions", 2, "kind"),
     "is 'single', but 'multi' in the original demo.yaml; a translation changes the words, not the flow"),
    ({"flow.questions.0.choices.0.next": None}, ("flow", "questions", 0, "choices", 0, "next"),
     "is not written, but 'what-helps' in the original demo.yaml; a translation changes the words, not the flow"),
    ({"flow.questions.2.choices.2.exclusive": None}, ("flow", "questions", 2, "choices", 2, "exclusive"),
     "is false, but true in the original demo.yaml; a translation changes the words, not the flow"),
    ({"flow.questions.1.choices.0.emergency": True}, ("flow", "questions", 1, "choices", 0, "emergency"),
     "answer 'awake' of question 'sleep' does not open the emergency page in the original demo.yaml; "
     "remove 'emergency: true' or add it there"),
    ({"flow": None}, ("flow",),
     "is missing, but the original demo.yaml has questions; translate them, keeping every id"),
])
def test_the_flow_must_branch_as_the_original(edits, loc, message):
    """Same ids, same jumps, same emergency answers; only the words change."""
    assert problems(changed(SPANISH, **edits)) == [(loc, message, Severity.ERROR)]


def test_questions_the_original_lacks_are_refused_the_other_way_round_too():
    assert list(translation_problems(changed(ENGLISH, flow=None), SPANISH, "demo.yaml")) == [(
        ("flow",), "the original demo.yaml has no questions; remove them or add them there first", Severity.ERROR)]


def test_a_translation_whose_original_does_not_load_is_not_compared(tmp_path, monkeypatch):
    """The broken original's own error comes first, not echoes of it in every translation."""
    shutil.copytree(VALID_ES, tmp_path / "c")
    demo = tmp_path / "c" / "topics" / "demo.yaml"
    demo.write_text(demo.read_text(encoding="utf-8").replace("\ntitle: Hiccups\n", "\n"), encoding="utf-8")
    monkeypatch.chdir(tmp_path / "c")
    assert [str(p) for p in load_library(Path("."), today=TODAY).problems] == [
        "topics/demo.yaml:4: title: is required but missing"]


def test_review_gap_within_the_limit_is_quiet_and_the_limit_is_a_setting(tmp_path, monkeypatch):
    """201 days apart warns at the default 180 (fixture translation-review-gap), not at 365."""
    shutil.copytree(FIXTURES / "broken" / "translation-review-gap", tmp_path / "c")
    settings = tmp_path / "c" / "kiosk.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "max_review_gap_days: 365\n", encoding="utf-8")
    assert load_library(tmp_path / "c", today=TODAY).problems == []


def test_validate_prints_the_spanish_reading_ease(capsys):
    """`kiosk validate` names the Spanish figure and its band, not the English grade."""
    assert main(["validate", str(VALID_ES)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^demo \(es\): reading ease \d+\.\d \(INFLESZ, (muy|bastante) fácil\)$", out, re.M)
    assert re.search(r"^demo \(en\): reading grade -?\d+\.\d \(Flesch-Kincaid\), SMOG \d+\.\d$", out, re.M)


def test_a_listed_language_with_no_topics_is_a_warning(tmp_path):
    """A second language in 'languages' with no topic in it: a patient who chooses it
    on home would find nothing, and validation says so (the content still loads)."""
    import shutil

    from kiosk.content.loader import load_library

    folder = tmp_path / "c"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "content" / "valid-es", folder)
    (folder / "topics" / "demo.es.yaml").unlink()
    result = load_library(folder, grade=False)
    assert result.ok
    assert [p.message.split(":")[0] for p in result.warnings] == ["no topic is in 'es'"]
