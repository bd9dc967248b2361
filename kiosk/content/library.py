"""A loaded library: what a running kiosk shows, asks and speaks, and the result of a load.

Kept apart from :mod:`kiosk.content.loader` (which reads and judges the files) so a start served
by the validated-library cache (:mod:`kiosk.content.library_cache`) imports only these classes:
never PyYAML, the checks or pydantic's error wording, which a running kiosk needs only when its
content changes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.content.model import Problem, Severity, Topic
from kiosk.content.settings import SETTINGS_FILE, KioskSettings

if TYPE_CHECKING:
    from kiosk.content.screen_count import ScreenCount

TOPICS_DIR = "topics"


def original_first(path: Path) -> tuple[str, int, str]:
    """Sort key of topic files: by topic id (the name before any ``.<lang>``), the original
    first, then by name."""
    stem = path.name[: -len(".yaml")]
    return (stem.split(".")[0], stem.count("."), path.name)


def add_to_fingerprint(digest, name: str, raw: bytes) -> None:
    """One content file's part of :attr:`Library.fingerprint`: the loader and
    :func:`files_fingerprint` both take it from here, so they cannot drift apart."""
    digest.update(name.encode() + b"\0" + raw + b"\0")


def files_fingerprint(root: Path) -> str | None:
    """The :attr:`Library.fingerprint` a folder of plain files would load with (the names and
    bytes of ``kiosk.yaml`` and of each ``topics/*.yaml``, in load order), from the bytes alone:
    no parsing. None when a file cannot be read. For a copy the kiosk wrote itself (the last
    good copy), whose files are all plain, readable and within the size limit."""
    digest = hashlib.sha256()
    try:
        files = [root / SETTINGS_FILE, *sorted((p for p in (root / TOPICS_DIR).glob("*.yaml")
                                                if not p.name.startswith(".")), key=original_first)]
        for path in files:
            add_to_fingerprint(digest, path.name, path.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


@dataclass(frozen=True)
class TopicGrade:
    """Reading level of one topic's patient-facing text (K-C1).

    ``grade`` and ``smog`` are the English formulas. For a language with its own reading-ease
    formula (Spanish: Szigriszt-Pazos on the INFLESZ scale, see :mod:`kiosk.content.readability_es`)
    ``ease`` is that score, higher is easier, and ``ease_band`` its band ("bastante fácil");
    judge such a topic by ``ease``, not by the English ``grade``.
    """

    topic_id: str
    language: str
    grade: float
    smog: float
    ease: float | None = None
    ease_band: str | None = None

    def too_hard(self, settings: KioskSettings) -> bool:
        """Past the kiosk's limit for this topic's own language: ``min_reading_ease_es`` for a
        Spanish ease, ``max_reading_grade`` for an English grade."""
        if self.ease is not None:
            return self.ease < settings.min_reading_ease_es
        return self.grade > settings.max_reading_grade

    def line(self, settings: KioskSettings) -> str:
        """The one wording of a topic's reading level, in its own language's measure, for
        ``kiosk validate`` and staff mode alike (two wordings once disagreed on a topic)."""
        if self.ease is not None:  # a language with its own formula: the English grade means nothing there
            level = f"reading ease {self.ease:.1f} (INFLESZ, {self.ease_band})"
        else:
            level = f"reading grade {self.grade:.1f} (Flesch-Kincaid), SMOG {self.smog:.1f}"
        return f"{self.topic_id} ({self.language}): {level}{'  TOO HARD' if self.too_hard(settings) else ''}"


@dataclass(frozen=True)
class Library:
    """Everything the kiosk shows, asks and speaks; immutable once loaded."""

    root: Path
    settings: KioskSettings
    topics: tuple[Topic, ...]
    fingerprint: str
    warnings: tuple[Problem, ...] = ()
    grades: tuple[TopicGrade, ...] = ()
    #: Each topic's core and worst-case summary in screens at 40x12 (counted with the grades).
    screens: tuple[ScreenCount, ...] = ()
    #: Loaded from the last good copy (kiosk.content.last_good), not from ``root``, whose files did not
    #: load at start: never copied back over the last good copy.
    from_last_good: bool = False

    def topic(self, topic_id: str, language: str = "en") -> Topic:
        for t in self.topics:
            if t.id == topic_id and t.language == language:
                return t
        raise KeyError((topic_id, language))

    def topics_in(self, language: str) -> list[Topic]:
        """Enabled topics in ``language``, in file-name order."""
        return [t for t in self.topics if t.language == language and t.enabled]

    def shown_in(self, language: str) -> list[Topic]:
        """What a patient who chose ``language`` may read: every enabled topic once, in file-name
        order, in ``language`` where it has a version there, else in another (:meth:`topic_for`).
        A topic not yet translated is listed in the language it has (marked so on home), never
        hidden from the patients who most need to know it is there."""
        from kiosk.content.library_nav import shown_in

        return shown_in(self.topics, language, self.settings.languages)

    def topic_for(self, topic_id: str, language: str) -> Topic:
        """``topic_id`` in ``language`` if it is written in it; else in the kiosk's languages in
        their order (the clinic's first, usually the original), else its first file."""
        from kiosk.content.library_nav import shown_in

        found = shown_in([t for t in self.topics if t.id == topic_id], language, self.settings.languages)
        if not found:
            raise KeyError((topic_id, language))
        return found[0]

    @property
    def page_count(self) -> int:
        """Every page, core and "More about..." sections."""
        return sum(len(t.pages) + sum(len(m.pages) for m in t.more) for t in self.topics)

    @property
    def question_count(self) -> int:
        return sum(len(t.flow.questions) for t in self.topics if t.flow)

    def summary_line(self) -> str:
        return (
            f"{len(self.topics)} topic(s), {self.page_count} page(s), {self.question_count} question(s), "
            f"{len(self.warnings)} warning(s)"
        )


@dataclass
class LoadResult:
    library: Library | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        """The content loaded. A caller that goes on to use the library tests ``result.library is None``
        instead, the same thing, which the type checker narrows (a property cannot narrow it)."""
        return self.library is not None
