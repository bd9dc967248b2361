"""Anonymous per-day usage counters (K-P2: day only, no free text; K-P3: local file only)."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sqlite3
import time

import pytest

from kiosk.host.clock import FakeClock
from kiosk.visit.usage import USAGE_FILE, UsageEvent, UsageLog, clean_topic, stats_command, usage_path

DAY1, DAY2, DAY3 = dt.date(2025, 3, 1), dt.date(2025, 3, 2), dt.date(2025, 3, 3)


class Today:
    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


@pytest.fixture
def today():
    return Today(DAY1)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "var" / USAGE_FILE


def test_counts_accumulate_per_day(db, today):
    """K-P2: counters per day, nothing finer."""
    log = UsageLog(db, today=today)
    log.count(UsageEvent.TOPIC_VIEW, "muscle-spasms")
    log.count(UsageEvent.TOPIC_VIEW, "muscle-spasms")
    log.count(UsageEvent.FLOW_FINISHED, "muscle-spasms")
    log.count(UsageEvent.RESET)
    today.day = DAY2
    log.count(UsageEvent.TOPIC_VIEW, "muscle-spasms")
    log.count("speech_on")
    assert log.rows() == [
        ("2025-03-01", "flow_finished", "muscle-spasms", 1),
        ("2025-03-01", "reset", None, 1),
        ("2025-03-01", "topic_view", "muscle-spasms", 2),
        ("2025-03-02", "speech_on", None, 1),
        ("2025-03-02", "topic_view", "muscle-spasms", 1),
    ]
    assert log.totals() == {
        UsageEvent.TOPIC_VIEW: 3,
        UsageEvent.FLOW_FINISHED: 1,
        UsageEvent.RESET: 1,
        UsageEvent.SPEECH_ON: 1,
    }
    assert log.totals(days=1) == {UsageEvent.TOPIC_VIEW: 1, UsageEvent.SPEECH_ON: 1}
    assert log.last_error is None and log.failures == 0


def test_creates_the_data_folder_and_uses_wal(db, today):
    assert not db.parent.exists()
    UsageLog(db, today=today).count(UsageEvent.RESET)
    assert db.exists()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_second_log_on_the_same_file_sees_the_counts(db, today):
    first = UsageLog(db, today=today)
    first.count(UsageEvent.EMERGENCY_PAGE)
    second = UsageLog(db, today=today)
    second.count(UsageEvent.EMERGENCY_PAGE)
    assert second.rows() == [("2025-03-01", "emergency_page", None, 2)]
    assert first.rows() == second.rows()
    first.close()
    second.close()


def test_in_memory_log(today):
    log = UsageLog(None, today=today)
    log.count(UsageEvent.HELPFUL_YES, "calf-cramp")
    assert log.rows() == [("2025-03-01", "helpful_yes", "calf-cramp", 1)]


def test_a_datetime_from_today_keeps_only_the_day(db):
    """K-P2: even if handed a datetime, only the ISO date is kept."""
    log = UsageLog(db, today=lambda: dt.datetime(2025, 3, 1, 14, 37, 12))
    log.count(UsageEvent.PAGE_READ, "calf-cramp")
    assert log.rows() == [("2025-03-01", "page_read", "calf-cramp", 1)]
    assert b"14:37" not in db.read_bytes()


def test_a_locked_database_neither_raises_nor_stalls(db, today):
    """The UI thread waits at most the short timeout, once; the count is kept and written later."""
    clock = FakeClock()
    log = UsageLog(db, today=today, timeout=0.2, retry_seconds=30, clock=clock)
    log.count(UsageEvent.TOPIC_VIEW, "calf-cramp")
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO usage_counts VALUES ('2025-03-01', 'reset', '', 5)")
    try:
        started = time.monotonic()
        log.count(UsageEvent.TOPIC_VIEW, "calf-cramp")
        first_wait = time.monotonic() - started
        started = time.monotonic()
        for _ in range(20):
            log.count(UsageEvent.TOPIC_VIEW, "calf-cramp")
        later_waits = time.monotonic() - started
    finally:
        other.execute("COMMIT")
        other.close()
    assert first_wait < 1.0
    assert later_waits < 0.2  # left alone for retry_seconds: no wait per key press
    assert log.failures == 1 and "locked" in log.last_error
    clock.advance(30)
    log.count(UsageEvent.TOPIC_VIEW, "calf-cramp")  # lock gone: the kept counts are written
    assert log.rows() == [
        ("2025-03-01", "reset", None, 5),
        ("2025-03-01", "topic_view", "calf-cramp", 23),
    ]
    assert UsageLog(db, today=today).rows() == log.rows()


EARLIER = ("2025-02-28", "reset", None, 1)


def _earlier_run(db):
    """The file exists, as on a kiosk that has run before."""
    earlier = UsageLog(db, today=lambda: dt.date(2025, 2, 28))
    earlier.count(UsageEvent.RESET)
    earlier.close()


def _hold_locked(db):
    """Another process's write lock on the counters file, as a backup tool or `kiosk stats` could hold."""
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    return other


def test_views_counted_while_the_database_was_locked_are_written_at_exit(db, today):
    """4 topic views made while the file was locked, 1 stored: the rest were dropped at exit."""
    _earlier_run(db)
    log = UsageLog(db, today=today, timeout=0.05, retry_seconds=30, clock=FakeClock())
    other = _hold_locked(db)
    for _ in range(4):
        log.count(UsageEvent.TOPIC_VIEW, "calf-cramp")
    assert log.failures == 1  # kept in memory, not written
    other.execute("ROLLBACK")
    other.close()
    log.close()  # the kiosk exits within the retry pause
    assert UsageLog(db, today=today).rows() == [EARLIER, ("2025-03-01", "topic_view", "calf-cramp", 4)]


def test_views_that_still_cannot_be_written_at_exit_are_logged_with_their_number(db, today, caplog):
    _earlier_run(db)
    log = UsageLog(db, today=today, timeout=0.05, exit_wait=0.1, clock=FakeClock())
    other = _hold_locked(db)
    try:
        for _ in range(4):
            log.count(UsageEvent.TOPIC_VIEW, "calf-cramp")
        with caplog.at_level("WARNING", logger="kiosk"):
            log.close()  # bounded: gives up after exit_wait, never hangs the exit
    finally:
        other.execute("ROLLBACK")
        other.close()
    lost = [r.getMessage() for r in caplog.records if "lost 4" in r.getMessage()]
    assert lost and str(db) in lost[0] and "locked" in lost[0]
    assert UsageLog(db, today=today).rows() == [EARLIER]
    log.close()  # a second close (the launcher's, after the app's) logs nothing more
    assert len([r for r in caplog.records if "lost" in r.getMessage()]) == 1


def test_a_locked_fresh_database_does_not_raise(db, today):
    db.parent.mkdir()
    other = sqlite3.connect(db, isolation_level=None)  # rollback journal, exclusive lock
    other.execute("CREATE TABLE t (x)")
    other.execute("BEGIN EXCLUSIVE")
    try:
        log = UsageLog(db, today=today)
        started = time.monotonic()
        log.count(UsageEvent.RESET)
        assert time.monotonic() - started < 1.0
        assert log.rows() == [("2025-03-01", "reset", None, 1)]  # from memory
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert log.last_error


def test_a_garbage_file_does_not_raise(db, today):
    db.parent.mkdir()
    db.write_bytes(b"this is not a database, it is garbage " * 200)
    log = UsageLog(db, today=today)
    log.count(UsageEvent.TOPIC_VIEW, "calf-cramp")
    assert log.failures == 1 and log.last_error
    assert log.rows() == [("2025-03-01", "topic_view", "calf-cramp", 1)]


def test_a_folder_where_the_file_should_be_does_not_raise(db, today):
    db.mkdir(parents=True)
    log = UsageLog(db, today=today)
    log.count(UsageEvent.RESET)
    assert log.last_error


def test_an_unwritable_data_folder_does_not_raise(tmp_path, today):
    blocker = tmp_path / "var"
    blocker.write_text("a file where the data folder should be")
    log = UsageLog(blocker / USAGE_FILE, today=today)
    log.count(UsageEvent.RESET)
    assert log.failures == 1 and log.last_error


def test_a_read_only_database_does_not_raise(db, today):
    UsageLog(db, today=today).count(UsageEvent.RESET)
    log = UsageLog(db, today=today)
    log._connect(create=True)  # an open connection that then finds it may not write
    log._conn.execute("PRAGMA query_only = ON")
    log.count(UsageEvent.RESET)
    assert log.failures == 1 and log.last_error
    assert UsageLog(db, today=today).rows() == [("2025-03-01", "reset", None, 1)]


def test_a_full_database_does_not_raise(db, today):
    log = UsageLog(db, today=today)
    log.count(UsageEvent.RESET)
    pages = log._conn.execute("PRAGMA page_count").fetchone()[0]
    log._conn.execute(f"PRAGMA max_page_count = {pages}")
    for i in range(300):
        log.count(UsageEvent.TOPIC_VIEW, f"topic-{i}")
        log._retry_at = None  # try the file every time
    assert log.last_error and "full" in log.last_error


def test_unknown_event_is_ignored(today):
    log = UsageLog(None, today=today)
    log.count("my name is Ann")
    assert log.rows() == [] and log.failures == 1
    assert "Ann" not in (log.last_error or "")


@pytest.mark.parametrize(
    "topic",
    [
        "I have pain in my chest",
        "Ann Smith",
        "muscle spasms",
        "Muscle-Spasms",
        "calf_cramp",
        "a" * 61,
        "-x",
        "x-",
        "x--y",
        42,
    ],
)
def test_free_text_topics_are_not_stored(db, today, topic):
    """K-P2: nothing free-form reaches the file: the topic is dropped, the event still counts."""
    log = UsageLog(db, today=today)
    log.count(UsageEvent.TOPIC_VIEW, topic)
    log.close()
    assert log.rows() == [("2025-03-01", "topic_view", None, 1)]
    raw = b"".join(p.read_bytes() for p in db.parent.iterdir())  # the database and its WAL
    assert str(topic).encode() not in raw
    assert clean_topic(topic) is None


def test_the_schema_cannot_hold_a_time_of_day_or_free_text(db, today):
    """K-P2: four columns: a day, a fixed event name, an identifier, a count."""
    UsageLog(db, today=today).count(UsageEvent.RESET)
    with sqlite3.connect(db) as conn:
        assert [name for _, name, *_ in conn.execute("PRAGMA table_info(usage_counts)")] == [
            "day",
            "event",
            "topic",
            "n",
        ]
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["usage_counts"]
        for bad in [
            ("2025-03-01 10:15", "reset", "", 1),
            ("2025-03-01T10", "reset", "", 1),
            ("2025-03-02", "chest pain", "", 1),
            ("2025-03-02", "reset", "Ann Smith", 1),
            ("2025-03-02", "reset", "x" * 61, 1),
        ]:
            with pytest.raises(sqlite3.IntegrityError):
                conn.execute("INSERT INTO usage_counts VALUES (?, ?, ?, ?)", bad)


# ---------------------------------------------------------------------- kiosk stats


@pytest.fixture
def content(tmp_path):
    (tmp_path / "kiosk.yaml").write_text("clinic_name: X\ndata_dir: var\n", encoding="utf-8")
    path = usage_path(tmp_path, "var")
    assert path == tmp_path / "var" / USAGE_FILE
    today = Today(DAY1)
    log = UsageLog(path, today=today)
    log.count(UsageEvent.TOPIC_VIEW, "calf-cramp")
    log.count(UsageEvent.RESET)
    today.day = DAY3
    for _ in range(12):
        log.count(UsageEvent.TOPIC_VIEW, "muscle-spasms")
    log.count(UsageEvent.FLOW_EMERGENCY, "muscle-spasms")
    log.close()
    return tmp_path


def stats(content, days=None, as_csv=False):
    return stats_command(argparse.Namespace(content=content, days=days, csv=as_csv), today=lambda: DAY3)


def test_stats_table(content, capsys):
    assert stats(content) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "day         event           topic          count",
        "2025-03-01  reset           -                  1",
        "2025-03-01  topic_view      calf-cramp         1",
        "2025-03-03  flow_emergency  muscle-spasms      1",
        "2025-03-03  topic_view      muscle-spasms     12",
    ]


def test_stats_csv(content, capsys):
    assert stats(content, as_csv=True) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["day", "event", "topic", "count"]
    assert rows[1:] == [
        ["2025-03-01", "reset", "", "1"],
        ["2025-03-01", "topic_view", "calf-cramp", "1"],
        ["2025-03-03", "flow_emergency", "muscle-spasms", "1"],
        ["2025-03-03", "topic_view", "muscle-spasms", "12"],
    ]


def test_stats_days_filter(content, capsys):
    assert stats(content, days=1, as_csv=True) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert [r[0] for r in rows[1:]] == ["2025-03-03", "2025-03-03"]
    assert stats(content, days=3, as_csv=True) == 0
    assert len(list(csv.reader(io.StringIO(capsys.readouterr().out)))) == 5
    assert stats(content, days=2) == 0
    out = capsys.readouterr().out
    assert "2025-03-01" not in out and "muscle-spasms" in out


def test_stats_with_no_counts_yet(tmp_path, capsys):
    (tmp_path / "kiosk.yaml").write_text("clinic_name: X\ndata_dir: counts\n", encoding="utf-8")
    assert stats(tmp_path) == 0
    assert capsys.readouterr().out == "No usage counted.\n"
    assert not (tmp_path / "counts").exists()  # reading never creates the file


def test_stats_absolute_data_dir(tmp_path, capsys):
    data = tmp_path / "elsewhere"
    content = tmp_path / "content"
    content.mkdir()
    (content / "kiosk.yaml").write_text(f"data_dir: {data}\n", encoding="utf-8")
    UsageLog(data / USAGE_FILE, today=lambda: DAY2).count(UsageEvent.SPEECH_ON)
    assert stats(content, as_csv=True) == 0
    assert "2025-03-02,speech_on,,1" in capsys.readouterr().out


@pytest.mark.parametrize("settings_text", [None, "clinic_name: [\n", "colour: blue\n"])
def test_stats_when_the_content_cannot_be_read(tmp_path, capsys, settings_text):
    if settings_text is not None:
        (tmp_path / "kiosk.yaml").write_text(settings_text, encoding="utf-8")
    assert stats(tmp_path) == 2
    assert "kiosk.yaml" in capsys.readouterr().err


def test_stats_refuses_zero_days(content, capsys):
    assert stats(content, days=0) == 2
    assert "--days" in capsys.readouterr().err


def test_a_broken_today_does_not_raise(tmp_path):
    def broken():
        raise RuntimeError("clock fault")

    log = UsageLog(tmp_path / USAGE_FILE, today=broken)
    log.count(UsageEvent.RESET)
    assert log.rows(days=3) == [] and log.failures == 2
