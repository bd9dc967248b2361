"""ContentWatcher: notice when staff change the content folder, cheaply, by polling.

Compares a signature of every YAML file's name, size and modification time; the expensive load
and validation happen only after a change, off the UI thread. Polling works on every file
system, shared folders and USB sticks included, where inotify does not.
"""

from __future__ import annotations

from pathlib import Path

Signature = frozenset[tuple[str, int, int]]


def content_signature(root: Path) -> Signature:
    """Name, size and mtime (ns) of each YAML file under ``root``; missing folder → empty."""
    entries = set()
    for path in root.rglob("*.y*ml"):
        try:
            stat = path.stat()
        except OSError:  # deleted between listing and stat: the next poll sees it
            continue
        entries.add((str(path.relative_to(root)), stat.st_size, stat.st_mtime_ns))
    return frozenset(entries)


class ContentWatcher:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._last = content_signature(self.root)

    def changed(self) -> bool:
        """True once after each change to the folder's YAML files."""
        now = content_signature(self.root)
        if now == self._last:
            return False
        self._last = now
        return True
