"""The one content path: read, validate and (on request) grade a content folder.

Start-up, the running kiosk's watcher, staff "Reload now" and "Content warnings", and
``kiosk validate`` all come through :func:`load_content`, so they can never disagree about what
is good content. It never raises for anything in the folder: a bug in a check becomes a
:class:`~kiosk.content.model.Problem` too, so the kiosk keeps its last good content whole.

Grading needs the syllable table, which the running kiosk does not otherwise keep: it is
released again before this returns (see :func:`kiosk.content.readability.release`).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from pathlib import Path
from typing import TextIO

from kiosk.content.library import TOPICS_DIR, Library, LoadResult
from kiosk.content.model import Problem
from kiosk.host import collector

log = logging.getLogger("kiosk")

#: The field of the one problem given when a check itself failed (a bug, not the content).
CHECKER_FAILED = "(checker)"


def load_for_start(root: Path | str, *, stream: TextIO, dev: bool = False) -> Library | None:
    """The content a kiosk starts with. Content unchanged since a start that validated it comes
    from the validated-library cache (:mod:`kiosk.content.library_cache`, keyed by the content's
    hash; refused when it differs). Content that loads whole is also kept as the last good copy
    (:mod:`kiosk.content.last_good`) and cached, in a thread: start is not delayed. Content that does not
    load: every problem is written to ``stream`` (and the log), and the kiosk starts from the
    last good copy if there is one, watching ``root`` for the fix; None if there is none."""
    from kiosk.content import last_good, library_cache

    key = library_cache.content_key(root)
    result = library_cache.load(root, key, dev=dev) if key else None
    cached = result is not None
    if result is None:
        result = load_content(root)
    if result.library is not None:
        good = result.library

        def keep() -> None:
            collector.wait_until_started()  # the first screen first: this is not urgent
            last_good.save(good, dev=dev)
            if key and not cached:  # the next start on this same content skips the load
                why = library_cache.store(root, key, result, dev=dev)
                if why:
                    log.warning("validated library not cached: %s", why)

        threading.Thread(target=keep, name="keep-last-good", daemon=True).start()
        return good
    for problem in result.problems:
        print(problem, file=stream)
        log.warning("content at start: %s", problem)
    _record_refused(root, result.problems, dev=dev)
    library = last_good.load(root, dev=dev)
    if library is None:
        print(f"The kiosk cannot start: fix the content in {root} (see `kiosk validate`).", file=stream)
        return None
    where = last_good.copy_folder(root, dev=dev)
    message = (f"The content in {root} does not load: the kiosk starts with the last good copy ({where}). "
               f"Fix the files above (see `kiosk validate`); they go live at the next fresh home.")
    print(message, file=stream)
    log.warning("%s", message)
    return library


def _record_refused(root: Path | str, problems: list[Problem], *, dev: bool) -> None:
    """Staff mode shows what was refused (:mod:`kiosk.content.release_record`)."""
    from kiosk.content import release_record

    why = release_record.record_refused(root, release_record.release_name(root), problems, dev=dev)
    if why:
        log.warning("release record not written: %s", why)


#: Loads taken again when the folder is swapped under one (publishing is rare: once is plenty).
SWAP_RETRIES = 3


def _folders(root: Path | str) -> tuple[tuple[int, int] | None, ...]:
    """Which folders ``root`` and its topics folder are now (device and inode, links followed)."""
    def which(path: Path) -> tuple[int, int] | None:
        try:
            found = path.stat()
        except OSError:
            return None
        return (found.st_dev, found.st_ino)

    return (which(Path(root)), which(Path(root) / TOPICS_DIR))


def load_content(root: Path | str, *, grade: bool = False, today: dt.date | None = None) -> LoadResult:
    """Load ``root`` whole or report every problem; grading (K-C1) only when asked.

    Files are read one by one, so a folder swapped in the meantime (a studio publish, a new
    release linked in) would give one file of each release: a load during which the folder or
    its ``topics`` became another one is taken again, and sees the new release whole."""
    from kiosk.content.loader import load_library  # PyYAML and the checks: not for a cached start

    try:
        for _ in range(SWAP_RETRIES):
            before = _folders(root)
            result = load_library(root, grade=grade, today=today)
            if _folders(root) == before:
                break
        return result
    except Exception as error:
        log.exception("content check failed", exc_info=error)
        problem = Problem(file=str(root), line=None, field=CHECKER_FAILED,
                          message=f"could not be checked: {type(error).__name__}: {error}")
        return LoadResult(None, [problem])
    finally:
        if grade:
            from kiosk.content import readability

            readability.release()
