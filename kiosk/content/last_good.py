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
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import shutil
from pathlib import Path

from kiosk.content.loader import TOPICS_DIR, Library, load_library
from kiosk.content.settings import SETTINGS_FILE, data_folder

log = logging.getLogger(__name__)

FOLDER = "last-good"
#: The fingerprint of the content the copy holds, so an unchanged content is not copied again.
FINGERPRINT_FILE = "FINGERPRINT"


def copy_folder(content: Path | str, *, dev: bool = False) -> Path:
    """Where the last good copy of ``content`` is kept (whether or not it exists)."""
    key = hashlib.sha256(str(Path(content).resolve()).encode()).hexdigest()[:16]
    # data_dir None: kiosk.yaml may be the file that does not load (see the module docstring).
    return data_folder(content, None, dev=dev) / FOLDER / key


def save(library: Library, *, dev: bool = False) -> Path | None:
    """Copy the files of ``library`` (which loaded whole) as the last good content. Written
    beside the old copy and swapped in, so a crash half-way leaves the old copy whole. Returns
    the copy's folder, or None when it could not be written (logged: a kiosk runs on without)."""
    target = copy_folder(library.root, dev=dev)
    if library.from_last_good:
        return target  # its root holds the files that did not load: the copy stays as it is
    try:
        if (target / FINGERPRINT_FILE).read_text(encoding="utf-8") == library.fingerprint:
            return target
    except OSError:
        pass
    fresh, old = target.with_name(target.name + ".new"), target.with_name(target.name + ".old")
    try:
        shutil.rmtree(fresh, ignore_errors=True)
        (fresh / TOPICS_DIR).mkdir(parents=True)
        shutil.copyfile(library.root / SETTINGS_FILE, fresh / SETTINGS_FILE)
        for path in sorted((library.root / TOPICS_DIR).glob("*.yaml")):
            if path.is_file() and not path.name.startswith("."):
                shutil.copyfile(path, fresh / TOPICS_DIR / path.name)
        (fresh / FINGERPRINT_FILE).write_text(library.fingerprint, encoding="utf-8")
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        fresh.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as error:
        log.warning("could not keep a copy of the content as the last good one: %s", error)
        shutil.rmtree(fresh, ignore_errors=True)
        return None
    return target


def load(content: Path | str, *, dev: bool = False) -> Library | None:
    """The last good copy of ``content``, loaded and standing for the content folder itself
    (its ``root`` is ``content``: the data folder, the watcher and every reload use the real
    one); None when there is no copy or it does not load either."""
    folder = copy_folder(content, dev=dev)
    if not (folder / SETTINGS_FILE).is_file():
        return None
    try:
        result = load_library(folder, grade=False)
    except Exception:  # a copy the checker cannot read is no copy
        log.exception("the last good copy of the content could not be checked")
        return None
    if result.library is None:
        return None
    return dataclasses.replace(result.library, root=Path(content), from_last_good=True)
