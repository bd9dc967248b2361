"""The kiosk's metrics file for node_exporter's textfile collector: where it goes, and when.

Clinic IT watches every kiosk in one Prometheus through node_exporter, which already runs on
their machines; its textfile collector reads ``*.prom`` files from one folder at each scrape. So
the kiosk serves nothing (it has no network, K-P3): it writes one file, ``clinic_kiosk.prom``, in
the folder ``metrics_dir`` of kiosk.yaml names, else ``$KIOSK_METRICS_DIR`` (the unit sets it),
else nowhere.

The file is written whole or not at all (:mod:`kiosk.host.atomic_file`), so a scrape never reads
half of it, and readable by everyone (0644: node_exporter runs as another user). :class:`MetricsFile`
says when a write is due: on a change, at most once a second (a key flood must not become a
write flood), and at least every minute even with no change, so the file's age tells that the
kiosk's event loop is alive. Never raises: a write that fails is returned as words for the log.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from kiosk.host.atomic_file import write_atomic
from kiosk.host.clock import Clock, monotonic

__all__ = ["ENVIRONMENT", "FILE_NAME", "MetricsFile", "metrics_folder"]

FILE_NAME = "clinic_kiosk.prom"
#: Set by deploy/clinic-kiosk.service; kiosk.yaml's ``metrics_dir`` wins when both are set.
ENVIRONMENT = "KIOSK_METRICS_DIR"
#: A change is written at most this often (seconds).
MIN_GAP_SECONDS = 1.0
#: With no change, the file is still written this often (seconds): a stale file means a stuck kiosk.
MAX_GAP_SECONDS = 60.0


def metrics_folder(content: Path | str, configured: Path | str | None,
                   environ: Mapping[str, str] | None = None) -> Path | None:
    """The folder for the metrics file: ``configured`` (kiosk.yaml's ``metrics_dir``, relative
    to the content folder unless absolute), else ``$KIOSK_METRICS_DIR``, else None (no file)."""
    if configured is not None and str(configured):
        folder = Path(configured)
        return folder if folder.is_absolute() else Path(content).absolute() / folder
    value = (os.environ if environ is None else environ).get(ENVIRONMENT, "").strip()
    return Path(value) if value else None


class MetricsFile:
    """One metrics file in ``folder``, and the rule for when it is written.

    :meth:`claim` is asked once a second from the UI loop; when it says yes, the caller renders
    the text there and hands it to :meth:`write`, off the loop (a slow disk must not stall keys).
    """

    def __init__(self, folder: Path | str, *, clock: Clock = monotonic,
                 min_gap: float = MIN_GAP_SECONDS, max_gap: float = MAX_GAP_SECONDS) -> None:
        self.path = Path(folder) / FILE_NAME
        self._clock = clock
        self._min_gap = min_gap
        self._max_gap = max_gap
        self._last: float | None = None
        self.last_error: str | None = None

    def claim(self, changed: bool) -> bool:
        """True when a write is due now (and counts it as done): the first time; after a change
        once ``min_gap`` has passed since the last write; and always after ``max_gap``."""
        now = self._clock()
        if self._last is not None:
            gap = now - self._last
            if gap < self._min_gap or (not changed and gap < self._max_gap):
                return False
        self._last = now
        return True

    def write(self, text: str) -> str | None:
        """Write ``text`` whole (0644). None when written, else why not (also kept in ``last_error``)."""
        self.last_error = write_atomic(self.path, text, mode=0o644)
        return self.last_error
