"""The field reference: every field of a topic and of kiosk.yaml has words a nurse can act on,
shown by an editor's hover help (content/schema/*.json) and in docs/TOPIC-FIELDS.md, and the
committed page is the one the models make today."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.content import field_docs
from kiosk.content.schema import Topic
from kiosk.content.settings_schema import KioskSettings

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / field_docs.FIELD_DOCS

#: Words that belong to developers, not to the nurse reading hover help: requirement codes,
#: Python markup and module paths.
DEVELOPER_WORDS = re.compile(r"\bK-[A-Z]+\d|``|:(meth|mod|class|func):|\bkiosk\.(content|words|visit|ui)\b")


def every_field():
    return [(name, field) for name in field_docs.SCHEMAS for field in field_docs.fields(field_docs.schema(name))]


def test_every_field_of_both_schemas_has_a_description():
    assert field_docs.missing_descriptions() == []


def test_a_field_without_words_is_found(monkeypatch):
    """The check above can fail: a field with no description is named with its place."""
    from pydantic import BaseModel

    class Bare(BaseModel):
        plain: int = 0

    class Holder(BaseModel):
        inner: list[Bare] = []

    monkeypatch.setitem(field_docs.SCHEMAS, "test", (Holder, "test.yaml"))
    assert field_docs.missing_descriptions() == ["test: inner", "test: inner[].plain"]


@pytest.mark.parametrize(("name", "field"), every_field(), ids=lambda v: v if isinstance(v, str) else v.path)
def test_descriptions_are_in_plain_words(name, field):
    found = DEVELOPER_WORDS.search(field.description)
    assert found is None, f"{name}: {field.path}: '{found and found.group()}' means nothing to a nurse"
    assert field.description[:1].isupper() or field.description[:1] in "'0123456789" or \
        field.description.split()[0] in ("true", "false", "true:"), field.description


def all_descriptions(node, where="#"):
    """Every description in a schema, objects as well as fields: an editor shows either."""
    if isinstance(node, dict):
        if isinstance(node.get("description"), str):
            yield where, node["description"]
        for key, value in node.items():
            yield from all_descriptions(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from all_descriptions(value, f"{where}/{index}")


@pytest.mark.parametrize("name", list(field_docs.SCHEMAS))
def test_no_description_in_the_schemas_holds_developer_words(name):
    found = [f"{where}: {DEVELOPER_WORDS.search(text).group()}"  # type: ignore[union-attr]
             for where, text in all_descriptions(field_docs.schema(name)) if DEVELOPER_WORDS.search(text)]
    assert found == []


def test_the_reference_names_every_field_of_the_models_at_every_depth():
    paths = {name: {field.path for field in field_docs.fields(field_docs.schema(name))} for name in field_docs.SCHEMAS}
    assert set(Topic.model_fields) <= paths["topic"]
    assert set(KioskSettings.model_fields) <= paths["kiosk"]
    assert {"pages[].heading", "more[].pages[].body", "flow.questions[].choices[].exclusive",
            "review.status", "sources[].reviewed_on"} <= paths["topic"]
    assert {"emergency.translations.<language>.banner", "speech.default_rate_step",
            "staff.entry_keys"} <= paths["kiosk"]


def test_the_committed_field_reference_is_the_one_the_models_make():
    assert PAGE.exists(), "run `make field-docs` to write docs/TOPIC-FIELDS.md"
    assert PAGE.read_text(encoding="utf-8") == field_docs.markdown(), \
        "docs/TOPIC-FIELDS.md is stale: run `make field-docs` (and `make schema`) and commit both"


def test_the_page_command_writes_what_the_test_compares(tmp_path):
    """`make field-docs` runs this module; it writes the page to the path it is given."""
    out = tmp_path / "FIELDS.md"
    done = subprocess.run([sys.executable, "-m", "kiosk.content.field_docs", str(out)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == field_docs.markdown()
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^field-docs:.*\n\t\$\(PY\) -m kiosk\.content\.field_docs docs/TOPIC-FIELDS\.md$", makefile, re.M)


def test_hover_help_carries_the_same_words_as_the_page():
    """An editor shows a field's description from the shipped schema; the page shows the same."""
    shipped = (ROOT / "content" / "schema" / "topic.schema.json").read_text(encoding="utf-8")
    body = next(f for n, f in every_field() if n == "topic" and f.path == "pages[].body")
    assert body.description and body.description in shipped.replace("\\n", " ")
    assert body.description in PAGE.read_text(encoding="utf-8")


def test_the_readme_and_the_content_docs_link_the_reference():
    for doc in ("README.md", "docs/DEPLOYMENT.md", "docs/TRANSLATING.md"):
        assert "TOPIC-FIELDS.md" in (ROOT / doc).read_text(encoding="utf-8"), f"{doc} does not link the field reference"
