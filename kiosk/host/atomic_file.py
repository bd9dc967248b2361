"""Write a small file of the kiosk's own so a power cut never leaves half of it.

For the kiosk's own state in the data folder (topic switches, the staff lockout): written to a
temporary file beside it, then renamed over it. A failure is returned as words for the log or
staff, never raised: the kiosk goes on with what it has in memory.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, text: str, *, mode: int | None = None) -> str | None:
    """None when written, else why not (``path: reason``). ``mode``: the file's permissions
    (default: only its owner may read it, as ``mkstemp`` makes it), for a file another user reads."""
    path = Path(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
        return None
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        return f"{path}: {exc.strerror or exc}"
