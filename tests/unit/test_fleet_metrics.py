"""The kiosk's metrics for clinic IT's Prometheus: valid OpenMetrics, counters of events only,
and a file written whole, on a change at most once a second and at least once a minute."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from prometheus_client.openmetrics.parser import text_string_to_metric_families

from kiosk.cli import main
from kiosk.content import release_record
from kiosk.content.model import Problem
from kiosk.host.clock import FakeClock
from kiosk.host.metrics_file import ENVIRONMENT, FILE_NAME, MetricsFile, metrics_folder
from kiosk.visit.controller import KioskController
from kiosk.visit.fleet_metrics import Event, FleetMetrics, ReleaseState, kiosk_state, release_state
from kiosk.visit.usage import UsageEvent, UsageLog
from tests.conftest import CONTENT

START = 1_800_000_000.0


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of an OpenMetrics text, parsed by prometheus_client's own parser (which
    refuses anything that is not valid OpenMetrics, and needs the closing # EOF)."""
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def value(text: str, name: str, **labels: str) -> float:
    return samples(text)[(name, tuple(sorted(labels.items())))]


@pytest.fixture
def metrics():
    return FleetMetrics(wall_clock=lambda: START)


def test_a_fresh_kiosk_reports_every_series_with_zero_counts(metrics, library):
    text = metrics.render(kiosk_state(library, set(), speech_up=True))
    assert text.endswith("# EOF\n")
    assert value(text, "clinic_kiosk_up") == 1
    assert value(text, "clinic_kiosk_start_time_seconds") == START
    for event in Event:
        assert value(text, f"clinic_kiosk_{event.value}_total") == 0
    for topic in {t.id for t in library.topics}:
        assert value(text, "clinic_kiosk_topic_views_total", topic=topic) == 0
    assert value(text, "clinic_kiosk_topics", language="en", state="on") == len(library.topics_in("en"))
    assert value(text, "clinic_kiosk_speech_up") == 1


def test_events_are_counted_and_only_plain_topic_ids_and_language_codes_become_labels(metrics, library):
    metrics.count_usage(UsageEvent.TOPIC_VIEW, "muscle-spasms")
    metrics.count_usage(UsageEvent.TOPIC_VIEW, "muscle-spasms")
    metrics.count_usage(UsageEvent.TOPIC_VIEW, "I have pain in my back")  # free text: dropped
    metrics.count_usage(UsageEvent.EMERGENCY_PAGE)
    metrics.count_usage(UsageEvent.HELPFUL_NO, "muscle-spasms")  # a usage count only
    metrics.language_switch("es")
    metrics.language_switch("Spanish please")
    metrics.count(Event.SLIPS_FAILED)
    text = metrics.render(kiosk_state(library, set()))
    assert value(text, "clinic_kiosk_topic_views_total", topic="muscle-spasms") == 2
    assert value(text, "clinic_kiosk_emergency_pages_total") == 1
    assert value(text, "clinic_kiosk_language_switches_total", language="es") == 1
    assert value(text, "clinic_kiosk_slips_failed_total") == 1
    labels = {v for (_name, pairs) in samples(text) for _k, v in pairs}
    assert not any("back" in v or "please" in v for v in labels), labels


def test_a_refused_release_newer_than_the_live_one_is_pending(metrics, library):
    live = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    metrics.set_release(ReleaseState("git-aaaa", live.timestamp(), "git-bbbb", live.timestamp() + 60, 3))
    text = metrics.render(kiosk_state(library, set()))
    assert value(text, "clinic_kiosk_release_live_info", release="git-aaaa",
                 content_hash=library.fingerprint[:12]) == 1
    assert value(text, "clinic_kiosk_release_refused_info", release="git-bbbb") == 1
    assert value(text, "clinic_kiosk_release_refused_errors") == 3
    assert value(text, "clinic_kiosk_release_refused_pending") == 1
    assert value(text, "clinic_kiosk_release_live_age_seconds") == START - live.timestamp()
    # a good release after the refused one: nothing pending any more
    metrics.set_release(ReleaseState("git-cccc", live.timestamp() + 120, "git-bbbb", live.timestamp() + 60, 3))
    assert value(metrics.render(kiosk_state(library, set())), "clinic_kiosk_release_refused_pending") == 0


def test_the_release_record_gives_names_times_and_a_count_never_the_errors(tmp_path, monkeypatch):
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path / "state"))
    at = dt.datetime(2026, 12, 4, 20, 45, tzinfo=dt.UTC)
    release_record.record_live(tmp_path, "git-0a1b", now=at)
    release_record.record_refused(tmp_path, "git-badd", [
        Problem(file="topics/a.yaml", line=3, field="pages", message="secret words")], now=at)
    state = release_state(release_record.read(tmp_path))
    assert state == ReleaseState("git-0a1b", at.timestamp(), "git-badd", at.timestamp(), 1)


def test_topics_switched_off_by_staff_count_as_off(metrics, library):
    topic = library.topics_in("en")[0].id
    text = metrics.render(kiosk_state(library, {topic}))
    assert value(text, "clinic_kiosk_topics", language="en", state="off") == 1


def test_a_release_name_cannot_break_the_file(metrics, library):
    metrics.set_release(ReleaseState('folder "x"\nclinic_kiosk_up 0', 1.0))
    text = metrics.render(kiosk_state(library, set()))
    assert value(text, "clinic_kiosk_up") == 1
    assert sum(1 for line in text.splitlines() if line.startswith("clinic_kiosk_up ")) == 1


def test_a_change_is_marked_and_taken_once(metrics):
    assert metrics.take_changed()  # the first file is due at once
    assert not metrics.take_changed()
    metrics.count(Event.VISITS_STARTED)
    assert metrics.changed and metrics.take_changed() and not metrics.changed


# --- the controller counts what a visit does -------------------------------------------------


def test_the_first_input_after_a_reset_starts_one_visit(library):
    controller = KioskController(library, clock=FakeClock(), usage=UsageLog(None))
    controller.touched()
    controller.touched()
    controller.new_visit()
    controller.touched()
    assert controller.metrics.events()[Event.VISITS_STARTED] == 2


def test_prints_and_desk_calls_are_counted_by_outcome(library):
    controller = KioskController(library, clock=FakeClock(), usage=UsageLog(None))
    controller.print_finished(True, "")
    controller.print_finished(False, "the printer is out of paper")
    controller.desk_called(False)
    events = controller.metrics.events()
    assert events[Event.SLIPS_PRINTED] == 1 and events[Event.SLIPS_FAILED] == 1
    assert events[Event.ALERT_CALLS] == 1 and events[Event.ALERT_CALLS_FAILED] == 1


def test_a_language_switch_is_counted_by_the_language_chosen(library):
    controller = KioskController(library, clock=FakeClock(), usage=UsageLog(None))
    assert controller.choose_language("es")
    text = controller.metrics.render(kiosk_state(library, set()))
    assert value(text, "clinic_kiosk_language_switches_total", language="es") == 1


# --- the file ---------------------------------------------------------------------------------


def test_the_folder_comes_from_kiosk_yaml_then_the_unit_then_nowhere(tmp_path):
    assert metrics_folder(tmp_path, "metrics", {}) == tmp_path.absolute() / "metrics"
    assert metrics_folder(tmp_path, "/abs", {ENVIRONMENT: "/env"}) == Path("/abs")
    assert str(metrics_folder(tmp_path, None, {ENVIRONMENT: "/run/clinic-kiosk-metrics"})) == \
        "/run/clinic-kiosk-metrics"
    assert metrics_folder(tmp_path, None, {ENVIRONMENT: " "}) is None
    assert metrics_folder(tmp_path, None, {}) is None


def test_a_change_is_written_at_most_once_a_second_and_the_file_at_least_once_a_minute(tmp_path):
    clock = FakeClock()
    file = MetricsFile(tmp_path, clock=clock)
    assert file.claim(changed=False)  # the first write, at start
    assert not file.claim(changed=True)  # a flood of changes in the same second: one write
    clock.advance(1)
    assert file.claim(changed=True)
    clock.advance(30)
    assert not file.claim(changed=False)
    clock.advance(30)
    assert file.claim(changed=False)  # a minute without change: written all the same


def test_the_file_is_written_whole_and_readable_by_node_exporter(tmp_path):
    file = MetricsFile(tmp_path / "metrics")
    assert file.write("clinic_kiosk_up 1\n# EOF\n") is None
    assert file.path == tmp_path / "metrics" / FILE_NAME
    assert stat.S_IMODE(file.path.stat().st_mode) == 0o644
    assert [p.name for p in file.path.parent.iterdir()] == [FILE_NAME]  # no temporary file left


def test_an_unwritable_folder_is_said_never_raised(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    file = MetricsFile(blocker / "metrics")
    why = file.write("x")
    assert why and str(blocker) in why and file.last_error == why


# --- kiosk metrics -----------------------------------------------------------------------------


def test_kiosk_metrics_prints_the_files_text_once(capsys):
    assert main(["metrics", "--content", str(CONTENT)]) == 0
    text = capsys.readouterr().out
    assert value(text, "clinic_kiosk_up") == 1
    assert value(text, "clinic_kiosk_visits_started_total") == 0
    assert text.count("# EOF") == 1


def test_kiosk_metrics_on_broken_content_says_so_and_exits_2(capsys, tmp_path):
    (tmp_path / "kiosk.yaml").write_text("languages: [en\n", encoding="utf-8")
    assert main(["metrics", "--content", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "does not load" in captured.err


def test_the_unit_sets_the_folder_and_may_write_it():
    unit = (CONTENT.parent / "deploy" / "clinic-kiosk.service").read_text(encoding="utf-8")
    assert f"Environment={ENVIRONMENT}=/run/clinic-kiosk-metrics" in unit
    assert "ReadWritePaths=-/run/clinic-kiosk-metrics" in unit
    tmpfiles = (CONTENT.parent / "deploy" / "clinic-kiosk-metrics.conf").read_text(encoding="utf-8")
    assert "d /run/clinic-kiosk-metrics 0755 kiosk kiosk" in tmpfiles
    assert os.sep not in FILE_NAME
