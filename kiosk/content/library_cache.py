"""A validated library kept in the data folder, so a start on unchanged content skips parsing
and validating it again (1,000 topics: most of a start).

The cache is keyed by a hash of everything the load depends on: every byte of ``kiosk.yaml``
and of each topic file, the names in ``topics/``, the folder as given (problems name files by
it), today's date (reviews age), and the kiosk's and pydantic's versions and the content
code itself. A cache whose key differs is refused and the content is loaded and validated as
always, so an edited file can never be served from the cache. Only content that loaded whole
is kept, and only when every topic file is a plain file (a link or a pipe is the loader's to
judge, every time). Anything wrong with the cache file (missing, cut short, unreadable) is a
miss, never an error. It is the kiosk's own file in its own data folder, as the last good copy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import logging
import os
import pickle
import stat
import tempfile
from pathlib import Path

from kiosk.content.library import TOPICS_DIR, LoadResult
from kiosk.content.settings import SETTINGS_FILE

log = logging.getLogger("kiosk")

FOLDER = "library-cache"
FORMAT = b"kiosk-library-cache 2\n"


def content_key(root: Path | str, *, today: dt.date | None = None) -> str | None:
    """The hash the cache is keyed by; None when the content is not cacheable (a topic entry
    that is not a plain file, a missing file): then it is always loaded."""
    import kiosk

    root_path = Path(root)
    digest = hashlib.sha256(FORMAT)
    here = Path(__file__).parent
    code = sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in here.glob("*.py"))
    digest.update(repr((kiosk.__version__, _validators(), str(root), str(root_path.resolve()),
                        (today or dt.date.today()).isoformat(), code)).encode())
    try:
        files = [root_path / SETTINGS_FILE]
        names = sorted(os.listdir(root_path / TOPICS_DIR))
        digest.update(repr(names).encode())
        files += [root_path / TOPICS_DIR / n for n in names if n.endswith((".yaml", ".yml"))]
        for path in files:
            info = path.lstat()
            if not stat.S_ISREG(info.st_mode):
                return None
            digest.update(f"\0{path.name}\0{info.st_size}\0".encode())
            digest.update(path.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def _validators() -> list[tuple[str, int, int]]:
    """pydantic's and pydantic-core's version files as installed (path, size, time), found
    without importing them: a start served by the cache must not load pydantic, and an upgrade
    rewrites these files."""
    found = []
    for package, module in (("pydantic", "version.py"), ("pydantic_core", "__init__.py")):
        spec = importlib.util.find_spec(package)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            path = Path(folder) / module
            try:
                info = path.stat()
            except OSError:
                continue
            found.append((str(path), info.st_size, info.st_mtime_ns))
    return found


def cache_file(root: Path | str, *, dev: bool = False) -> Path:
    from kiosk.content.settings import data_folder

    key = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:16]
    return data_folder(root, None, dev=dev) / FOLDER / f"{key}.pickle"


def load(root: Path | str, key: str, *, dev: bool = False) -> LoadResult | None:
    """The cached result for ``key``; None (a miss) when there is none or it is for other content."""
    try:
        with open(cache_file(root, dev=dev), "rb") as f:
            if f.readline() != FORMAT or f.readline().strip() != key.encode():
                return None
            result = pickle.load(f)
    except Exception:  # noqa: BLE001 - any damage to our own cache is a miss
        return None
    return result if isinstance(result, LoadResult) and result.library is not None else None


def store(root: Path | str, key: str, result: LoadResult, *, dev: bool = False) -> str | None:
    """Keep ``result`` (content that loaded whole) under ``key``, replacing the last; None when
    written, else why not (for the log)."""
    if result.library is None:
        return None
    path = cache_file(root, dev=dev)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(FORMAT + key.encode() + b"\n")
            pickle.dump(result, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        return None
    except Exception as exc:  # noqa: BLE001 - the cache is an optimisation: never a failure
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        return f"{path}: {exc}"
