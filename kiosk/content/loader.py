"""Read a content folder into a validated :class:`Library`, or say everything that is wrong.

Owns file reading, pydantic validation, cross-file checks and the readability lint. Every
problem names ``file:line: field``; nothing here raises to the caller for bad content, so the
CLI and the running kiosk (which keeps its last good library) can show staff the whole list.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gc
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from kiosk.content import schema, settings_schema
from kiosk.content.flow_check import flow_problems
from kiosk.content.frozen import to_plain
from kiosk.content.library import (
    TOPICS_DIR,
    Library,
    LoadResult,
    TopicGrade,
    add_to_fingerprint,
    original_first,
)
from kiosk.content.model import (
    RENAMED_TOPIC_FIELDS,
    FieldError,
    Problem,
    Severity,
    Topic,
)
from kiosk.content.pin_note import set_pin_words
from kiosk.content.screen_count import MAX_CORE_SCREENS, MAX_SUMMARY_SCREENS, ScreenCount, screen_counts
from kiosk.content.settings import SETTINGS_FILE, KioskSettings
from kiosk.content.translation_check import translation_problems
from kiosk.content.yaml_source import YamlDocument, YamlSyntaxError, parse_yaml
from kiosk.words.plain_text import undrawn_markdown

__all__ = ["TOPICS_DIR", "Library", "LoadResult", "TopicGrade", "load_library"]

MAX_FILE_BYTES = 1024 * 1024
"""Size of one content file, checked before it is read whole or parsed: the bundled topic is
25 KB, so 1 MB is 40 times that; a 50 MB file used to take minutes and a gigabyte to check."""

#: Where a topic's review date is written.
REVIEW_ON = ("review", "on")

MAX_TOPIC_FILES = 2000
"""Topic files in ``topics/``: twice the 1,000-topic library the kiosk is measured with, so
a folder filled by a runaway sync is refused before a single file is read."""


def load_library(root: Path | str, *, today: dt.date | None = None, grade: bool = True) -> LoadResult:
    """Load ``root/kiosk.yaml`` and ``root/topics/*.yaml``; report every problem at once.

    The garbage collector is paused meanwhile: parsing allocates hundreds of thousands of
    short-lived nodes and no cycles, and collections over them were a third of a big load.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_library(root, today=today, grade=grade)
    finally:
        if collecting:
            gc.enable()


def _check_home_pages(root: Path, topics: list[Topic], languages: list[str], problems: list[Problem]) -> None:
    """A library of more than one home page without groups makes patients page through it:
    warn, per language, with how many pages it takes."""
    from kiosk.content.library_nav import home_layout, offered_languages, page_count, shown_in, uses_groups

    offered = len(offered_languages(languages, topics))
    for language in languages:
        written = [t for t in topics if t.language == language and t.enabled]
        shown = shown_in(topics, language, languages)  # as home lists them: untranslated ones too
        if not written and len(languages) > 1 and not any(p.severity is Severity.ERROR for p in problems):
            problems.append(Problem(
                file=str(root / TOPICS_DIR), line=None, field="languages",
                message=f"no topic is in '{language}': a patient who chooses it on home finds no topics; "
                        f"add '<id>.{language}.yaml' files or remove '{language}' from 'languages' in kiosk.yaml",
                severity=Severity.WARNING))
        pages = page_count(len(shown), home_layout(offered))
        if pages > 1 and not uses_groups(shown, offered):
            problems.append(Problem(
                file=str(root / TOPICS_DIR), line=None, field="group",
                message=f"{len(shown)} topics in '{language}' need {pages} pages on the home screen and no groups "
                        f"are set: give each topic a 'group' (e.g. 'Muscles and bones') so home lists the groups "
                        f"first and every topic is a few keys away",
                severity=Severity.WARNING))


def _load_library(root: Path | str, *, today: dt.date | None = None, grade: bool = True) -> LoadResult:
    """The load itself; see :func:`load_library`.

    File names in problems are ``root`` as given joined with the file's place in it, so
    ``kiosk validate content`` prints ``content/topics/x.yaml:12: ...``.

    ``grade=False`` skips the reading-level lint (K-C1): the running kiosk does not need it,
    and it costs a second and ~70 MB to load the pronouncing dictionary. ``kiosk validate``
    grades; so does staff mode's content view, on request.
    """
    root = Path(root)
    today = today or dt.date.today()
    problems: list[Problem] = []
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "no such content folder"
        return LoadResult(None, [Problem(file=str(root), line=None, field="(folder)", message=what)])

    digest = hashlib.sha256()
    settings = _load_settings(root / SETTINGS_FILE, problems, digest)

    topics: list[tuple[Topic, Path, YamlDocument]] = []
    for path in _topic_files(root / TOPICS_DIR, problems):
        doc = _read(path, problems, digest)
        if doc is None:
            continue
        topic = _validate(schema.Topic, doc, path, problems)
        if topic is not None:
            _check_topic(topic, doc, path, problems)
            _check_review_status(topic, doc, path, problems)
            topics.append((topic, path, doc))

    _check_across_topics(topics, problems)
    _check_translations(topics, settings, problems)
    if settings is not None:
        _check_versions(topics, settings, problems)
    if settings is not None:
        _check_home_pages(root, [t for t, _, _ in topics], settings.languages, problems)
    grades = []
    screens = []
    if settings is not None:
        for topic, path, doc in topics:
            _check_review_age(topic, doc, path, settings, today, problems)
            if grade:
                grades.append(_grade_topic(topic, doc, path, settings, problems))
                screens.append(_count_screens(topic, doc, path, topics, settings, today, problems))

    problems.sort(key=lambda p: (p.file, p.line or 0))  # stable: same line keeps its order
    if any(p.severity is Severity.ERROR for p in problems) or settings is None:
        return LoadResult(None, problems)
    library = Library(
        root=root,
        settings=settings,
        topics=tuple(t for t, _, _ in topics),
        fingerprint=digest.hexdigest(),
        warnings=tuple(p for p in problems if p.severity is Severity.WARNING),
        grades=tuple(grades),
        screens=tuple(screens),
    )
    return LoadResult(library, problems)


def _topic_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """``topics/*.yaml`` in name order, each original before its translations (``demo.yaml``, then
    ``demo.es.yaml``, though "." sorts before "y"): code that takes the first topic of an id gets
    the original. Hidden files (editor and macOS ``._`` leftovers) are skipped.

    Every other name ending in ``.yaml`` is either read or reported: a folder (warning), a link
    leading out of the content folder or to nothing, a device or a pipe (errors: a pipe would
    block the reader for ever, and a link out would let the content folder read any file).
    """
    if not folder.is_dir():
        problems.append(Problem(file=str(folder), line=None, field="(folder)",
                                message="is missing; put the topic files (*.yaml) in it"))
        return []
    root = folder.parent
    if not folder.resolve().is_relative_to(root.resolve()):
        problems.append(Problem(file=str(folder), line=None, field="(folder)",
                                message="is a link to a folder outside the content folder, which the kiosk does not "
                                        "read; put the topic files in the content folder itself"))
        return []
    files = []
    for path in sorted((p for p in folder.glob("*.yaml") if not p.name.startswith(".")), key=original_first):
        refused = _refused_entry(path, root)
        if refused is None:
            files.append(path)
        else:
            field = "(folder)" if path.is_dir() else "(file)"
            problems.append(Problem(file=str(path), line=None, field=field, message=refused[0], severity=refused[1]))
    for stray in sorted(folder.glob("*.yml")):
        if not stray.name.startswith("."):
            problems.append(Problem(file=str(stray), line=None, field="(file)",
                                    message="is not read: topic files must end in .yaml", severity=Severity.WARNING))
    if len(files) > MAX_TOPIC_FILES:
        problems.append(Problem(file=str(folder), line=None, field="(folder)",
                                message=f"has {len(files)} topic files, more than the {MAX_TOPIC_FILES} the kiosk "
                                        f"reads; move the ones not in use out of the folder"))
        return []
    if not files and not any(p.severity is Severity.ERROR and p.file.startswith(str(folder)) for p in problems):
        problems.append(Problem(file=str(folder), line=None, field="(folder)", message="has no topic files (*.yaml)"))
    return files


def _refused_entry(path: Path, root: Path) -> tuple[str, Severity] | None:
    """Why ``path`` is not read as a content file, or None when it is a plain file inside ``root``."""
    try:
        target = path.resolve()
        inside = target.is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return "is a link that leads round in a circle; replace it with the file itself", Severity.ERROR
    if not inside:
        return ("is a link to a file outside the content folder, which the kiosk does not read; "
                "copy the file into the folder instead", Severity.ERROR)
    if path.is_dir():
        return ("is a folder, not a topic file, so nothing in it is read; move the topic files out of it "
                "or rename the folder", Severity.WARNING)
    if not path.exists():
        return "is a link to a file that does not exist; replace it with the file itself", Severity.ERROR
    if not path.is_file():
        return "is not a plain file (a device or a pipe); replace it with the topic file itself", Severity.ERROR
    return None


def _read(path: Path, problems: list[Problem], digest) -> YamlDocument | None:
    name = str(path)
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)  # never more: a huge file costs nothing to refuse
            if len(raw) > MAX_FILE_BYTES:
                size = max(os.fstat(stream.fileno()).st_size, len(raw))
                problems.append(Problem(file=name, line=None, field="(file)",
                                        message=f"is {size / 1024 / 1024:.1f} MB, "
                                                f"more than the {MAX_FILE_BYTES // 1024 // 1024} MB "
                                                f"a content file may be (a long topic is about 25 KB); split it, "
                                                f"or remove what is not content"))
                return None
    except OSError as exc:
        problems.append(Problem(file=name, line=None, field="(file)", message=f"cannot be read: {exc.strerror}"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problems.append(Problem(file=name, line=line, field="(file)",
                                message=f"is not UTF-8 text (byte {raw[exc.start]:#04x}); save the file as UTF-8"))
        return None
    add_to_fingerprint(digest, path.name, raw)
    try:
        doc = parse_yaml(text)
    except YamlSyntaxError as exc:
        message = exc.message.removeprefix("YAML syntax: ")  # the field already says (syntax)
        problems.append(Problem(file=name, line=exc.line, field="(syntax)", message=message))
        return None
    for key_path, line, message in doc.unsafe_text:
        problems.append(Problem(file=name, line=line, field=_field(key_path), message=message))
    for key_path, line in doc.duplicate_keys:
        problems.append(Problem(file=name, line=line, field=_field(key_path),
                                message=f"is written twice (first on line {doc.lines[key_path]}); keep one"))
    if doc.data is None:
        problems.append(Problem(file=name, line=1, field="(file)", message="is empty"))
        return None
    if not isinstance(doc.data, dict):
        problems.append(Problem(file=name, line=doc.line_of(()), field="(file)",
                                message="must be 'field: value' lines, not a list or a single value"))
        return None
    return doc


def _load_settings(path: Path, problems: list[Problem], digest) -> KioskSettings | None:
    refused = _refused_entry(path, path.parent) if (path.is_symlink() or path.exists()) else None
    if refused is not None:
        problems.append(Problem(file=str(path), line=None, field="(file)", message=refused[0]))
        return None
    if not path.is_file():
        problems.append(Problem(file=str(path), line=None, field="(file)",
                                message="is missing; every content folder needs its settings file"))
        return None
    doc = _read(path, problems, digest)
    if doc is None:
        return None
    return _validate(settings_schema.KioskSettings, doc, path, problems)


def _validate(model: type[BaseModel], doc: YamlDocument, path: Path, problems: list[Problem]):
    """The file's data checked by ``model`` (a schema), as the plain object the kiosk runs on;
    None, with each problem at its line and field, when it breaks a rule."""
    try:
        return to_plain(model.model_validate(doc.data))
    except ValidationError as exc:
        renamed = _renamed_fields(model, doc)
        for err in exc.errors(include_url=False):
            loc = tuple(part for part in err["loc"] if part != "[key]")
            if err["type"] == "missing" and len(loc) == 1 and any(
                RENAMED_TOPIC_FIELDS[old].split(".")[0] == loc[0] for (old,) in renamed
            ):
                continue  # the old field's own message says what to write instead
            cause = (err.get("ctx") or {}).get("error")
            if isinstance(cause, FieldError):
                loc = (*loc, *cause.loc)
            message = renamed.get(loc) or _message(err, model, loc)
            if loc[-1:] == ("pin_hash",):  # a hash cannot be mended by hand: only a new PIN fixes it
                message += f"; set the PIN again with {set_pin_words(path.parent)}"
            problems.append(Problem(file=str(path), line=doc.line_of(loc), field=_field(loc), message=message))
        return None


def _renamed_fields(model: type[BaseModel], doc: YamlDocument) -> dict[tuple, str]:
    """The old field names written in a topic file, each with what to write instead.

    A file written before a field was renamed still loads as far as it can; staff read, at the
    old field's line, the new name and the whole new block, not "is not a known field".
    """
    if model is not schema.Topic or not isinstance(doc.data, dict):
        return {}
    found: dict[tuple, str] = {}
    for old, new in RENAMED_TOPIC_FIELDS.items():
        if old in doc.data:
            found[(old,)] = (f"is now written as {new}; replace reviewed_by and reviewed_on with "
                             f"'review:' and, indented under it, 'status: draft' (or 'reviewed' once a "
                             f"clinician has signed it off), 'by: <role or person>' and 'on: YYYY-MM-DD'")
    return found


# ------------------------------------------------------------------- messages for staff

#: Words for the patterns the models use; anything else falls back to pydantic's words.
_PATTERNS = {
    get_args(schema.Identifier)[1].pattern: "must be lower-case words joined by hyphens, like 'leg-cramps'",
    get_args(schema.LanguageCode)[1].pattern: "must be a language code such as 'en' or 'es'",
}
_PATTERN_FIELDS = {
    "number": "must be 2 to 6 digits",
    "entry_keys": "must be 4 to 12 keypad keys: 0 and - only",
    "printer": "must be a printer name as `lpstat -p` shows it: letters, digits and - _ . @ +, no spaces",
}
#: Why a field matters, added when it is missing or empty.
_WHY = {
    "red_flags": "every topic needs at least one red flag, a symptom that needs help now",
    "sources": "every topic needs at least one source",
    "steps": "the emergency page needs at least one step",
}
#: What to do about a text or list over its limit.
_SPLIT = {
    "body": "; split it into more pages",
    "pages": "; split the topic in two",
    "red_flags": "; they all go on the emergency page, so keep the ones that need help now",
    "questions": "; split the questions between two topics",
    "glossary": "; keep the words patients meet in this topic",
    "sources": "; keep the main ones",
    "steps": "; the emergency page must stay short",
}
_NUMBER_LIMITS = {
    "greater_than": ("gt", "more than"),
    "greater_than_equal": ("ge", "at least"),
    "less_than": ("lt", "less than"),
    "less_than_equal": ("le", "at most"),
}
_TYPES = {
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "date_type": "must be a date written as YYYY-MM-DD",
    "date_parsing": "must be a date written as YYYY-MM-DD",
    "date_from_datetime_parsing": "must be a date written as YYYY-MM-DD",
    "date_from_datetime_inexact": "must be a date written as YYYY-MM-DD",
    "list_type": "must be a list of '- ' items",
    "dict_type": "must be 'field: value' lines",
    "model_type": "must be 'field: value' lines",
    "model_attributes_type": "must be 'field: value' lines",
    "path_type": "must be a folder path",
}


def _message(err: ErrorDetails, model: type[BaseModel], loc: tuple) -> str:
    """Staff's words for one pydantic error: the first helper that knows the error's kind answers,
    and pydantic's own sentence, made to read like ours, is the last resort."""
    name = next((part for part in reversed(loc) if isinstance(part, str)), "")
    return (
        _absent(err, name, loc)
        or _unknown_field(err, model, loc)
        or _over_limit(err, name)
        or _wrong_value(err, name)
        or _pydantic_words(err)
    )


def _absent(err: ErrorDetails, name: str, loc: tuple) -> str | None:
    """A field left out, or written with nothing after the colon; says why the field is needed."""
    kind = err["type"]
    why = f"; {_WHY[name]}" if name in _WHY and loc[-1] == name else ""
    if kind == "missing":
        return "is required but missing" + why
    if kind in {"string_too_short", "too_short"} or (err.get("input") is None and kind in _TYPES):
        return "must not be empty" + why
    return None


def _unknown_field(err: ErrorDetails, model: type[BaseModel], loc: tuple) -> str | None:
    """A field the model does not have: most often a misspelling, so suggest the closest name."""
    if err["type"] != "extra_forbidden":
        return None
    close = difflib.get_close_matches(str(loc[-1]), _fields_of(model, loc[:-1]), n=1, cutoff=0.6)
    if close:
        return f"is not a known field; did you mean '{close[0]}'?"
    return "is not a known field (check the spelling)"


def _over_limit(err: ErrorDetails, name: str) -> str | None:
    """A text or a list longer than its limit: how long it is, the limit, and how to split it."""
    kind, ctx, given = err["type"], err.get("ctx") or {}, err.get("input")
    if kind == "string_too_long":
        long = f"is {len(given):,} characters long" if isinstance(given, str) else "is too long"
        return f"{long}, more than the {ctx['max_length']:,} allowed" + _SPLIT.get(name, "; make it shorter")
    if kind == "too_long":
        count, noun = ctx.get("actual_length"), {"glossary": "entries"}.get(name, name.replace("_", " ") or "items")
        has = f"has {count:,} {noun}" if count is not None else f"has too many {noun}"
        return f"{has}, more than the {ctx['max_length']} allowed" + _SPLIT.get(name, "")
    return None


def _wrong_value(err: ErrorDetails, name: str) -> str | None:
    """A value of the wrong shape, kind or range: what it must be, then what staff wrote."""
    kind, ctx, given = err["type"], err.get("ctx") or {}, err.get("input")
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern")
        said = _PATTERNS.get(pattern) or _PATTERN_FIELDS.get(name) or f"must match the pattern {pattern}"
        return f"{said}, not {_shown(given)}"
    if kind in _NUMBER_LIMITS:
        key, words = _NUMBER_LIMITS[kind]
        return f"must be {words} {ctx[key]:g}, not {_shown(given)}"
    if kind in _TYPES:
        return f"{_TYPES[kind]}, not {_shown(given)}"
    if kind in {"enum", "literal_error"}:
        return f"must be {ctx.get('expected')}, not {_shown(given)}"
    return None


def _pydantic_words(err: ErrorDetails) -> str:
    """Any other error (our own validators' messages, mostly), without pydantic's prefixes."""
    msg = str(err["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(prefix)
    msg = msg.replace("Input should be", "must be")
    return msg[0].lower() + msg[1:] if msg else err["type"]


def _shown(value: object) -> str:
    """A value as staff wrote it in YAML."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"{value:g}"
    if isinstance(value, (dict, list)):
        return "a list" if isinstance(value, list) else "'field: value' lines"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _fields_of(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names of the model found at ``loc`` inside ``model`` (for spelling suggestions)."""
    current: object = model
    for part in loc:
        if isinstance(part, int):
            continue  # a list item has the list's item model
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):  # list[X], X | None, Annotated[X, ...]
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _field(loc: Iterable[str | int]) -> str:
    """``("flow", "questions", 2, "id")`` → ``flow.questions[3].id``: list items count from 1."""
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


# ---------------------------------------------------------------- rules across a file or folder


def _check_topic(topic: Topic, doc: YamlDocument, path: Path, problems: list[Problem]) -> None:
    name = str(path)
    expected = path.stem.split(".")
    if expected[0] != topic.id:
        problems.append(
            Problem(file=name, line=doc.line_of(("id",)), field="id",
                    message=f"'{topic.id}' does not match the file name {path.name}; "
                            f"rename the file {topic.id}.yaml or change the id")
        )
    if len(expected) > 1 and expected[1] != topic.language:
        said = f"'{topic.language}'" if "language" in doc.data else f"not written, so it is '{topic.language}',"
        problems.append(
            Problem(file=name, line=doc.line_of(("language",)), field="language",
                    message=f"{said} but the file name {path.name} says '{expected[1]}'; "
                            f"write 'language: {expected[1]}' or rename the file")
        )
    for loc, raw in _page_bodies_as_written(doc.data):
        found = undrawn_markdown(raw)
        if found is not None:
            problems.append(Problem(file=name, line=doc.line_in(loc, raw, found[0]), field=_field(loc),
                                    message=f"has {found[1]}, which the kiosk would show as raw symbols; write plain "
                                            f"text: paragraphs, '- ' lists and **bold** are all a page draws"))
    if topic.flow is not None:
        for sub, message in flow_problems(topic.flow):
            loc = ("flow", *sub)
            problems.append(Problem(file=name, line=doc.line_of(loc), field=_field(loc), message=message))


def _page_bodies_as_written(data: dict) -> Iterable[tuple[tuple[str | int, ...], str]]:
    """Every page body of a topic file, core and "More about..." sections, with its place."""
    for index, page in enumerate(data.get("pages") or []):
        if isinstance(page, dict) and isinstance(page.get("body"), str):
            yield ("pages", index, "body"), page["body"]
    for number, section in enumerate(data.get("more") or []):
        pages = section.get("pages") if isinstance(section, dict) else None
        for index, page in enumerate(pages if isinstance(pages, list) else []):
            if isinstance(page, dict) and isinstance(page.get("body"), str):
                yield ("more", number, "pages", index, "body"), page["body"]


def _check_across_topics(topics: list[tuple[Topic, Path, YamlDocument]], problems: list[Problem]) -> None:
    seen: dict[tuple[str, str], Path] = {}
    for topic, path, doc in topics:
        if topic.key in seen:
            problems.append(
                Problem(file=str(path), line=doc.line_of(("id",)), field="id",
                        message=f"topic '{topic.id}' in language '{topic.language}' is also in {seen[topic.key]}; "
                                f"keep one of them")
            )
        else:
            seen[topic.key] = path


def _check_translations(topics: list[tuple[Topic, Path, YamlDocument]], settings: KioskSettings | None,
                        problems: list[Problem]) -> None:
    """Each ``<id>.<lang>.yaml`` against its original ``<id>.yaml``.

    A translation without an original file is an error. When both loaded, the translation must
    keep the original's flow and red flags (:func:`kiosk.content.translation_check.translation_problems`),
    and reviews more than ``max_review_gap_days`` apart give a warning on the older file. A file
    whose name already disagrees with its id or language, or whose original did not load, is
    not compared: its own problems come first.
    """
    originals = {path.stem: (topic, path, doc) for topic, path, doc in topics if "." not in path.stem}
    for topic, path, doc in topics:
        parts = path.stem.split(".")
        if len(parts) < 2 or parts[0] != topic.id or parts[1] != topic.language:
            continue
        name = str(path)
        original_path = path.with_name(f"{topic.id}.yaml")
        if topic.id not in originals:
            if not original_path.exists():
                problems.append(
                    Problem(file=name, line=doc.line_of(("id",)), field="id",
                            message=f"is a translation of '{topic.id}', but there is no original {original_path.name} "
                                    f"beside it; add the topic in the first language, or rename this file "
                                    f"{original_path.name}")
                )
            continue
        original, _, original_doc = originals[topic.id]
        if original.language == topic.language:
            continue  # the same topic twice: reported by _check_across_topics
        for loc, message, severity in translation_problems(original, topic, original_path.name):
            problems.append(Problem(file=name, line=doc.line_of(loc), field=_field(loc), message=message,
                                    severity=severity))
        gap = abs((topic.review.on - original.review.on).days)
        if settings is not None and gap > settings.max_review_gap_days:
            older, older_path, older_doc, newer, newer_path = (
                (original, original_path, original_doc, topic, path) if original.review.on < topic.review.on
                else (topic, path, doc, original, original_path)
            )
            problems.append(
                Problem(file=str(older_path), line=older_doc.line_of(REVIEW_ON), field=_field(REVIEW_ON),
                        message=f"{older.review.on} is {gap} days before the review of {newer_path.name} "
                                f"({newer.review.on}), "
                                f"more than max_review_gap_days ({settings.max_review_gap_days}); "
                                f"check that the '{older.language}' version still says the same and review it",
                        severity=Severity.WARNING)
            )


def _check_versions(topics: list[tuple[Topic, Path, YamlDocument]], settings: KioskSettings,
                    problems: list[Problem]) -> None:
    """Warn, per topic, for each language the kiosk offers that it has no version in: those
    patients find it listed in another language (marked so), and staff should know it."""
    from kiosk.content.library_nav import offered_languages

    offered = offered_languages(settings.languages, [t for t, _, _ in topics])
    if len(offered) < 2 or any(p.severity is Severity.ERROR for p in problems):
        return  # errors first: a file that did not load may be the missing version
    versions: dict[str, dict[str, tuple[Topic, Path, YamlDocument]]] = {}
    for topic, path, doc in topics:
        if topic.enabled:
            versions.setdefault(topic.id, {}).setdefault(topic.language, (topic, path, doc))
    for topic_id, written in versions.items():
        topic, path, doc = next(iter(written.values()))  # the original: files are read original first
        for code in offered:
            if code in written:
                continue
            name = settings.language_name(code)
            problems.append(
                Problem(file=str(path), line=doc.line_of(("id",)), field="id",
                        message=f"has no {name} ('{code}') version, a language this kiosk offers: patients who "
                                f"choose {name} find it on home in {settings.language_name(topic.language)}, "
                                f"marked so; add {topic_id}.{code}.yaml",
                        severity=Severity.WARNING))


def _check_review_status(topic: Topic, doc: YamlDocument, path: Path, problems: list[Problem]) -> None:
    """A draft loads (staff need to see it on the kiosk) but is never silent: a warning here, a
    line in staff mode, and patients read that no clinician has reviewed it."""
    if topic.review.is_draft:
        problems.append(
            Problem(file=str(path), line=doc.line_of(("review", "status")), field="review.status",
                    message="draft: no clinician has reviewed this topic, and patients are told so on its "
                            "About screen; once one has, write 'status: reviewed', their role or name in "
                            "'by' and the day in 'on'",
                    severity=Severity.WARNING)
        )


def _check_review_age(topic, doc, path, settings: KioskSettings, today: dt.date, problems) -> None:
    age = (today - topic.review.on).days
    if age > settings.max_review_age_days:
        problems.append(
            Problem(file=str(path), line=doc.line_of(REVIEW_ON), field=_field(REVIEW_ON),
                    message=f"last reviewed {age} days ago, more than max_review_age_days "
                            f"({settings.max_review_age_days}); ask a clinician to review it",
                    severity=Severity.WARNING)
        )
    if topic.review.on > today:
        problems.append(
            Problem(file=str(path), line=doc.line_of(REVIEW_ON), field=_field(REVIEW_ON),
                    message=f"{topic.review.on} is in the future; write the day the review was done")
        )


def _count_screens(topic: Topic, doc: YamlDocument, path: Path, topics: list[tuple[Topic, Path, YamlDocument]],
                   settings: KioskSettings, today: dt.date, problems: list[Problem]) -> ScreenCount:
    """The core's and the worst-case summary's screens at 40x12, warned above their limits: a
    frightened patient reads the core on the smallest kiosk, a provider scans the summary."""
    first = settings.languages[0]
    original = next((t for t, _, _ in topics if t.id == topic.id and t.language == first), None)
    count = screen_counts(topic, settings, original, today)
    if count.core > MAX_CORE_SCREENS:
        problems.append(
            Problem(file=str(path), line=doc.line_of(("pages",)), field="pages",
                    message=f"the core takes {count.core} screens at 40x12, more than {MAX_CORE_SCREENS}; keep in "
                            f"'pages' what every patient needs and move the rest into 'more' sections",
                    severity=Severity.WARNING))
    if count.summary is not None and count.summary > MAX_SUMMARY_SCREENS:
        problems.append(
            Problem(file=str(path), line=doc.line_of(("flow",)), field="flow",
                    message=f"the provider summary takes up to {count.summary} screens at 40x12 (every question "
                            f"answered with its longest answers), more than {MAX_SUMMARY_SCREENS}; give questions "
                            f"of one kind the same summary_label, shorten the answers' summary words, or ask fewer "
                            f"questions",
                    severity=Severity.WARNING))
    return count


def _patient_texts(topic: Topic) -> Iterable[tuple[tuple, str]]:
    for i, page in enumerate(topic.pages):
        yield ("pages", i, "body"), page.body
    for n, section in enumerate(topic.more):
        for i, page in enumerate(section.pages):
            yield ("more", n, "pages", i, "body"), page.body
    if topic.flow:
        for i, q in enumerate(topic.flow.questions):
            yield ("flow", "questions", i, "prompt"), q.prompt + (" " + q.help if q.help else "")


def _grade_topic(topic, doc, path, settings: KioskSettings, problems) -> TopicGrade:
    # Only `kiosk validate` and staff's "Content warnings" grade: a kiosk's start never imports these.
    from kiosk.content import readability, readability_es

    whole: list[str] = []
    for loc, text in _patient_texts(topic):
        whole.append(text)
        if topic.language == "es":
            _check_spanish_ease(text, loc, doc, path, settings, problems)
        if topic.language != "en":
            continue  # the grade formulas are for English text
        report = readability.reading_report(text)
        grade = report.grade
        if grade > settings.max_reading_grade and report.words >= 20:
            problems.append(
                Problem(file=str(path), line=doc.line_of(loc), field=_field(loc),
                        message=f"reads at grade {grade:.1f}, above max_reading_grade "
                                f"({settings.max_reading_grade:g}); use shorter sentences and words",
                        severity=Severity.WARNING)
            )
    whole_report = readability.reading_report("\n\n".join(whole))
    if topic.language == "es":
        lectura = readability_es.lectura_report("\n\n".join(whole))
        return TopicGrade(topic.id, topic.language, whole_report.grade, whole_report.smog,
                          lectura.szigriszt_pazos, lectura.inflesz)
    return TopicGrade(topic.id, topic.language, whole_report.grade, whole_report.smog)


def _check_spanish_ease(text: str, loc: tuple, doc, path, settings: KioskSettings, problems) -> None:
    """Warn when a Spanish text scores below ``min_reading_ease_es`` on INFLESZ.

    The same 20-word floor as the English grade: a short prompt's score swings on one word.
    """
    from kiosk.content import readability_es

    report = readability_es.lectura_report(text)
    if report.szigriszt_pazos < settings.min_reading_ease_es and report.words >= 20:
        problems.append(
            Problem(file=str(path), line=doc.line_of(loc), field=_field(loc),
                    message=f"reads at {report.szigriszt_pazos:.1f} on the INFLESZ scale ('{report.inflesz}'), below "
                            f"min_reading_ease_es ({settings.min_reading_ease_es:g}); use shorter sentences and words",
                    severity=Severity.WARNING)
        )
