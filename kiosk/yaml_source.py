"""Read YAML while remembering the line of every key and item.

PyYAML's composer keeps a start mark on every node; we build plain Python data from those
nodes and a map from each field path (``("pages", 2, "body")``) to its 1-based line, so a
pydantic error location can be turned into ``file:line``. Duplicate keys, which YAML would
silently collapse, are reported here.

Plain words stay words: only ``true``/``false`` are booleans (YAML 1.1 would turn an answer
labelled ``Yes`` or the language ``no`` into a boolean) and ``1:30`` is not a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[str | int, ...]


class YamlSyntaxError(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans and no base-60 integers.

    Pure Python: used to word a syntax error exactly (its messages are the ones the hints
    below know), and where libyaml is missing.
    """


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same rules on libyaml's parser: about ten times faster on a large content folder."""


_HAVE_LIBYAML = hasattr(yaml, "CSafeLoader")
_STR = "tag:yaml.org,2002:str"
_REPLACED = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int"}
for _cls in (_Loader, _FastLoader):
    _cls.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in _REPLACED]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _cls.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    _cls.add_implicit_resolver(
        "tag:yaml.org,2002:int",
        re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"),
        list("-+0123456789"),
    )


@dataclass
class YamlDocument:
    data: Any
    lines: dict[Path, int]
    #: ``(path, line)`` of every key written a second time in the same mapping; the first stays.
    duplicate_keys: list[tuple[Path, int]] = field(default_factory=list)

    def line_of(self, path: Path) -> int | None:
        """Line of the deepest part of ``path`` that exists in the file (a missing field → its parent)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document; raise :class:`YamlSyntaxError` with the line on bad syntax."""
    if _HAVE_LIBYAML:
        try:
            return _parse(text, _FastLoader)
        except (yaml.YAMLError, YamlSyntaxError, RecursionError):
            pass  # a faulty file: parse again in Python for the exact line and wording
    return _parse(text, _Loader)


def _parse(text: str, loader_class: type) -> YamlDocument:
    loader = None
    try:
        loader = loader_class(text)
        node = loader.get_single_node()
        doc = YamlDocument(data=None, lines={})
        if node is not None:  # the root's line is its first key's, below any opening comments
            doc.data = _build(node, (), doc, loader, set())
        doc.lines.setdefault((), 1)
        return doc
    except yaml.MarkedYAMLError as exc:
        raise YamlSyntaxError(_line_of_mark(exc, text), f"YAML syntax: {_explain(exc)}") from None
    except yaml.reader.ReaderError as exc:  # a control character the YAML reader refuses
        line = text.count("\n", 0, exc.position) + 1
        raise YamlSyntaxError(line, f"YAML: character U+{exc.character:04X} is not allowed; delete it") from None
    except RecursionError:
        raise YamlSyntaxError(None, "YAML: lists or fields are nested too deeply") from None
    except yaml.YAMLError as exc:  # pragma: no cover - no other reader faults are known
        raise YamlSyntaxError(None, f"YAML: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()


#: What a PyYAML complaint usually means in a hand-written content file; first match wins.
_HINTS = (
    ("'\\t' that cannot start", "a tab is used here; indent with spaces"),
    ("cannot start any token", "text may not start with this character; put the whole text in quotes"),
    ("found '<scalar>'", "more text after a closing quote; put the whole text in double quotes"),
    ("mapping values are not allowed",
     "a ':' where YAML does not expect one; check the indenting, or put text that has a ':' in quotes"),
    ("could not find expected ':'", "expected 'field: value' here; check the ':' and the indenting"),
    ("expected <block end>", "this line is not indented like the lines around it"),
    ("expected '<document start>'", "this line is not indented like the lines around it"),
    ("expected ',' or ']'", "a list opened with '[' is not closed with ']'"),
    ("expected ',' or '}'", "a group opened with '{' is not closed with '}'"),
    ("found unexpected end of stream", "a quote or bracket opened here is never closed"),
)


def _explain(exc: yaml.MarkedYAMLError) -> str:
    said = " ".join(p for p in (exc.context, exc.problem) if p)
    for clue, hint in _HINTS:
        if clue in said:
            return hint
    return said


def _line_of_mark(exc: yaml.MarkedYAMLError, text: str) -> int | None:
    """The problem's line, or where the unfinished thing began: an open bracket, or a quote the file ends in."""
    mark = exc.problem_mark
    unclosed = (exc.context or "").startswith("while parsing a flow")  # an open '[' or '{'
    if exc.context_mark is not None and (unclosed or mark is None or mark.index >= len(text.rstrip())):
        mark = exc.context_mark
    return mark.line + 1 if mark else None


def _build(node: yaml.Node, path: Path, doc: YamlDocument, loader: yaml.SafeLoader, open_nodes: set[int]) -> Any:
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:
            return node.value  # nearly every value in content: no constructor needed
        try:
            return loader.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError):
            return node.value  # e.g. the date 2025-13-45: the model says what is wrong with it
    if id(node) in open_nodes:
        raise YamlSyntaxError(node.start_mark.line + 1, "YAML syntax: an alias refers to the item that contains it")
    open_nodes.add(id(node))
    try:
        if isinstance(node, yaml.SequenceNode):
            return [_build(item, (*path, i), doc, loader, open_nodes) for i, item in enumerate(node.value)]
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _key(key_node)
            child = (*path, key)
            if key in out:
                doc.duplicate_keys.append((child, key_node.start_mark.line + 1))
                continue
            doc.lines[child] = key_node.start_mark.line + 1
            out[key] = _build(value_node, child, doc, loader, open_nodes)
        return out
    finally:
        open_nodes.discard(id(node))


def _key(node: yaml.Node) -> str:
    """Mapping keys are field names: always text, so ``1:`` never looks like a list index."""
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    raise YamlSyntaxError(node.start_mark.line + 1, "YAML syntax: a key must be a plain word, not a list or mapping")
