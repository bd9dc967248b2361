"""What the field under the editor's cursor is for, from the topic schema's own descriptions.

The same words an editor's hover help shows (they are the descriptions in the topic model,
:mod:`kiosk.content.model`). The field is found from the YAML's indenting: the key on the cursor's
line, then each key above it with less indent, so ``title`` under ``sources`` is told apart from
the topic's own ``title``. Pure; never imports Textual.
"""

from __future__ import annotations

import functools
import re

from pydantic import BaseModel

from kiosk.content.schema import Topic

_KEY = re.compile(r"^(?P<indent>\s*)(?P<dash>-\s+)?(?P<key>[a-z_]+):")


@functools.cache
def descriptions() -> dict[str, str]:
    """``"flow.questions.prompt"`` -> its description, for every field of a topic."""
    from kiosk.content.loader import _inner_model

    found: dict[str, str] = {}

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, info in model.model_fields.items():
            if info.description:
                found[prefix + name] = info.description
            inner = _inner_model(info.annotation)
            if inner is not None:
                walk(inner, prefix + name + ".")

    walk(Topic, "")
    return found


def field_path_at(lines: list[str], row: int) -> str | None:
    """The dotted path of the field on line ``row`` (or the nearest one above it), e.g.
    ``flow.questions.choices.label``; None above the first field."""
    path: list[str] = []
    limit: int | None = None  # only keys indented less than this count as parents
    for line in reversed(lines[: row + 1]):
        match = _KEY.match(line)
        if match is None or line.lstrip().startswith("#"):
            continue
        indent = len(match.group("indent"))
        key_indent = indent + (len(match.group("dash")) if match.group("dash") else 0)
        if limit is None or key_indent < limit:
            path.insert(0, match.group("key"))
            limit = indent if match.group("dash") else key_indent
            if key_indent == 0:
                break
    return ".".join(path) or None


def field_help(lines: list[str], row: int) -> str | None:
    """``"flow.questions.prompt: The question as the patient reads it."``, or None."""
    path = field_path_at(lines, row)
    if path is None:
        return None
    table = descriptions()
    if path in table:
        return f"{path}: {table[path]}"
    last = path.rsplit(".", 1)[-1]
    guess = next((p for p in table if p.rsplit(".", 1)[-1] == last), None)
    return f"{path}: {table[guess]}" if guess else f"{path}: not a field of a topic"
