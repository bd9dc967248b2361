"""One row per topic for the studio's library view: its state at a glance.

State comes from the kiosk's one content path run over the whole working copy, so a topic
marked "errors" here is one the kiosk would refuse. Languages are compared with the languages
the kiosk offers (``languages`` in kiosk.yaml): a topic missing one is flagged, because patients
who choose that language never see it. Beside the rows, what the kiosk has live and what it
last refused, from the record staff mode reads. Pure; never imports Textual.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from kiosk.content import release_record, staff_report
from kiosk.content.content_path import load_content
from kiosk.content.model import Problem, Severity, Topic
from kiosk.content.settings import data_folder
from kiosk.content.yaml_source import YamlSyntaxError, parse_yaml
from kiosk.studio.git_release import is_git_folder
from kiosk.studio.reading import topic_score
from kiosk.studio.workspace import Workspace, language_of, topic_id_of, untranslated_problems
from kiosk.visit.topic_switches import load_disabled_topics


@dataclass(frozen=True)
class TopicRow:
    topic_id: str
    title: str
    state: str  # "valid", "2 warning(s)", "1 error(s)"
    languages: list[str]
    missing: list[str]
    reading: str
    review: str
    on: str
    changed: str
    #: The file the row opens in the editor (the original, or the first file of the id).
    name: str


@dataclass(frozen=True)
class LibraryState:
    rows: list[TopicRow]
    languages: list[str]
    #: Problems of the whole working copy (every file), for the library's own list.
    problems: list[Problem]
    #: What the kiosk shows and what it last refused (:func:`release_view`).
    release: list[str] = field(default_factory=list)


def library_state(space: Workspace, *, today: dt.date | None = None) -> LibraryState:
    today = today or dt.date.today()
    result = load_content(space.work, today=today)
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for problem in result.problems:
        by_file[problem.file].append(problem)
    settings = result.library.settings if result.library is not None else _settings(space)
    languages = list(settings.languages) if settings is not None else ["en"]
    switched_off: set[str] = set()
    if settings is not None:
        switched_off = load_disabled_topics(data_folder(space.live, settings.data_dir))
    names_by_id: dict[str, list[str]] = defaultdict(list)
    for name in space.names():
        names_by_id[topic_id_of(name)].append(name)
    rows = []
    for topic_id, names in names_by_id.items():
        problems = [p for n in names for p in by_file.get(str(space.path(n)), [])]
        for n in names:
            if space.path(n).is_file():
                problems += untranslated_problems(space.path(n), space.path(n).read_text(encoding="utf-8"))
        topics: dict[str, Topic | None] = {}
        for n in names:
            topic = _topic(space, n)
            topics[topic.language if topic is not None else language_of(n, languages[0])] = topic
        first = _topic(space, names[0]) or next((t for t in topics.values() if t is not None), None)
        present = [lang for lang in topics]
        errors = sum(p.severity is Severity.ERROR for p in problems)
        warnings = len(problems) - errors
        drafts = [n for n in names if space.has_draft(n)]
        state = (f"{errors} error(s)" if errors else f"{warnings} warning(s)" if warnings else "valid")
        if drafts:
            state += ", draft"
        rows.append(TopicRow(
            topic_id=topic_id,
            title=first.title if first else "(does not load)",
            state=state,
            languages=present,
            missing=[lang for lang in languages if lang not in present],
            reading=topic_score(first) if first else "-",
            review=_review(first, today, settings.max_review_age_days if settings else 365),
            on=("off (staff mode)" if topic_id in switched_off else "on") if first and first.enabled else "off",
            changed=_changed(space, names),
            name=names[0],
        ))
    return LibraryState(rows, languages, result.problems, release_view(space))


def release_view(space: Workspace) -> list[str]:
    """The live release and the last refused one with its ``file:line`` errors, in staff mode's
    own words, from the record the kiosk of ``space.live`` keeps (one small file). A git clone
    is no kiosk's folder: its kiosks keep their records on their own machines."""
    if is_git_folder(space.live):
        return ["Kiosks take this folder's releases from git: each kiosk's staff mode shows what it has live "
                "and what it refused."]
    return staff_report.release_lines(release_record.read(space.live))


def _topic(space: Workspace, name: str) -> Topic | None:
    """The file's topic when it validates on its own (for title, grade and review), else None."""
    try:
        doc = parse_yaml(space.path(name).read_text(encoding="utf-8"))
        return Topic.model_validate(doc.data)
    except (OSError, UnicodeDecodeError, YamlSyntaxError, ValueError):
        return None


def _settings(space: Workspace):
    from kiosk.content.settings import SETTINGS_FILE, KioskSettings

    try:
        return KioskSettings.model_validate(parse_yaml((space.work / SETTINGS_FILE).read_text(encoding="utf-8")).data)
    except (OSError, UnicodeDecodeError, YamlSyntaxError, ValueError):
        return None


def _review(topic: Topic | None, today: dt.date, max_age_days: int) -> str:
    """"needs review" when not reviewed yet, or reviewed longer ago than the kiosk allows."""
    if topic is None:
        return "-"
    review = getattr(topic, "review", None)
    status = str(getattr(review, "status", "reviewed")) if review is not None else "reviewed"
    on = getattr(review, "on", None) if review is not None else getattr(topic, "reviewed_on", None)
    if status != "reviewed":
        return f"needs review ({status})"
    if on is not None and (today - on).days > max_age_days:
        return f"needs review (last {on})"
    return f"reviewed {on}" if on else "reviewed"


def _changed(space: Workspace, names: list[str]) -> str:
    stamps = []
    for name in names:
        for path in (space.path(name), space.draft_path(name)):
            if path.is_file():
                stamps.append(path.stat().st_mtime)
    if not stamps:
        return "-"
    return dt.datetime.fromtimestamp(max(stamps)).strftime("%Y-%m-%d %H:%M")
