"""The field reference: the JSON Schemas editors read, and docs/TOPIC-FIELDS.md made from them.

One place builds the schema of a topic file and of ``kiosk.yaml`` (``kiosk schema`` writes them
into ``content/schema/``, where an editor's YAML support reads them for completion and hover
help), and the reference page staff read is generated from the same schemas (``make
field-docs``). Each field's words are its ``description`` in :mod:`kiosk.content.model` and
:mod:`kiosk.content.settings`, so the page, the hover help and the models cannot disagree;
tests fail when a field has no description or a committed file is stale.

Run as ``python -m kiosk.content.field_docs OUT.md`` to write the page.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from kiosk.content.schema import Topic
from kiosk.content.settings_schema import KioskSettings
from kiosk.host import exit_codes

#: Each schema's name (``content/schema/<name>.schema.json``), its model, and the file it describes.
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "topic": (Topic, "content/topics/<id>.yaml"),
    "kiosk": (KioskSettings, "content/kiosk.yaml"),
}

#: Where the generated page lives in the repository.
FIELD_DOCS = Path("docs/TOPIC-FIELDS.md")


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one file kind, as ``kiosk schema`` writes it."""
    model, _ = SCHEMAS[name]
    return model.model_json_schema()


def schema_text(name: str) -> str:
    return json.dumps(schema(name), indent=2) + "\n"


@dataclass(frozen=True)
class FieldDoc:
    """One field as the reference lists it: ``pages[].heading`` is the heading of each page."""

    path: str
    kind: str
    required: bool
    default: str
    description: str


def fields(root: dict[str, Any]) -> Iterator[FieldDoc]:
    """Every field of a schema, parents before their own fields, in the models' order."""
    yield from _fields(root, root, "")


def missing_descriptions() -> list[str]:
    """``schema: field`` for each field, in either schema, that has no words for staff."""
    return [f"{name}: {field.path}" for name in SCHEMAS for field in fields(schema(name)) if not field.description]


def _resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a ``$ref`` into ``$defs``, and an optional value (``anyOf`` with null) to the value."""
    while True:
        if "$ref" in node:
            node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        elif "anyOf" in node:
            options = [option for option in node["anyOf"] if option.get("type") != "null"]
            if len(options) != 1:
                return node
            node = options[0]
        else:
            return node


def _fields(root: dict[str, Any], node: dict[str, Any], prefix: str) -> Iterator[FieldDoc]:
    required = set(node.get("required", ()))
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        value = _resolve(root, prop)
        # A field whose words are its group's own (pydantic leaves out the copy) takes the group's.
        description = prop.get("description") or value.get("description", "")
        shown = _yaml(prop["default"]) if "default" in prop and "properties" not in value else ""
        yield FieldDoc(path, _kind(root, value), name in required, shown, description)
        yield from _inner(root, value, path)


def _inner(root: dict[str, Any], value: dict[str, Any], path: str) -> Iterator[FieldDoc]:
    """The fields inside an object, each item of a list, or each entry of a map."""
    if "properties" in value:
        yield from _fields(root, value, f"{path}.")
    elif value.get("type") == "array" and "items" in value:
        yield from _inner(root, _resolve(root, value["items"]), f"{path}[]")
    elif entry := _entry(value):
        yield from _inner(root, _resolve(root, entry), f"{path}.<language>")


def _entry(value: dict[str, Any]) -> dict[str, Any] | None:
    """What each entry of a map holds (the maps staff write are keyed by language code)."""
    patterns = value.get("patternProperties") or {}
    entry = value.get("additionalProperties") or next(iter(patterns.values()), None)
    return entry if isinstance(entry, dict) else None


def _kind(root: dict[str, Any], value: dict[str, Any]) -> str:
    """What to write, in words: "text", "list of: page", "one of: single, multi"."""
    if "enum" in value:
        return "one of: " + ", ".join(str(v) for v in value["enum"])
    kind = value.get("type")
    if "properties" in value:
        return "group of fields"
    if kind == "array":
        item = _resolve(root, value.get("items", {}))
        inner = "groups of fields" if "properties" in item else _kind(root, item)
        return "list of " + PLURALS.get(inner, inner)
    if kind == "object":
        return "one entry per language code"
    if kind == "string":
        return {"date": "date (YYYY-MM-DD)", "path": "folder"}.get(value.get("format", ""), "text")
    return {"integer": "whole number", "number": "number", "boolean": "true or false"}.get(str(kind), str(kind))


PLURALS = {"text": "texts", "whole number": "whole numbers", "number": "numbers"}


def _yaml(value: object) -> str:
    """A default as staff would write it in YAML."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_yaml(item)}" for key, item in value.items()) + "}"
    return str(value)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown() -> str:
    """The whole reference page, docs/TOPIC-FIELDS.md."""
    lines = [
        "<!-- Generated by `make field-docs` from the content models (kiosk/content/schema.py and",
        "     kiosk/content/settings_schema.py); do not edit. Change a field's description there, then run",
        "     `make field-docs` and `make schema`. -->",
        "",
        "# Fields of a topic and of kiosk.yaml",
        "",
        "Every field staff can write, with what it is for. The same words show as hover help in an",
        "editor with YAML support (for example VS Code with the Red Hat YAML extension): each",
        "file's first line names its schema in `content/schema/`. `kiosk validate` names any",
        "mistake as `file:line: field: what is wrong`.",
        "",
        "How to read a field's name: `pages[].heading` is the `heading` of each item of the",
        "`pages` list; `flow.questions[].choices[].label` is the `label` of each answer of each",
        "question; `emergency.translations.<language>.banner` is the `banner` under a language",
        "code such as `es:`. A field that is not required may be left out; it then takes its",
        "default. A required field inside a group is needed only where that group is written.",
        "",
        "See also: the bundled topic `content/topics/muscle-spasms.yaml` as a whole example, the",
        "[README](../README.md) (adding or changing a topic), [TRANSLATING.md](TRANSLATING.md)",
        "(a topic in another language) and [DEPLOYMENT.md](DEPLOYMENT.md) (when a change goes live).",
    ]
    for name, (_, where) in SCHEMAS.items():
        title = "A topic file" if name == "topic" else "The kiosk's settings"
        lines += ["", f"## {title}: `{where}`", ""]
        if name == "topic":
            lines += ["A translation is a second file with the same `id`, named `<id>.<language>.yaml`",
                      "(for example `muscle-spasms.es.yaml`).", ""]
        lines += ["| Field | What to write | Required | Default | What it is for |",
                  "| --- | --- | --- | --- | --- |"]
        for field in fields(schema(name)):
            lines.append(f"| `{field.path}` | {_cell(field.kind)} | {'yes' if field.required else 'no'} "
                         f"| {_cell(field.default)} | {_cell(field.description)} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else FIELD_DOCS
    out.write_text(markdown(), encoding="utf-8")
    print(f"wrote {out}")
    return exit_codes.OK


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
