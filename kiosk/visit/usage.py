"""Anonymous per-day usage counters in SQLite, and ``kiosk stats``.

Owns the counters file (``<data_dir>/usage.sqlite3``, WAL mode) and its one table of
``(day, event, topic, n)``. K-P2: the only time kept is the ISO date; the only words kept are a
fixed event name and a topic id that must match the Identifier pattern (anything else is
dropped), so no answer, key-by-key input, free text or time of day can be stored. The schema
enforces the same with CHECK constraints. No network (K-P3).

It must never raise to the kiosk or stall it: a locked, read-only, corrupt or full database
only sets ``last_error`` (for the staff screen), bumps ``failures``, and keeps the missed counts
in memory, written with the first count that succeeds. The connection waits at most
``timeout`` seconds (0.2 by default) for a lock, and after a failure the file is left alone for
``retry_seconds`` (counts meanwhile stay in memory), so a stuck lock costs one short wait, not
one per key press.

Counts still in memory at exit are not dropped: :meth:`UsageLog.close` tries to write them for up
to ``exit_wait`` seconds (one second by default, inside the app's exit deadline), and if it
cannot, logs how many were lost and why.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import re
import sqlite3
import sys
import threading
from collections import Counter
from collections.abc import Callable
from enum import StrEnum, auto
from pathlib import Path

from kiosk.host import exit_codes
from kiosk.host.clock import Clock, monotonic

__all__ = ["USAGE_FILE", "UsageEvent", "UsageLog", "stats_command", "usage_path"]

USAGE_FILE = "usage.sqlite3"
#: How long :meth:`UsageLog.close` keeps trying to write counts held in memory; under the app's
#: exit deadline (``EXIT_DEADLINE_SECONDS``), so the exit is never cut short in the middle.
EXIT_WAIT_SECONDS = 1.0
#: Tries within that time: a lock can be refused at once, without sqlite's own waiting.
_CLOSING_TRIES = 3

log = logging.getLogger("kiosk")
_TOPIC_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_TOPIC_MAX = 60  # as kiosk.content.model.Identifier


class UsageEvent(StrEnum):
    TOPIC_VIEW = auto()
    PAGE_READ = auto()
    FLOW_STARTED = auto()
    FLOW_FINISHED = auto()
    FLOW_EMERGENCY = auto()
    EMERGENCY_PAGE = auto()
    SPEECH_ON = auto()
    RESET = auto()
    HELPFUL_YES = auto()
    HELPFUL_NO = auto()


_EVENTS_SQL = ", ".join(f"'{e.value}'" for e in UsageEvent)
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS usage_counts (
    day   TEXT    NOT NULL CHECK (length(day) = 10 AND day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    event TEXT    NOT NULL CHECK (event IN ({_EVENTS_SQL})),
    topic TEXT    NOT NULL DEFAULT '' CHECK (length(topic) <= {_TOPIC_MAX} AND topic NOT GLOB '*[^a-z0-9-]*'),
    n     INTEGER NOT NULL DEFAULT 0 CHECK (n >= 0),
    PRIMARY KEY (day, event, topic)
) WITHOUT ROWID
"""
_UPSERT = (
    "INSERT INTO usage_counts (day, event, topic, n) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (day, event, topic) DO UPDATE SET n = n + excluded.n"
)

Row = tuple[str, str, str | None, int]
"""(ISO day, event name, topic id or None, count)"""


def clean_topic(topic_id: object) -> str | None:
    """The topic id if it is a plain Identifier, else None (the free-form value is dropped)."""
    if isinstance(topic_id, str) and len(topic_id) <= _TOPIC_MAX and _TOPIC_RE.fullmatch(topic_id):
        return topic_id
    return None


class UsageLog:
    """Counters for one kiosk. ``path=None`` keeps them in memory only (tests, --dev).

    Safe to call from any thread; every public method swallows storage failures.
    """

    def __init__(
        self,
        path: Path | None,
        today: Callable[[], dt.date] = dt.date.today,
        *,
        timeout: float = 0.2,
        retry_seconds: float = 30.0,
        exit_wait: float = EXIT_WAIT_SECONDS,
        clock: Clock = monotonic,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self._today = today
        self._timeout = timeout
        self._retry_seconds = retry_seconds
        self._exit_wait = exit_wait
        self._clock = clock
        self._retry_at: float | None = None
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._pending: Counter[tuple[str, str, str]] = Counter()
        self.last_error: str | None = None
        self.failures = 0

    # ------------------------------------------------------------------ writing

    def count(self, event: UsageEvent | str, topic_id: str | None = None) -> None:
        """Add one to today's ``(event, topic)`` counter. Never raises."""
        try:
            self._count(event, topic_id)
        except Exception as exc:
            self._fail(f"{type(exc).__name__} while counting; count ignored")

    def _count(self, event: UsageEvent | str, topic_id: str | None) -> None:
        try:
            name = UsageEvent(event).value
        except ValueError:
            self._fail("unknown usage event ignored")
            return
        day = self._day(self._today())
        if day is None:
            self._fail("today() did not give a date; count ignored")
            return
        topic = clean_topic(topic_id) or ""
        with self._lock:
            self._pending[(day, name, topic)] += 1
            if self._retry_at is not None and self._clock() < self._retry_at:
                return  # failed a moment ago: keep it in memory, don't wait on the lock again
            try:
                conn = self._connect(create=True)
                assert conn is not None  # create=True: a connection or an exception
                with conn:
                    conn.executemany(_UPSERT, [(d, e, t, n) for (d, e, t), n in self._pending.items()])
                self._pending.clear()
                self._retry_at = None
            except Exception as exc:
                self._fail_locked(exc)

    # ------------------------------------------------------------------ reading

    def rows(self, days: int | None = None) -> list[Row]:
        """Counters, oldest day first; ``days=N``: only today and the N-1 days before it."""
        try:
            since = self._since(days)
        except Exception as exc:
            self._fail(f"{type(exc).__name__} while working out the days; all days shown")
            since = None
        merged: Counter[tuple[str, str, str]] = Counter()
        with self._lock:
            merged.update(self._pending)
            try:
                conn = self._connect(create=False)
                if conn is not None:
                    for day, event, topic, n in conn.execute("SELECT day, event, topic, n FROM usage_counts"):
                        merged[(day, event, topic)] += n
            except Exception as exc:
                self._fail_locked(exc)
        return [
            (day, event, topic or None, n)
            for (day, event, topic), n in sorted(merged.items())
            if since is None or day >= since
        ]

    def totals(self, days: int | None = None) -> dict[UsageEvent, int]:
        """Each event's count summed over days and topics (events never counted are left out)."""
        out: Counter[UsageEvent] = Counter()
        for _day, event, _topic, n in self.rows(days):
            try:
                out[UsageEvent(event)] += n
            except ValueError:
                continue
        return dict(out)

    def close(self) -> None:
        """Write the counts still held in memory (a few tries, ``exit_wait`` seconds in all), then
        let go of the file. Counts that still cannot be written are logged as lost, with their number."""
        with self._lock:
            try:
                self._write_pending_at_exit()
            except Exception as exc:  # never raise at exit: say what was lost
                self._log_lost(f"{type(exc).__name__}: {exc}")
            finally:
                self._drop()

    def _write_pending_at_exit(self) -> None:
        if not self._pending or self.path is None:
            return
        reason = ""
        for _ in range(_CLOSING_TRIES):
            self._drop()  # a fresh connection that waits its share of the time for the lock
            saved, self._timeout = self._timeout, self._exit_wait / _CLOSING_TRIES
            try:
                conn = self._connect(create=True)
                assert conn is not None
                with conn:
                    conn.executemany(_UPSERT, [(d, e, t, n) for (d, e, t), n in self._pending.items()])
                self._pending.clear()
                return
            except sqlite3.OperationalError as exc:
                reason = str(exc)
                if "locked" not in reason and "busy" not in reason:
                    break  # read-only, full, not a database: waiting will not help
            finally:
                self._timeout = saved
        self._log_lost(reason)

    def _log_lost(self, reason: str) -> None:
        lost = sum(self._pending.values())
        if not lost:
            return
        self._pending.clear()
        self.failures += 1
        self.last_error = f"lost {lost} count(s) at exit: {reason}"
        log.warning("usage counts: lost %d count(s) at exit, %s could not be written (%s)", lost, self.path, reason)

    # ------------------------------------------------------------------ internals

    @staticmethod
    def _day(value: object) -> str | None:
        if isinstance(value, dt.datetime):  # a datetime is a date too: keep only the day (K-P2)
            value = value.date()
        return value.isoformat() if isinstance(value, dt.date) else None

    def _since(self, days: int | None) -> str | None:
        if days is None:
            return None
        today = self._day(self._today())
        if today is None:
            return None
        if days < 1:
            return "9999-12-31"  # no day is that late: nothing
        return (dt.date.fromisoformat(today) - dt.timedelta(days=days - 1)).isoformat()

    def _connect(self, *, create: bool) -> sqlite3.Connection | None:
        if self._conn is not None:
            return self._conn
        if self.path is None:
            create = True
            conn = sqlite3.connect(":memory:", check_same_thread=False)
        else:
            if not create and not self.path.exists():
                return None
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=self._timeout, check_same_thread=False)
        try:
            if self.path is not None:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
            if create:
                conn.execute(_SCHEMA)
            else:
                conn.execute("SELECT 1 FROM usage_counts LIMIT 1")
        except Exception:
            conn.close()
            raise
        self._conn = conn
        return conn

    def _drop(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:
                pass
            self._conn = None

    def _fail(self, message: str) -> None:
        with self._lock:
            self.failures += 1
            self.last_error = message

    def _fail_locked(self, exc: Exception) -> None:
        self.failures += 1
        self.last_error = f"{type(exc).__name__}: {exc}"
        self._retry_at = self._clock() + self._retry_seconds
        self._drop()  # reconnect next time: the file may have been fixed or unlocked


# ---------------------------------------------------------------------- CLI


def usage_path(content: Path, data_dir: Path | None, *, dev: bool = False) -> Path:
    """The counters file: in the data folder (:func:`kiosk.content.settings.data_folder`)."""
    from kiosk.content.settings import data_folder  # settings pulls in pydantic: only when asked

    return data_folder(content, data_dir, dev=dev) / USAGE_FILE


def stats_command(args, *, today: Callable[[], dt.date] = dt.date.today) -> int:
    """``kiosk stats [--days N] [--csv]``: 0 printed, 2 settings or counters unreadable."""
    from pydantic import ValidationError

    from kiosk.content.settings import SETTINGS_FILE, KioskSettings
    from kiosk.content.yaml_source import YamlSyntaxError, parse_yaml

    content = Path(args.content)
    days = getattr(args, "days", None)
    if days is not None and days < 1:
        print("--days must be 1 or more.", file=sys.stderr)
        return exit_codes.CONTENT
    settings_file = content / SETTINGS_FILE
    try:
        doc = parse_yaml(settings_file.read_text(encoding="utf-8"))
        settings = KioskSettings.model_validate(doc.data if doc.data is not None else {})
    except (OSError, UnicodeDecodeError, YamlSyntaxError, ValidationError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not valid (run kiosk validate)"
        print(f"{settings_file}: {reason}", file=sys.stderr)
        return exit_codes.CONTENT

    path = usage_path(content, settings.data_dir)
    log = UsageLog(path, today=today)
    rows = log.rows(days)
    log.close()
    if log.last_error:
        print(f"{path}: usage counts cannot be read ({log.last_error})", file=sys.stderr)
        return exit_codes.CONTENT

    if getattr(args, "csv", False):
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["day", "event", "topic", "count"])
        for day, event, topic, n in rows:
            writer.writerow([day, event, topic or "", n])
        return exit_codes.OK
    if not rows:
        span = f" in the last {days} day(s)" if days else ""
        print(f"No usage counted{span}.")
        return exit_codes.OK
    table = [("day", "event", "topic", "count")] + [(d, e, t or "-", str(n)) for d, e, t, n in rows]
    widths = [max(len(r[i]) for r in table) for i in range(4)]
    for r in table:
        print(f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]:>{widths[3]}}".rstrip())
    return exit_codes.OK
