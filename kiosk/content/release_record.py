"""The release record: which content is live, since when, and which was last refused and why.

A refused update used to be visible only in the update service's journal, under a temporary
folder that no longer exists, while staff mode said "No content warnings." So whoever refuses
content writes it here: the running kiosk (a reload with errors), ``kiosk validate --record``
and ``deploy/update-content.sh`` (through that command). The running kiosk also writes the
release it shows. Staff mode reads it (:func:`kiosk.content.staff_report.release_lines`).

One small JSON file, ``release/record.json`` in the data folder that
:func:`kiosk.content.settings.data_folder` gives with no ``data_dir`` (as
:mod:`kiosk.content.last_good` does, and for the same reason: the refused release's
``kiosk.yaml`` may be the file that does not load). On a deployed kiosk that is
``/var/lib/clinic-kiosk``, which the update service names in ``$STATE_DIRECTORY``. It is written
whole or not at all (:mod:`kiosk.host.atomic_file`), readable by everyone (0644: the update
service's user writes it, the kiosk's user reads it); it holds release names, times and content
errors, never anything of a patient. Reading never raises: a damaged record reads as empty.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from kiosk.content.model import Problem
from kiosk.content.settings import SETTINGS_FILE, data_folder
from kiosk.host.atomic_file import write_atomic

FOLDER = "release"
FILE = "record.json"
#: Errors kept for staff: the first ones name what to fix; the rest are in ``kiosk validate``.
MAX_ERRORS = 40
MAX_ERROR_CHARS = 300
#: A kiosk writes from worker threads (content gone live, a reload refused): one change at a time,
#: so neither undoes the other. (The update script is another process; its write and the kiosk's
#: are each whole, and the last one wins.)
_CHANGING = threading.Lock()


@dataclass(frozen=True)
class Release:
    """One release: its name (``git-<commit>``, a shared-folder copy's name, or ``folder
    <fingerprint>``), when it went live or was refused, and for a refused one its errors."""

    name: str
    at: dt.datetime
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReleaseRecord:
    live: Release | None = None
    refused: Release | None = None


def record_path(content: Path | str, *, dev: bool = False) -> Path:
    return data_folder(content, None, dev=dev) / FOLDER / FILE


def read(content: Path | str, *, dev: bool = False) -> ReleaseRecord:
    """The record kept for ``content``'s kiosk; empty when there is none or it is damaged."""
    try:
        data = json.loads(record_path(content, dev=dev).read_text(encoding="utf-8"))
        return ReleaseRecord(live=_release(data.get("live")), refused=_release(data.get("refused")))
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return ReleaseRecord()


def record_live(content: Path | str, name: str, *, now: dt.datetime | None = None, dev: bool = False) -> str | None:
    """``name`` is the release on show. The same release again (a restart) keeps its first
    date. None when written (or nothing to write), else why not."""
    with _CHANGING:
        record = read(content, dev=dev)
        if record.live is not None and record.live.name == name:
            return None
        return _write(content, ReleaseRecord(Release(name, _now(now)), record.refused), dev=dev)


def record_refused(content: Path | str, name: str, problems: Iterable[Problem], *,
                   now: dt.datetime | None = None, dev: bool = False) -> str | None:
    """Release ``name`` in folder ``content`` was refused for ``problems`` (only the errors are
    kept, each named inside the release). None when written, else why not."""
    errors = [str(named_inside(content, p))[:MAX_ERROR_CHARS] for p in problems if p.severity == "error"]
    refused = Release(name, _now(now), tuple(errors[:MAX_ERRORS]))
    with _CHANGING:
        return _write(content, ReleaseRecord(read(content, dev=dev).live, refused), dev=dev)


def named_inside(content: Path | str, problem: Problem) -> Problem:
    """``problem`` with its file named inside the release (``topics/x.yaml``): the release was
    checked in a temporary folder that is gone by the time staff read about it."""
    root = str(Path(content).absolute())
    if problem.file.startswith(root + os.sep):
        return replace(problem, file=problem.file[len(root) + 1:])
    return problem


def release_name(folder: Path | str) -> str:
    """What staff call this content: the release folder a link points at (``git-<commit>`` from
    the update script), else ``folder <first 12 of a hash of kiosk.yaml and topics/>``."""
    folder = Path(folder)
    if folder.is_symlink():
        return folder.resolve().name
    digest = hashlib.sha256()
    for path in [folder / SETTINGS_FILE, *sorted((folder / "topics").glob("*.yaml"))]:
        digest.update(path.name.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"(unreadable)")
    return f"folder {digest.hexdigest()[:12]}"


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)


def _release(data: object) -> Release | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise TypeError("not a release")
    errors = data.get("errors", [])
    if not isinstance(data["name"], str) or not all(isinstance(e, str) for e in errors):
        raise TypeError("not a release")
    return Release(data["name"], dt.datetime.fromisoformat(data["at"]), tuple(errors))


def _write(content: Path | str, record: ReleaseRecord, *, dev: bool) -> str | None:
    data = {
        key: {"name": release.name, "at": release.at.isoformat(), **({"errors": list(release.errors)}
                                                                    if key == "refused" else {})}
        for key, release in (("live", record.live), ("refused", record.refused)) if release is not None
    }
    return write_atomic(record_path(content, dev=dev), json.dumps(data, indent=1) + "\n", mode=0o644)
