"""The studio's working copy of a content folder: check, save and publish topic files.

Staff edit a copy (``work``), never the folder the kiosk reads (``live``), so a half-written
topic can never reach a patient. Every check goes through the kiosk's one content path
(:func:`kiosk.content.content_path.load_content`) on a small folder holding the settings, the
edited text and the topic's other languages: a problem the kiosk would refuse is a problem
here, on the same line, in the same words.

- :meth:`Workspace.save` writes a topic file only when it loads; otherwise the text is kept as
  a draft beside it (``<name>.draft``, which the kiosk never reads) until it does.
- :meth:`Workspace.publish` builds the topics folder the kiosk would have after publishing beside
  the live one, checks it whole, and only then swaps it in with one rename
  (:mod:`kiosk.host.dir_exchange`): a kiosk polling ``live`` sees all of a publish or none of it.

Owns files of the working copy and the publish; never imports Textual.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from kiosk.content.content_path import load_content
from kiosk.content.library import TOPICS_DIR, Library
from kiosk.content.model import Problem, Severity, Topic
from kiosk.content.settings import SETTINGS_FILE
from kiosk.host import dir_exchange
from kiosk.host.atomic_file import write_atomic
from kiosk.studio.git_release import commit_and_push, is_git_folder
from kiosk.studio.skeleton import untranslated_lines

DRAFT_SUFFIX = ".draft"


@dataclass(frozen=True)
class Check:
    """What the content path says about one topic file's text."""

    name: str
    problems: list[Problem]
    #: The topic in every language, as the kiosk would load it; None when it does not load.
    library: Library | None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def loads(self) -> bool:
        return self.library is not None


@dataclass(frozen=True)
class Saved:
    """``written`` is True when the file itself was written; False: kept as a draft."""

    written: bool
    path: Path
    check: Check


@dataclass(frozen=True)
class Published:
    ok: bool
    #: What happened, in plain words, for the studio's status line.
    message: str
    problems: list[Problem] = field(default_factory=list)
    written: list[str] = field(default_factory=list)


def topic_in(library: Library, name: str) -> Topic | None:
    """The topic file ``name`` holds, in a library of its topic's languages: a translation's by
    the language in its name; the original's is the one language no translation file has."""
    topic_id = topic_id_of(name)
    parts = name.split(".")
    if len(parts) == 3:
        return next((t for t in library.topics if t.id == topic_id and t.language == parts[1]), None)
    translated = {p.name.split(".")[1] for p in (library.root / TOPICS_DIR).glob(f"{topic_id}.*.yaml")}
    return next((t for t in library.topics if t.id == topic_id and t.language not in translated), None)


def topic_id_of(name: str) -> str:
    """``leg-cramps.es.yaml`` -> ``leg-cramps``."""
    return name.split(".")[0]


def language_of(name: str, first: str = "en") -> str:
    """``leg-cramps.es.yaml`` -> ``es``; an original takes the kiosk's first language."""
    parts = name.split(".")
    return parts[1] if len(parts) == 3 else first


class Workspace:
    """A working copy ``work`` of the live content folder ``live``."""

    def __init__(self, live: Path, work: Path) -> None:
        self.live = Path(live)
        self.work = Path(work)
        #: What the last publish check found (its warnings go with a successful publish).
        self._last_problems: list[Problem] = []

    @classmethod
    def open(cls, live: Path, work: Path) -> Workspace:
        """The working copy of ``live``, brought up to date with it.

        The settings are always the live ones (the studio never edits kiosk.yaml, and a check
        must judge a topic by the settings the kiosk has now). A topic file of ``live`` the copy
        does not have (made before the copy, or put there by other means) is copied in; files the
        copy already has are staff's work and are kept. Raises OSError when ``work`` cannot be
        written.
        """
        space = cls(live, work)
        (space.work / TOPICS_DIR).mkdir(parents=True, exist_ok=True)
        shutil.copy2(space.live / SETTINGS_FILE, space.work / SETTINGS_FILE)
        for path in sorted((space.live / TOPICS_DIR).glob("*.yaml")):
            mine = space.work / TOPICS_DIR / path.name
            if not path.is_file() or path.name.startswith("."):
                continue
            if not mine.exists() or not space.edited(mine):  # staff never changed it: take the live one
                shutil.copy2(path, mine)
                space._remember_base(mine)
        schema = space.live / "schema"
        if schema.is_dir():
            shutil.copytree(schema, space.work / "schema", dirs_exist_ok=True)
        return space

    # --- what staff changed ------------------------------------------------------------
    def _base_path(self, mine: Path) -> Path:
        """The file as it was last taken from, or published to, the live folder."""
        return self.work / BASE_DIR / mine.name

    def _remember_base(self, mine: Path) -> None:
        base = self._base_path(mine)
        base.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(mine, base)

    def edited(self, mine: Path) -> bool:
        """Staff changed ``mine`` since it was taken from (or published to) the live folder; a
        file with no base (a new topic, or a copy older than bases) counts as changed."""
        return _differs(mine, self._base_path(mine))

    # --- files ---------------------------------------------------------------------------
    @property
    def topics(self) -> Path:
        return self.work / TOPICS_DIR

    def path(self, name: str) -> Path:
        return self.topics / name

    def draft_path(self, name: str) -> Path:
        return self.topics / (name + DRAFT_SUFFIX)

    def names(self) -> list[str]:
        """Topic file names of the working copy, with those that exist only as a draft."""
        names = {p.name for p in self.topics.glob("*.yaml") if not p.name.startswith(".")}
        names |= {p.name.removesuffix(DRAFT_SUFFIX) for p in self.topics.glob("*.yaml" + DRAFT_SUFFIX)}
        return sorted(names, key=lambda n: (topic_id_of(n), n.count("."), n))

    def has_draft(self, name: str) -> bool:
        return self.draft_path(name).is_file()

    def read(self, name: str) -> str:
        """The text staff last worked on: the draft when there is one, else the file."""
        draft = self.draft_path(name)
        return (draft if draft.is_file() else self.path(name)).read_text(encoding="utf-8")

    # --- checking ------------------------------------------------------------------------
    def check(self, name: str, text: str) -> Check:
        """Load ``text`` as topic file ``name`` beside its other languages, the kiosk's way."""
        topic_id = topic_id_of(name)
        with tempfile.TemporaryDirectory(prefix="kiosk-studio-") as tmp:
            root = Path(tmp)
            (root / TOPICS_DIR).mkdir()
            shutil.copy2(self.work / SETTINGS_FILE, root / SETTINGS_FILE)
            for other in self.topics.glob(f"{topic_id}.*yaml"):
                if other.name != name and topic_id_of(other.name) == topic_id:
                    shutil.copy2(other, root / TOPICS_DIR / other.name)
            (root / TOPICS_DIR / name).write_text(text, encoding="utf-8")
            result = load_content(root)
            problems = [_moved(p, root, self.work) for p in result.problems if not _about_other_topics(p)]
        problems += untranslated_problems(self.path(name), text)
        problems.sort(key=lambda p: (p.file != str(self.path(name)), p.line or 0))
        return Check(name, problems, result.library)

    def save(self, name: str, text: str) -> Saved:
        """Write the file when it loads (and drop its draft); otherwise keep the text as the draft."""
        check = self.check(name, text)
        if check.loads:
            problem = write_atomic(self.path(name), text)
            if problem is None:
                self.draft_path(name).unlink(missing_ok=True)
                return Saved(True, self.path(name), check)
        problem = write_atomic(self.draft_path(name), text)
        if problem is not None:
            raise OSError(problem)
        return Saved(False, self.draft_path(name), check)

    def create(self, name: str, text: str) -> Saved:
        """A new file: refused when one of that name is already there."""
        if self.path(name).exists() or self.has_draft(name):
            raise FileExistsError(f"{name} is already in the library; open it from the list instead")
        return self.save(name, text)

    # --- publishing ----------------------------------------------------------------------
    def publish(self) -> Published:
        """:meth:`publish_changed`, then what was published is the copy's new base."""
        result = self.publish_changed()
        if result.ok:
            for name in result.written:
                self._remember_base(self.path(name))
        return result

    def publish_changed(self) -> Published:
        """Check what ``live`` would hold, whole, then put the changed topic files into it in
        one step as the kiosk sees it (:meth:`_swap_in`); into a git clone, file by file, then
        commit (the kiosks take that release from git, whole)."""
        # Only what staff changed: a file as it was taken from the kiosk, while the kiosk has since
        # taken a newer release, must never be written back over that release.
        changed = [p for p in sorted(self.topics.glob("*.yaml"))
                   if self.edited(p) and _differs(p, self.live / TOPICS_DIR / p.name)]
        if not changed:
            return Published(True, "Nothing to publish: the kiosk already has every saved topic.")
        untranslated = [p for path in changed for p in untranslated_problems(path, path.read_text(encoding="utf-8"))]
        if untranslated:
            return Published(False, f"Not published: {len(untranslated)} text(s) are still marked untranslated. "
                                    "Translate them (see the list), save, and publish again.", untranslated)
        changed.sort(key=lambda p: (p.name.count("."), p.name))  # originals first (see _write_each)
        if is_git_folder(self.live):
            return self._publish_in_place(changed, git=True)
        if (self.live / TOPICS_DIR).is_symlink():  # swapping would put a folder where the link was
            return self._publish_in_place(changed, git=False)
        try:
            with _staged(self.live, changed) as staged:
                refused = self._refused(staged.parent)
                if refused is not None:
                    return refused
                problems = self._last_problems
                try:
                    dir_exchange.exchange(self.live / TOPICS_DIR, staged)
                    how = ""
                except dir_exchange.ExchangeUnsupported:
                    written, stopped = self._write_each(changed)
                    if stopped is not None:
                        return stopped
                    how = " (written one by one: this file system cannot swap folders)"
        except OSError as error:
            return Published(False, f"Publishing stopped: {error}. Nothing was changed.")
        names = [p.name for p in changed]
        warnings = [p for p in problems if p.severity is Severity.WARNING]
        return Published(True, f"Published {', '.join(names)}{how}. The kiosk shows it from its next fresh "
                               "home screen.", warnings, names)

    def _refused(self, root: Path) -> Published | None:
        """Load ``root`` (the library after publishing) the kiosk's way; a refusal, or None."""
        result = load_content(root)
        self._last_problems = [_moved(p, root, self.live) for p in result.problems]
        if result.library is not None:
            return None
        errors = [p for p in self._last_problems if p.severity is Severity.ERROR]
        return Published(False, f"Not published: the library would have {len(errors)} error(s), so the kiosk "
                                "would refuse it. Nothing was changed. Fix them (see the list) and publish again.",
                         errors)

    def _write_each(self, changed: list[Path]) -> tuple[list[str], Published | None]:
        """Each file atomically, every original before any translation: a new topic is never in
        the folder as a translation without its original (which the kiosk refuses). A changed
        original and its changed translation can still be seen one without the other for a
        moment; the folder swap is what closes that."""
        written: list[str] = []
        for path in changed:
            problem = write_atomic(self.live / TOPICS_DIR / path.name, path.read_text(encoding="utf-8"))
            if problem is not None:
                return written, Published(False, f"Publishing stopped: {problem}. Published so far: "
                                                 f"{', '.join(written) or 'nothing'}.", [], written)
            written.append(path.name)
        return written, None

    def _publish_in_place(self, changed: list[Path], *, git: bool) -> Published:
        """Checked whole in a temporary copy, then written file by file (:meth:`_write_each`).

        For a git clone (``git``), then committed and pushed: a clone is no kiosk's live folder,
        kiosks take a release from it by commit, whole, and check it again. Also where
        ``topics`` is a link, which a swap would replace with a folder."""
        with _would_be_live(self.live, changed) as root:
            refused = self._refused(root)
        if refused is not None:
            return refused
        warnings = [p for p in self._last_problems if p.severity is Severity.WARNING]
        written, stopped = self._write_each(changed)
        if stopped is not None:
            return stopped
        if not git:
            return Published(True, f"Published {', '.join(written)} (written one by one: the topics folder is a "
                                   "link). The kiosk shows it from its next fresh home screen.", warnings, written)
        done = commit_and_push(self.live, [self.live / TOPICS_DIR / name for name in written],
                               f"Studio: publish {', '.join(written)}")
        return Published(done.ok, f"Published {', '.join(written)}. {done.message}", warnings, written)

    def unpublished(self) -> list[str]:
        """Names of topic files staff changed that differ from (or are missing in) the live folder."""
        return [p.name for p in sorted(self.topics.glob("*.yaml"))
                if self.edited(p) and _differs(p, self.live / TOPICS_DIR / p.name)]


def _differs(path: Path, live: Path) -> bool:
    try:
        return path.read_bytes() != live.read_bytes()
    except OSError:
        return True


STAGING_PREFIX = ".studio-publishing-"
#: Inside the working copy: each topic file as last taken from or published to the live folder.
BASE_DIR = ".base"


@contextmanager
def _staged(live: Path, changed: list[Path]) -> Iterator[Path]:
    """The topics folder after publishing, built beside the live one (inside ``live``: the same
    file system, so it can be swapped in; a dot name, which the kiosk never reads), in a folder
    of its own with the live settings so it can be checked whole. Every file the studio does
    not manage is copied as it is (hidden files, other topics, their times and modes), and the
    folder keeps the live one's permissions. Yields the new topics folder; afterwards removes
    the staging folder, with the old topics folder in it once swapped."""
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=live))
    try:
        shutil.copy2(live / SETTINGS_FILE, staging / SETTINGS_FILE)
        topics = staging / TOPICS_DIR
        shutil.copytree(live / TOPICS_DIR, topics, symlinks=True)
        for path in changed:
            shutil.copy2(path, topics / path.name)
        shutil.copystat(live / TOPICS_DIR, topics)
        yield topics
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def _would_be_live(live: Path, changed: list[Path]) -> Iterator[Path]:
    """A temporary copy of ``live`` with the changed files in it: the library after publishing."""
    with tempfile.TemporaryDirectory(prefix="kiosk-publish-") as tmp:
        root = Path(tmp)
        (root / TOPICS_DIR).mkdir()
        shutil.copy2(live / SETTINGS_FILE, root / SETTINGS_FILE)
        for path in (live / TOPICS_DIR).glob("*.yaml"):
            if path.is_file() and not path.name.startswith("."):
                shutil.copy2(path, root / TOPICS_DIR / path.name)
        for path in changed:
            shutil.copy2(path, root / TOPICS_DIR / path.name)
        yield root


def _about_other_topics(problem: Problem) -> bool:
    """Warnings about the whole library that a one-topic folder makes up (too few topics in a
    language, home pages): the library view and publish report them for the real library."""
    return problem.field in ("languages", "group") and problem.line is None


def _moved(problem: Problem, root: Path, to: Path) -> Problem:
    """The problem as found in the temporary ``root``, naming the same file in ``to``."""
    prefix = str(root)
    if problem.file.startswith(prefix):
        return replace(problem, file=str(to) + problem.file[len(prefix):])
    return problem


def untranslated_problems(path: Path, text: str) -> list[Problem]:
    """A warning for each text of ``path`` still marked untranslated (publish refuses them)."""
    return [Problem(file=str(path), line=found.line, field=found.field,
                    message="is still marked [untranslated]: write it in this file's language and remove the mark",
                    severity=Severity.WARNING)
            for found in untranslated_lines(text)]
