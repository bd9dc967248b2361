"""Read YAML while remembering the line of every key and item.

PyYAML's composer keeps a start mark on every node; we build plain Python data from those
nodes and a map from each field path (``("pages", 2, "body")``) to its 1-based line, so a
pydantic error location can be turned into ``file:line``. Duplicate keys, which YAML would
silently collapse, are reported here, and so is text no content may hold: terminal control
and bidi characters, including those written as escapes such as ``"\\e[2J"`` (see
:data:`kiosk.words.plain_text.CONTROL_CHARACTERS`).

Aliases (``*name``) are refused: content never needs them, and each one would be built out
in full, so a few lines of them ("billion laughs") could take gigabytes. Nesting deeper than
:data:`MAX_NESTING` is refused too, with its line.

Plain words stay words: only ``true``/``false`` are booleans (YAML 1.1 would turn an answer
labelled ``Yes`` or the language ``no`` into a boolean) and ``1:30`` is not a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from kiosk.words.plain_text import CONTROL_CHARACTERS, describe_character, escape_controls

Path = tuple[str | int, ...]

#: Deepest nesting of lists and fields a content file may have. A topic needs 6
#: (``flow.questions[i].choices[j].next``); the limit keeps the parser's recursion short.
MAX_NESTING = 20

ALIAS_MESSAGE = "aliases are not allowed in content; write the text out"
NESTING_MESSAGE = f"lists or fields are nested too deeply (more than {MAX_NESTING} levels); check the indenting"


class YamlSyntaxError(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans and no base-60 integers, no aliases and bounded nesting.

    Pure Python: used to word a syntax error exactly (its messages are the ones the hints
    below know), and where libyaml is missing.
    """

    _depth = 0

    def compose_node(self, parent, index):
        """Refuse an alias where it is written, before the composer looks it up."""
        if self.check_event(yaml.AliasEvent):
            raise YamlSyntaxError(self.peek_event().start_mark.line + 1, ALIAS_MESSAGE)
        self._depth += 1
        try:
            if self._depth > MAX_NESTING + 1:  # the root is not nesting
                raise YamlSyntaxError(self.peek_event().start_mark.line + 1, NESTING_MESSAGE)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


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
    #: ``(path, line, message)`` of every text holding a character no content may hold.
    unsafe_text: list[tuple[Path, int, str]] = field(default_factory=list)
    #: Line of the first text line of every ``|`` block, so a fault inside it gets its own line.
    literal_starts: dict[Path, int] = field(default_factory=dict)
    #: Raw control characters were parsed as private-use stand-ins (see :func:`parse_yaml`).
    stand_ins: bool = False

    def line_of(self, path: Path) -> int | None:
        """Line of the deepest part of ``path`` that exists in the file (a missing field → its parent)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None

    def line_in(self, path: Path, text: str, index: int) -> int | None:
        """Line of character ``index`` of ``text``, the value at ``path`` as written in the file:
        exact inside a ``|`` block, otherwise the line where the value starts."""
        start = self.literal_starts.get(path)
        if start is not None:
            return start + text.count("\n", 0, index)
        return self.line_of(path)


#: Raw characters the YAML reader refuses outright (C0 but tab and newline, DEL, C1), or takes
#: as a line break where an editor shows none (NEL, U+2028, U+2029, a CR not before LF), which
#: would put every later line number off by one.
_RAW_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]|\r(?!\n)")
#: Stand-ins for them while parsing (private use, U+E000 up), so a problem can name the field.
_STAND_IN = {code: 0xE000 + code for code in range(0x100)} | {0x2028: 0xE100, 0x2029: 0xE101}
_STOOD_IN = {stand_in: code for code, stand_in in _STAND_IN.items()}


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document; raise :class:`YamlSyntaxError` with the line on bad syntax.

    A raw control character would make the YAML reader refuse the whole file at it, with no
    field; it is parsed with a stand-in instead and reported like an escaped one, in its field.
    """
    raw = _RAW_CONTROLS.search(text)
    if raw is None:
        return _parse_any(text)
    doc = _parse_any(_RAW_CONTROLS.sub(lambda m: chr(_STAND_IN[ord(m.group())]), text), stand_ins=True)
    if not doc.unsafe_text:  # only in comments: still refused, at its line
        line = text.count("\n", 0, raw.start()) + 1
        doc.unsafe_text.append(((), line, f"has the control character {describe_character(raw.group())} outside any "
                                          f"text (in a comment?), which can change what the screen shows; delete it"))
    return doc


def _parse_any(text: str, stand_ins: bool = False) -> YamlDocument:
    if _HAVE_LIBYAML:
        try:
            return _parse(text, _FastLoader, stand_ins)
        except (yaml.YAMLError, YamlSyntaxError, RecursionError, _AliasSeen):
            pass  # a faulty file: parse again in Python for the exact line and wording
    return _parse(text, _Loader, stand_ins)


def _parse(text: str, loader_class: type, stand_ins: bool = False) -> YamlDocument:
    loader = None
    try:
        loader = loader_class(text)
        node = loader.get_single_node()
        doc = YamlDocument(data=None, lines={}, stand_ins=stand_ins)
        if node is not None:  # the root's line is its first key's, below any opening comments
            doc.data = _build(node, (), doc, loader, set(), 0)
        doc.lines.setdefault((), 1)
        return doc
    except yaml.MarkedYAMLError as exc:
        raise YamlSyntaxError(_line_of_mark(exc, text), f"YAML syntax: {_explain(exc)}") from None
    except yaml.reader.ReaderError as exc:  # a control character the YAML reader refuses
        line = text.count("\n", 0, exc.position) + 1
        raise YamlSyntaxError(line, f"YAML: character U+{exc.character:04X} is not allowed; delete it") from None
    except RecursionError:  # pragma: no cover - MAX_NESTING stops well before Python's limit
        raise YamlSyntaxError(None, f"YAML syntax: {NESTING_MESSAGE}") from None
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


class _AliasSeen(Exception):
    """libyaml composed an alias (the same node met twice); the Python parser will say where."""


def _build(node: yaml.Node, path: Path, doc: YamlDocument, loader: yaml.SafeLoader, seen: set[int], depth: int) -> Any:
    """Plain data from ``node``, noting lines and unsafe text; every node is built once.

    libyaml composes an alias as the very node it names, so meeting a node twice means an
    alias: stop at once (nothing is expanded) and let the Python parser give its line.
    """
    if id(node) in seen:
        raise _AliasSeen
    seen.add(id(node))
    if depth > MAX_NESTING:
        raise YamlSyntaxError(node.start_mark.line + 1, f"YAML syntax: {NESTING_MESSAGE}")
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode):
        if node.style == "|":
            doc.literal_starts[path] = node.start_mark.line + 2
        if node.tag == _STR:
            _check_text(node.value, path, doc)
            return node.value  # nearly every value in content: no constructor needed
        try:
            value = loader.construct_object(node, deep=True)
        except Exception:  # PyYAML's own constructors fail in many ways on a
            # hand-written explicit tag (`!!timestamp abc`: AttributeError, `!!bool maybe`:
            # KeyError; found by the loader fuzz test): the text as written goes on, and the
            # model says what is wrong with it (e.g. the date 2025-13-45)
            value = node.value
        if isinstance(value, (bytes, bytearray)):
            doc.unsafe_text.append((path, node.start_mark.line + 1,
                                    "binary data (!!binary) is not allowed in content; write text"))
            return node.value
        if isinstance(value, str):
            _check_text(value, path, doc)
        return value
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), doc, loader, seen, depth + 1) for i, item in enumerate(node.value)]
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = _key(key_node)
        if not key.isprintable():  # fast in C; a field name never needs a control, tab or invisible character
            char = next(c for c in key.translate(_STOOD_IN if doc.stand_ins else {}) if not c.isprintable())
            doc.unsafe_text.append((path, key_node.start_mark.line + 1,
                                    f"a field name has the character {describe_character(char)}; delete it"))
            continue
        child = (*path, key)
        if key in out:
            doc.duplicate_keys.append((child, key_node.start_mark.line + 1))
            continue
        doc.lines[child] = key_node.start_mark.line + 1
        out[key] = _build(value_node, child, doc, loader, seen, depth + 1)
    return out


def _check_text(text: str, path: Path, doc: YamlDocument) -> None:
    """Note the first control or bidi character of ``text`` (and how many there are) with its line."""
    if text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable():
        return  # nearly every text: a pass or two in C, no regular expression
    if doc.stand_ins:
        text = text.translate(_STOOD_IN)
    match = CONTROL_CHARACTERS.search(text)
    if match is None:
        return
    count = len(CONTROL_CHARACTERS.findall(text))
    more = f", and {count - 1} more like it" if count > 1 else ""
    kind = "direction" if ord(match.group()) >= 0x2028 else "control"
    does = ("makes text show in another order than it is written" if kind == "direction"
            else "can change what the screen shows")
    char = match.group()
    written = "\\e or \\x1b" if char == "\x1b" else escape_controls(char)
    doc.unsafe_text.append((path, doc.line_in(path, text, match.start()) or 1,
                            f"has the {kind} character {describe_character(char)}{more}, which {does}; "
                            f"delete it (it may be invisible, or written as {written})"))


def _key(node: yaml.Node) -> str:
    """Mapping keys are field names: always text, so ``1:`` never looks like a list index."""
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    raise YamlSyntaxError(node.start_mark.line + 1, "YAML syntax: a key must be a plain word, not a list or mapping")
