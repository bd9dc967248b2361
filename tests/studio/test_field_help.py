"""The field under the editor's cursor is found from the YAML's indenting and explained in the
topic schema's own words."""

from __future__ import annotations

from kiosk.studio.field_help import descriptions, field_help, field_path_at
from kiosk.studio.skeleton import new_topic_text
from tests.studio.conftest import TODAY

LINES = new_topic_text("leg-cramps", "Leg cramps", group=None, language="en", today=TODAY).splitlines()


def row_of(start: str, after: int = 0) -> int:
    return next(i for i, line in enumerate(LINES) if i >= after and line.strip().startswith(start))


def test_the_same_key_is_told_apart_by_where_it_sits():
    assert field_path_at(LINES, row_of("title:")) == "title"
    assert field_path_at(LINES, row_of("- title:", row_of("sources:"))) == "sources.title"
    assert field_path_at(LINES, row_of("label:")) == "flow.questions.choices.label"
    assert field_path_at(LINES, row_of("on:", row_of("review:"))) == "review.on"


def test_a_line_inside_a_page_body_is_about_the_body():
    assert field_path_at(LINES, row_of("- One idea")) == "pages.body"


def test_every_field_the_skeleton_writes_has_words_for_staff():
    for row, line in enumerate(LINES):
        if line.strip() and not line.lstrip().startswith(("#", "- One", "- Use", "Write")) and ":" in line:
            about = field_help(LINES, row)
            assert about and "not a field" not in about, line
    assert len(descriptions()) > 30


def test_nothing_above_the_first_field():
    assert field_path_at(LINES, 0) is None
