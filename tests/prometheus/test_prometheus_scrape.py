"""Clinic IT's view, for real: a kiosk under Pilot writes its metrics file, Debian's node_exporter
reads it with its textfile collector, and Prometheus scrapes it with deploy/prometheus's rules
loaded. A visit, a failed slip and a refused release must show in Prometheus's HTTP API, and the
refused release must fire its alert."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
import time

import pytest

from kiosk.cli import main
from tests.app.metrics_driver import (
    SIZE,
    deployed_library,
    finish,
    metrics_text,
    print_and_fail,
    refuse_a_release,
    to_summary,
    wait_until,
)
from tests.conftest import ROOT
from tests.prometheus.engines import binaries, node_exporter_and_prometheus, wait_for

RULES = ROOT / "deploy" / "prometheus" / "clinic-kiosk.rules.yml"
DASHBOARD = ROOT / "deploy" / "prometheus" / "grafana-clinic-kiosks.json"

pytestmark = [
    pytest.mark.prometheus,
    pytest.mark.skipif(None in binaries(), reason="prometheus and prometheus-node-exporter are not installed "
                       "(apt-get install prometheus prometheus-node-exporter; .ci/run does)"),
]


async def test_prometheus_sees_the_visit_the_failed_slip_and_the_refused_release(make_app, tmp_path, monkeypatch):
    textfiles = tmp_path / "textfile"
    link, library = deployed_library(tmp_path, monkeypatch, textfiles, printer="KioskPDF")
    topic = library.topics_in("en")[0].id
    with node_exporter_and_prometheus(textfiles, tmp_path / "prometheus", RULES) as prometheus:
        rules = prometheus.api("rules")["data"]["groups"]
        assert {r["name"] for g in rules for r in g["rules"]} >= {
            "KioskDown", "KioskNotReporting", "KioskReleaseRefused", "KioskReleaseStale", "KioskSpeechDown",
            "KioskPrintingFailing", "KioskRestartLoop"}
        app = make_app(library, wall_clock=time.time)  # the real time: Prometheus compares with its own
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: metrics_text(textfiles), "the kiosk's first file")

            async def seen(expr: str, want: float) -> None:
                def check():
                    return prometheus.value(expr) == want
                await wait_until(pilot, check, f"{expr} == {want} in Prometheus (last: {prometheus.value(expr)})",
                                 timeout=60)

            # Prometheus must have scraped the counter at 0 before the slip fails, as it has on a
            # kiosk that has been up a while: increase() cannot see a rise it has no sample before.
            await seen("clinic_kiosk_slips_failed_total", 0)
            await to_summary(pilot)
            await print_and_fail(pilot)
            await finish(pilot)
            await refuse_a_release(pilot, link)

            # The kiosk keeps running (and writing) while Prometheus scrapes it.
            await seen('clinic_kiosk_up{job="clinic-kiosk", site="test-site", group="test-group"}', 1)
            await seen("clinic_kiosk_visits_started_total", 1)
            await seen("clinic_kiosk_visits_finished_total", 1)
            await seen(f'clinic_kiosk_topic_views_total{{topic="{topic}"}}', 1)
            await seen("clinic_kiosk_slips_failed_total", 1)
            await seen("clinic_kiosk_slips_printed_total", 0)
            await seen('clinic_kiosk_release_refused_info{release="git-0a1b2c3d4e5f"}', 1)
            await seen("clinic_kiosk_release_refused_pending", 1)
            await wait_until(pilot, lambda: "KioskReleaseRefused" in prometheus.firing(),
                             "the refused-release alert firing", timeout=60)
            await wait_until(pilot, lambda: "KioskPrintingFailing" in {
                a["labels"]["alertname"] for a in prometheus.api("alerts")["data"]["alerts"]},
                "the printing alert pending (it fires after 5 minutes)", timeout=60)
            # The file's age, as KioskNotReporting reads it, is there and young; nothing else is wrong.
            mtime = r'node_textfile_mtime_seconds{file=~"(.*/)?clinic_kiosk\\.prom"}'  # as the rule selects it
            assert prometheus.query(mtime)
            assert prometheus.query(f"time() - {mtime} > 180") == []
            active = {a["labels"]["alertname"] for a in prometheus.api("alerts")["data"]["alerts"]}
            assert active == {"KioskReleaseRefused", "KioskPrintingFailing"}, active
            evidence = {name: prometheus.query(name) for name in (
                "clinic_kiosk_visits_started_total", "clinic_kiosk_slips_failed_total",
                "clinic_kiosk_release_refused_pending", "clinic_kiosk_release_live_info")}
            (tmp_path / "prometheus" / "seen.json").write_text(json.dumps(
                {"series": evidence, "alerts": prometheus.api("alerts")["data"]["alerts"]}, indent=1))
        # The kiosk has stopped: its last file says so, and Prometheus reads it.
        wait_for(lambda: prometheus.value("clinic_kiosk_up") == 0, "clinic_kiosk_up 0 after the kiosk stopped",
                 logs=prometheus.log)


def test_every_dashboard_query_runs_in_prometheus(tmp_path, monkeypatch):
    """The Grafana dashboard's queries are valid PromQL for this Prometheus, on the kiosk's series."""
    textfiles = tmp_path / "textfile"
    textfiles.mkdir()
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path / "state"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["metrics", "--content", str(ROOT / "content")]) == 0
    (textfiles / "clinic_kiosk.prom").write_text(out.getvalue(), encoding="utf-8")
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    exprs = [t["expr"] for p in dashboard["panels"] for t in p["targets"]]
    assert exprs
    with node_exporter_and_prometheus(textfiles, tmp_path / "prometheus", RULES) as prometheus:
        wait_for(lambda: prometheus.value("clinic_kiosk_up") == 1, "the file scraped", logs=prometheus.log)
        for expr in exprs:
            concrete = re.sub(r"\$__range", "1h", re.sub(r"\$(site|group)", ".*", expr))
            answer = prometheus.api("query", query=concrete)
            assert answer["status"] == "success", (expr, answer)
        assert prometheus.query('clinic_kiosk_topics{state="on"}')


@pytest.mark.parametrize("check, name", [
    ("rules", "clinic-kiosk.rules.yml"), ("config", "prometheus.example.yml"), ("config", "federation.example.yml")])
def test_promtool_accepts_the_shipped_rules_and_configs(check, name):
    """What docs/DEPLOYMENT.md tells clinic IT to run after any change passes as shipped."""
    promtool = shutil.which("promtool")
    if promtool is None:
        pytest.skip("promtool is not installed (it comes with Debian's prometheus package)")
    done = subprocess.run([promtool, "check", check, name], cwd=RULES.parent, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SUCCESS" in done.stdout + done.stderr
