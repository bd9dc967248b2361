"""The running kiosk's metrics file, through the real screens: what a visit, a failed slip and a
refused release leave in it, and that no answer or answer id ever reaches it (K-P2: the same
rules as the usage counts)."""

from __future__ import annotations

from prometheus_client.openmetrics.parser import text_string_to_metric_families

from kiosk.visit.fleet_metrics import FleetMetrics, ReleaseState, kiosk_state
from tests.app.metrics_driver import (
    SIZE,
    deployed_library,
    every_answer,
    finish,
    metrics_text,
    print_and_fail,
    refuse_a_release,
    to_summary,
    wait_until,
)


def series(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def get(text: str, name: str, **labels: str) -> float | None:
    return series(text).get((name, frozenset(labels.items())))


async def test_a_visit_a_failed_slip_and_a_refused_release_show_in_the_file(make_app, tmp_path, monkeypatch):
    metrics_dir = tmp_path / "metrics"
    link, library = deployed_library(tmp_path, monkeypatch, metrics_dir, printer="KioskPDF")
    topic = library.topics_in("en")[0].id
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        text = await wait_until(pilot, lambda: metrics_text(metrics_dir), "the first file")
        assert get(text, "clinic_kiosk_up") == 1
        await wait_until(pilot, lambda: get(metrics_text(metrics_dir), "clinic_kiosk_release_live_info",
                                            release="git-0a1b2c3d4e5f",
                                            content_hash=library.fingerprint[:12]) == 1, "the live release")
        await to_summary(pilot)
        await print_and_fail(pilot)
        await finish(pilot)
        await refuse_a_release(pilot, link)

        def all_seen():
            text = metrics_text(metrics_dir)
            return text if (get(text, "clinic_kiosk_visits_started_total") == 1
                            and get(text, "clinic_kiosk_visits_finished_total") == 1
                            and get(text, "clinic_kiosk_topic_views_total", topic=topic) == 1
                            and get(text, "clinic_kiosk_slips_failed_total") == 1
                            and get(text, "clinic_kiosk_release_refused_pending") == 1) else None

        text = await wait_until(pilot, all_seen, "the visit, the failed slip and the refusal")
        assert get(text, "clinic_kiosk_slips_printed_total") == 0
        assert get(text, "clinic_kiosk_release_refused_info", release="git-0a1b2c3d4e5f") == 1
        assert (get(text, "clinic_kiosk_release_refused_errors") or 0) >= 1
    # a kiosk that stops says so in its last word
    assert get(metrics_text(metrics_dir), "clinic_kiosk_up") == 0


async def test_no_answer_and_no_answer_id_ever_reaches_the_file(make_app, tmp_path, monkeypatch):
    metrics_dir = tmp_path / "metrics"
    _link, library = deployed_library(tmp_path, monkeypatch, metrics_dir)
    flows = [t for t in library.topics if t.flow]
    assert flows, "the shipped content has a topic with questions"
    questions = [q for t in flows for q in t.flow.questions]
    words = {c.label for q in questions for c in q.choices} | {c.summary for q in questions for c in q.choices}
    words |= {q.prompt for q in questions} | {q.summary_label for q in questions}
    ids = {c.id for q in questions for c in q.choices} | {q.id for q in questions}
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await every_answer(pilot, passes=max(len(q.choices) for q in questions))
        text = await wait_until(
            pilot, lambda: (t := metrics_text(metrics_dir)) and (get(t, "clinic_kiosk_topic_views_total",
                                                                     topic=flows[0].id) or 0) >= 2 and t,
            "the visits counted")
    # Everything in the file is a comment, a metric name, a label or a number. The comments and the
    # names are the kiosk's own fixed words, the same as those of a kiosk no one has used ...
    unused = FleetMetrics()
    unused.set_release(ReleaseState("git-live", 1.0, "git-refused", 2.0, 1))  # every series present
    fresh = unused.render(kiosk_state(library, set()))
    assert comments(text) == comments(fresh)
    assert {name for name, _labels in series(text)} <= {name for name, _labels in series(fresh)}
    # ... and no label holds an answer, a question or their ids.
    labels = {value for (_name, pairs) in series(text) for _key, value in pairs}
    leaked = sorted(i for i in ids if i in labels) + sorted(w for w in words for v in labels if w and w in v)
    assert not leaked, leaked
    assert any(v == flows[0].id for v in labels)  # the topic id, as the usage counts keep it


def comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("#")]


def test_the_watchdog_the_key_governor_and_speech_are_read_from_the_running_kiosk(make_app, library):
    from kiosk.host.systemd_notify import Notifier
    from kiosk.visit.key_governor import KeyGovernor, TypedFlood

    governor = KeyGovernor(burst=2, rate=0.001)
    for _ in range(5):
        governor.admit("1")  # a stuck key: three dropped
    TypedFlood(governor).keep("1234")  # typed with no room left: four more, before they are keys
    app = make_app(library, notifier=Notifier("/run/nowhere/notify", watchdog_interval=15.0), governor=governor)
    text = app.metrics_text()
    assert get(text, "clinic_kiosk_watchdog_enabled") == 1
    assert get(text, "clinic_kiosk_watchdog_interval_seconds") == 15
    assert get(text, "clinic_kiosk_systemd_notify") == 1
    assert get(text, "clinic_kiosk_keys_dropped_total") == 7
    assert get(text, "clinic_kiosk_speech_up") == 1
    app.speech_missing = True  # "/" pressed where this kiosk cannot speak
    assert get(app.metrics_text(), "clinic_kiosk_speech_up") == 0
    assert get(app.metrics_text(up=False), "clinic_kiosk_up") == 0
