"""The last content that loaded whole, kept so a kiosk can start when staff left a file broken.

A running kiosk keeps its last good content in memory whenever a reload is refused. A *start*
had none: a half-saved topic or a stray key in ``kiosk.yaml`` at boot (a power cut, a restart
after an update) left the kiosk exiting with code 2, which systemd restarted every two seconds,
printing staff's ``file:line`` list on the waiting-room screen, with no emergency banner. So
each content that goes live is also copied here (``kiosk.yaml`` and ``topics/*.yaml`` as read),
and a start whose content does not load starts from this copy instead, says so to staff, and
goes on watching the real content folder: the fixed files go live at the next fresh home.

The copy lives in the data folder :func:`kiosk.content.settings.data_folder` gives with no
``data_dir`` (``$STATE_DIRECTORY`` under systemd, the user's data folder otherwise: never the
content folder), under ``last-good/<hash of the content folder's path>``, so two content folders
never share one; it holds only what staff wrote (no patient data). It does not follow
``data_dir`` from ``kiosk.yaml`` because it must be found when ``kiosk.yaml`` itself does not
load; on a deployed kiosk ``data_dir`` and ``$STATE_DIRECTORY`` name the same folder
(docs/DEPLOYMENT.md). No Textual import.

A kill at any instant leaves a copy the next start finds. ``last-good/<key>`` is a symbolic link
to one complete copy in ``last-good/<key>.d/``; a new copy is written there under a temporary
name, checked, renamed into place, and only then does a new link replace the old one in one
``rename`` (atomic); the older copies are removed last. A kill before the swap leaves the old
link and copy; after it, the new. At a start, a link that is missing or leads to a bad copy is
not the end: every copy in the store (newest first), and the ``.new`` and ``.old`` folders the
kiosk wrote before this layout, are tried in turn.

Each copy is checked before use: ``FINGERPRINT`` holds the hash of its files recorded when it
was written (the loader's own fingerprint of the content, checked against the copy before the
swap), and a copy whose files no longer give that hash (changed since, even if still valid) is
refused with the reason logged.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import logging
import os
import shutil
import time
from pathlib import Path

from kiosk.content.library import TOPICS_DIR, Library, files_fingerprint
from kiosk.content.settings import SETTINGS_FILE, data_folder

log = logging.getLogger(__name__)

FOLDER = "last-good"
#: The fingerprint (content hash) of the files the copy holds, recorded when it was written:
#: checked before the copy is used, and so an unchanged content is not copied again.
FINGERPRINT_FILE = "FINGERPRINT"
#: The steps of :func:`save`, in order; ``_step`` is called after each (the tests kill it there).
SAVE_STEPS = ("adopted", "copying", "copied", "checked", "sealed", "linked", "swapped", "pruned")
_TMP = ".tmp-"


def _step(name: str) -> None:
    """Called after each step of :func:`save`: a seam for the tests, which kill the save there."""


def copy_folder(content: Path | str, *, dev: bool = False) -> Path:
    """Where the last good copy of ``content`` is found (whether or not it exists): a link to the
    current copy in :func:`store_folder`."""
    key = hashlib.sha256(str(Path(content).resolve()).encode()).hexdigest()[:16]
    # data_dir None: kiosk.yaml may be the file that does not load (see the module docstring).
    return data_folder(content, None, dev=dev) / FOLDER / key


def store_folder(content: Path | str, *, dev: bool = False) -> Path:
    """Where the copies themselves are kept: normally one, more only after a kill."""
    link = copy_folder(content, dev=dev)
    return link.with_name(link.name + ".d")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write(path: Path, data: bytes) -> None:
    with path.open("wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def save(library: Library, *, dev: bool = False) -> Path | None:
    """Copy the files of ``library`` (which loaded whole) as the last good content, so that a
    kill at any instant leaves a copy (the old or the new) that :func:`load` finds. One save at
    a time for a content folder, across processes (every page of ``kiosk serve`` is a kiosk of
    its own): under an exclusive lock on ``<key>.lock``, released by the system even on a kill.
    Returns the copy's folder, or None when it could not be written (logged: a kiosk runs on
    without)."""
    link = copy_folder(library.root, dev=dev)
    if library.from_last_good:
        return link  # its root holds the files that did not load: the copy stays as it is
    try:
        link.parent.mkdir(parents=True, exist_ok=True)
        with _lock(link, fcntl.LOCK_EX):
            return _save(library, link, store_folder(library.root, dev=dev))
    except OSError as error:
        log.warning("could not keep a copy of the content as the last good one: %s", error)
        return None


@contextlib.contextmanager
def _lock(link: Path, kind: int):
    """``flock`` on ``<key>.lock`` beside the link. A shared lock (for reading) is skipped when
    the file cannot be opened (a read-only data folder): there is no writer then either."""
    try:
        fd = os.open(link.with_name(link.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        if kind == fcntl.LOCK_EX:
            raise
        yield
        return
    try:
        fcntl.flock(fd, kind)
        yield
    finally:
        os.close(fd)  # releases the lock


def _save(library: Library, link: Path, store: Path) -> Path | None:
    """The steps of :func:`save`, under its lock: each leaves a copy a start can use."""
    try:
        # The copy of this very content, whole: its files' bytes give the fingerprint it was
        # written with (a full load of the copy here cost a start's first second a parse of the
        # whole library, in a thread beside the first screen; load() still judges it whole).
        if (link.is_symlink() and _recorded(link) == library.fingerprint
                and files_fingerprint(link.resolve()) == library.fingerprint):
            _prune(link, store, keep=link.resolve())  # what a kill after the swap left
            return link
    except OSError:
        pass
    fresh = store / f"{_TMP}{os.getpid()}-{time.time_ns()}"
    try:
        store.mkdir(parents=True, exist_ok=True)
        if link.is_dir() and not link.is_symlink():  # a copy of the layout of before: kept, as a candidate
            link.rename(store / f"{time.time_ns():020d}-adopted")
        _step("adopted")
        (fresh / TOPICS_DIR).mkdir(parents=True)
        _write(fresh / SETTINGS_FILE, (library.root / SETTINGS_FILE).read_bytes())
        _step("copying")
        for path in sorted((library.root / TOPICS_DIR).glob("*.yaml")):
            if path.is_file() and not path.name.startswith("."):
                _write(fresh / TOPICS_DIR / path.name, path.read_bytes())
        _write(fresh / FINGERPRINT_FILE, library.fingerprint.encode())
        _fsync(fresh / TOPICS_DIR)
        _fsync(fresh)
        _step("copied")
        problem = _check(fresh)
        if problem is not None:  # a file changed on disk after it loaded: keep the copy there is
            log.warning("the content was not kept as the last good copy: the copy %s", problem)
            shutil.rmtree(fresh, ignore_errors=True)
            return None
        _step("checked")
        version = store / f"{time.time_ns():020d}-{library.fingerprint[:12]}"
        fresh.rename(version)
        _fsync(store)
        _step("sealed")
        pointer = link.with_name(f"{link.name}{_TMP}{os.getpid()}")
        pointer.unlink(missing_ok=True)
        pointer.symlink_to(Path(store.name) / version.name)
        _step("linked")
        pointer.replace(link)  # the swap: one rename, atomic
        _fsync(link.parent)
        _step("swapped")
        _prune(link, store, keep=version)
        _step("pruned")
    except OSError as error:
        log.warning("could not keep a copy of the content as the last good one: %s", error)
        shutil.rmtree(fresh, ignore_errors=True)
        return None
    return link


def _prune(link: Path, store: Path, keep: Path) -> None:
    """Remove every copy but ``keep``, what a kill left, and the ``.new`` and ``.old`` of before."""
    for path in [*store.iterdir(), link.with_name(link.name + ".new"), link.with_name(link.name + ".old")]:
        if path != keep and path.exists():
            shutil.rmtree(path, ignore_errors=True)
    for pointer in link.parent.glob(f"{link.name}{_TMP}*"):
        pointer.unlink(missing_ok=True)


def _recorded(folder: Path) -> str:
    return (folder / FINGERPRINT_FILE).read_text(encoding="utf-8").strip()


def _check(folder: Path) -> str | None:
    """None when ``folder`` is a usable copy: its content loads and its files give the
    fingerprint recorded when it was written. Otherwise, why not (for the log)."""
    try:
        recorded = _recorded(folder)
    except OSError:
        return "has no fingerprint recorded (it was not written whole)"
    _, library = _load(folder)
    if library is None:
        return "does not load"
    if library.fingerprint != recorded:
        return ("does not match the fingerprint recorded when it was written: its files were changed "
                "since")
    return None


def _load(folder: Path) -> tuple[str | None, Library | None]:
    if not (folder / SETTINGS_FILE).is_file():
        return "has no kiosk.yaml", None
    try:
        from kiosk.content.loader import load_library  # only when the last good copy is read

        result = load_library(folder, grade=False)
    except Exception:  # a copy the checker cannot read is no copy
        log.exception("the last good copy of the content could not be checked")
        return "could not be checked", None
    return None, result.library


def candidates(content: Path | str, *, dev: bool = False) -> list[Path]:
    """Where a copy may be, best first: the link's copy, every copy in the store (newest first),
    then the ``.new`` and ``.old`` the kiosk wrote before the store."""
    link = copy_folder(content, dev=dev)
    store = store_folder(content, dev=dev)
    found = [link.resolve()] if link.exists() else []
    try:
        stored = sorted((p for p in store.iterdir() if not p.name.startswith(_TMP) and p.is_dir()), reverse=True)
    except OSError:
        stored = []
    found += [p for p in stored if p not in found]
    found += [p for p in (link.with_name(link.name + ".new"), link.with_name(link.name + ".old")) if p.is_dir()]
    return found


def load(content: Path | str, *, dev: bool = False) -> Library | None:
    """The last good copy of ``content``, checked and loaded, standing for the content folder
    itself (its ``root`` is ``content``: the data folder, the watcher and every reload use the
    real one); None when there is no copy that loads and matches its fingerprint. Under a
    shared lock, so no save removes a copy while it is read."""
    with _lock(copy_folder(content, dev=dev), fcntl.LOCK_SH):
        return _load_first(content, candidates(content, dev=dev))


def _load_first(content: Path | str, folders: list[Path]) -> Library | None:
    for folder in folders:
        try:
            recorded = _recorded(folder)
        except OSError:
            log.warning("the last good copy in %s is not used: it has no fingerprint (not written whole)", folder)
            continue
        why, library = _load(folder)
        if library is None:
            log.warning("the last good copy in %s is not used: it %s", folder, why or "does not load")
            continue
        if library.fingerprint != recorded:
            log.warning("the last good copy in %s is not used: its files do not match the fingerprint recorded "
                        "when it was written (changed since)", folder)
            continue
        return dataclasses.replace(library, root=Path(content), from_last_good=True)
    return None
