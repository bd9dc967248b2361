"""The one content path: read, validate and (on request) grade a content folder.

Start-up, the running kiosk's watcher, staff "Reload now" and "Content warnings", and
``kiosk validate`` all come through :func:`load_content`, so they can never disagree about what
is good content. It never raises for anything in the folder: a bug in a check becomes a
:class:`~kiosk.model.Problem` too, so the kiosk keeps its last good content whole.

Grading needs the syllable table, which the running kiosk does not otherwise keep: it is
released again before this returns (see :func:`kiosk.readability.release`).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TextIO

from kiosk import readability
from kiosk.loader import Library, LoadResult, load_library
from kiosk.model import Problem

log = logging.getLogger("kiosk")

#: The field of the one problem given when a check itself failed (a bug, not the content).
CHECKER_FAILED = "(checker)"


def load_for_start(root: Path | str, *, stream: TextIO) -> Library | None:
    """The content a kiosk starts with, or None after writing every problem to ``stream``
    (there is no last good content yet at start, so the kiosk cannot run)."""
    result = load_content(root)
    if result.library is None:
        for problem in result.problems:
            print(problem, file=stream)
        print(f"The kiosk cannot start: fix the content in {root} (see `kiosk validate`).", file=stream)
    return result.library


def load_content(root: Path | str, *, grade: bool = False, today: dt.date | None = None) -> LoadResult:
    """Load ``root`` whole or report every problem; grading (K-C1) only when asked."""
    try:
        return load_library(root, grade=grade, today=today)
    except Exception as error:
        log.exception("content check failed", exc_info=error)
        problem = Problem(file=str(root), line=None, field=CHECKER_FAILED,
                          message=f"could not be checked: {type(error).__name__}: {error}")
        return LoadResult(None, [problem])
    finally:
        if grade:
            readability.release()
