"""The content's two forms: pydantic schemas that check files, plain frozen twins the kiosk runs
on (kiosk/content/frozen.py). A field added to one and not the other must fail here."""

from __future__ import annotations

import datetime as dt
import inspect
import json
import pickle
import shutil
import subprocess
import sys
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from kiosk.content import model, schema, settings, settings_schema
from kiosk.content.frozen import Frozen
from kiosk.content.loader import load_library

CONTENT = Path(__file__).resolve().parents[2] / "content"
PAIRS = [(model, schema), (settings, settings_schema)]


def _classes(module, base):
    return {name: cls for name, cls in vars(module).items()
            if inspect.isclass(cls) and issubclass(cls, base) and cls.__module__ == module.__name__}


def test_every_schema_model_has_a_plain_twin_with_the_same_fields_in_order():
    compared = 0
    for plain_module, schema_module in PAIRS:
        schemas = {name: cls for name, cls in _classes(schema_module, BaseModel).items() if name != "Strict"}
        plains = _classes(plain_module, Frozen)
        assert set(schemas) == set(plains), plain_module.__name__
        for name, cls in schemas.items():
            assert plains[name].__field_names__ == tuple(cls.model_fields), name
            compared += 1
    assert compared == 19  # 10 topic models, 9 settings groups


def test_the_loaded_library_is_plain_all_the_way_down():
    library = load_library(CONTENT).library
    assert library is not None
    seen: set[str] = set()

    def walk(value):
        if isinstance(value, BaseModel):
            raise AssertionError(f"a pydantic object in the library: {type(value).__name__}")
        if isinstance(value, Frozen):
            seen.add(type(value).__name__)
            for _, field in value:
                walk(field)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    walk([library.settings, *library.topics])
    assert {"Topic", "Page", "Flow", "Question", "Choice", "KioskSettings", "EmergencySettings"} <= seen


def test_building_a_plain_object_checks_it_as_the_schema_does():
    page = model.Page(heading="  Rest  ", body="Sit down.")
    assert page.heading == "Rest"  # stripped, as the schema strips
    with pytest.raises(ValidationError):
        model.Page(heading="", body="Sit down.")
    with pytest.raises(ValidationError):
        model.Page(heading="Rest", body="Sit down.", colour="red")  # unknown keys are refused
    assert settings.KioskSettings().emergency.number == "911"  # defaults come from the schema
    review = model.Review(status="draft", by="Nurse", on="2026-01-02")
    assert review.on == dt.date(2026, 1, 2) and review.is_draft


def test_a_plain_object_is_frozen_equal_by_value_and_copied_unchecked():
    page = model.Page(heading="Rest", body="Sit down.")
    with pytest.raises(FrozenInstanceError):
        page.heading = "Other"  # type: ignore[misc]
    assert page == model.Page(heading="Rest", body="Sit down.")
    assert page != model.Page(heading="Rest", body="Lie down.")
    changed = page.model_copy(update={"heading": "Stop"})
    assert (changed.heading, changed.body, page.heading) == ("Stop", "Sit down.", "Rest")
    assert dict(page) == {"heading": "Rest", "body": "Sit down."}
    with pytest.raises(AttributeError):
        page.model_copy(update={"colour": "red"})


def test_plain_objects_nest_in_a_new_one_and_survive_pickling():
    page = model.Page(heading="Rest", body="Sit down.")
    section = model.MoreSection(title="More about rest", pages=[page])
    assert section.pages == [page] and isinstance(section.pages[0], model.Page)
    library = load_library(CONTENT).library
    assert library is not None
    again = pickle.loads(pickle.dumps(library.topics, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == library.topics
    assert pickle.loads(pickle.dumps(library.settings)) == library.settings


def test_model_dump_is_the_schemas():
    topic = load_library(CONTENT).library.topics[0]
    dumped = topic.model_dump(mode="json", exclude_defaults=True)
    assert dumped["id"] == topic.id and "enabled" not in dumped
    assert schema.Topic.model_validate(dumped).model_dump() == schema.Topic.model_validate(
        topic.model_dump()).model_dump()


START_ON_CACHE = """
import json, sys
from kiosk.content.content_path import load_for_start
library = load_for_start(sys.argv[1], stream=sys.stderr, dev=True)
print(json.dumps({"topics": len(library.topics), "modules": sorted(sys.modules)}))
"""


def test_a_start_on_cached_content_imports_no_pydantic(tmp_path, monkeypatch):
    from kiosk.content import library_cache
    from kiosk.content.content_path import load_content

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    key = library_cache.content_key(content)
    assert key is not None
    assert library_cache.store(content, key, load_content(content), dev=True) is None
    # The child inherits XDG_DATA_HOME from this process (monkeypatch), so it finds the same cache.
    run = subprocess.run([sys.executable, "-c", START_ON_CACHE, str(content)], capture_output=True, text=True,
                         check=True)
    out = json.loads(run.stdout)
    assert out["topics"] == 2
    assert [m for m in out["modules"] if m.split(".")[0] in ("pydantic", "pydantic_core", "yaml")] == []
    assert "kiosk.content.schema" not in out["modules"]
