"""ContentWatcher: notice when staff change the content folder, and cost nothing meanwhile.

Where the kernel can tell us (inotify on a local file system) the watcher has a file
descriptor (:meth:`ContentWatcher.fileno`) that becomes readable when something changes; the
app hands it to its event loop and looks at the folder only then, so an untouched kiosk never
wakes for its content. Elsewhere (no inotify, the watch limit reached, a network or FUSE file
system, where inotify misses other machines' writes) ``fileno()`` is None and the app polls
:meth:`changed` every few seconds, as it always did.

Either way, what decides is the same signature of every YAML file's name, size and
modification time: the expensive load and validation happen only after a real change, off the
UI thread, and a half-saved file is caught by that validation (last good wins), never shown.

The folder may be replaced as a whole: the studio and ``deploy/update-content.sh`` publish a
release by renaming a new folder (or a link to one) over the content path. So the parent
folder is watched for that name too, and every watch is set again on the new folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.host import inotify

Signature = frozenset[tuple[str, int, int]]

#: File systems where inotify does not see other machines' writes: polled instead.
POLLED_FILE_SYSTEMS = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "ceph", "glusterfs", "afs",
                                 "virtiofs", "vboxsf", "vmhgfs"})

#: A change inside the content: a file written and closed, touched, created, moved or deleted.
CONTENT_EVENTS = (inotify.IN_CLOSE_WRITE | inotify.IN_ATTRIB | inotify.IN_CREATE | inotify.IN_DELETE
                  | inotify.IN_MOVED_FROM | inotify.IN_MOVED_TO | inotify.IN_DELETE_SELF | inotify.IN_MOVE_SELF)
#: In the parent folder, only what happens to the content folder's own name.
PARENT_EVENTS = inotify.IN_CREATE | inotify.IN_DELETE | inotify.IN_MOVED_FROM | inotify.IN_MOVED_TO


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


def file_system_type(path: Path) -> str | None:
    """The type of the file system ``path`` is on (``ext4``, ``nfs4``, ``fuse.sshfs``), from
    /proc/self/mountinfo; None when it cannot be told."""
    try:
        real = os.path.realpath(path)
        best, kind = "", None
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as info:
            for line in info:
                left, _, right = line.partition(" - ")
                fields = left.split()
                if len(fields) < 5 or not right:
                    continue
                mount = fields[4].replace("\\040", " ")
                inside = real == mount or real.startswith(mount.rstrip("/") + "/")
                if inside and len(mount) >= len(best):
                    best, kind = mount, right.split()[0]
        return kind
    except OSError:
        return None


def why_polled(root: Path) -> str | None:
    """None when inotify sees every change of ``root``'s file system, else why it is polled."""
    problem = inotify.available()
    if problem:
        return problem
    kind = file_system_type(root.parent if not root.exists() else root) or ""
    if kind in POLLED_FILE_SYSTEMS or kind.startswith("fuse"):
        return f"the content is on a {kind} file system, where inotify misses other machines' changes"
    return None


class ContentWatcher:
    def __init__(self, root: Path, *, use_inotify: bool = True) -> None:
        self.root = Path(root)
        self._last = content_signature(self.root)
        self._notify: inotify.Inotify | None = None
        self._parent_watch: int | None = None
        self._watches: set[int] = set()
        self.polled_because: str | None = why_polled(self.root) if use_inotify else "inotify not asked for"
        if self.polled_because is None:
            try:
                self._notify = inotify.Inotify()
                self._parent_watch = self._notify.add_watch(self.root.parent, PARENT_EVENTS | inotify.IN_ONLYDIR)
                self._arm()
            except OSError as exc:  # e.g. the per-user watch limit: poll instead
                self.close()
                self.polled_because = f"inotify could not watch {self.root}: {exc.strerror or exc}"

    def fileno(self) -> int | None:
        """The descriptor that becomes readable on a change, or None: then poll :meth:`changed`."""
        return self._notify.fd if self._notify is not None else None

    def _arm(self) -> None:
        """Watch the content folder and every folder in it, afresh (after a swap, a new folder)."""
        assert self._notify is not None
        for wd in self._watches:
            self._notify.rm_watch(wd)
        self._watches = set()
        if not self.root.is_dir():
            return  # gone: the parent's watch sees it come back
        folders = [self.root, *(p for p in self.root.rglob("*") if p.is_dir() and not p.name.startswith("."))]
        for folder in folders:
            try:
                self._watches.add(self._notify.add_watch(folder, CONTENT_EVENTS | inotify.IN_ONLYDIR))
            except OSError:
                continue  # removed meanwhile, or not ours to read: the signature still sees its files

    def events(self) -> bool:
        """Read what the kernel queued (never waits): True if the content may have changed.
        Watches follow new folders and a content folder replaced as a whole."""
        if self._notify is None:
            return True
        relevant, rearm = False, False
        for event in self._notify.read():
            if event.mask & inotify.IN_Q_OVERFLOW:
                relevant = rearm = True
            elif event.watch == self._parent_watch:
                if event.name == self.root.name:
                    relevant = rearm = True
            elif event.watch in self._watches:
                if event.mask & inotify.IN_ISDIR or event.mask & (inotify.IN_DELETE_SELF | inotify.IN_MOVE_SELF):
                    relevant = rearm = True
                elif event.name.endswith((".yaml", ".yml")) and not event.name.startswith("."):
                    relevant = True
        if rearm:
            self._arm()
        return relevant

    def changed(self) -> bool:
        """True once after each change to the folder's YAML files."""
        now = content_signature(self.root)
        if now == self._last:
            return False
        self._last = now
        return True

    def close(self) -> None:
        if self._notify is not None:
            self._notify.close()
            self._notify = None
        self._watches = set()
        self._parent_watch = None
