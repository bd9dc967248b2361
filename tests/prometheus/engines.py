"""A private node_exporter and Prometheus on loopback, as clinic IT runs them, for the tests
marked ``prometheus``: each on a free port, with folders of the test's own, stopped at the end."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

NODE_EXPORTER = ("prometheus-node-exporter", "node_exporter")  # Debian's name, upstream's
PROMETHEUS = "prometheus"


def binaries() -> tuple[str | None, str | None]:
    node = next((path for name in NODE_EXPORTER if (path := shutil.which(name))), None)
    return node, shutil.which(PROMETHEUS)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition: Callable[[], object], what: str, timeout: float = 30.0, logs: Path | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    tail = f"\n--- {logs}:\n{logs.read_text(errors='replace')[-3000:]}" if logs and logs.exists() else ""
    raise AssertionError(f"not seen within {timeout:.0f} s: {what}{tail}")


def http_get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # loopback only
            return response.read()
    except OSError:
        return None


class Prometheus:
    def __init__(self, url: str, log: Path) -> None:
        self.url = url
        self.log = log

    def api(self, path: str, **params: str) -> dict:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        body = http_get(f"{self.url}/api/v1/{path}{query}")
        return json.loads(body) if body else {"status": "unreachable"}

    def query(self, expr: str) -> list[dict]:
        """The instant vector ``expr`` gives now ([] while Prometheus has nothing for it)."""
        answer = self.api("query", query=expr)
        assert answer["status"] in ("success", "unreachable"), answer
        return answer.get("data", {}).get("result", [])

    def value(self, expr: str) -> float | None:
        result = self.query(expr)
        return float(result[0]["value"][1]) if result else None

    def firing(self) -> set[str]:
        alerts = self.api("alerts").get("data", {}).get("alerts", [])
        return {a["labels"]["alertname"] for a in alerts if a.get("state") == "firing"}


@contextmanager
def node_exporter_and_prometheus(textfile_dir: Path, work: Path, rules: Path) -> Iterator[Prometheus]:
    """node_exporter with only its textfile collector on ``textfile_dir``, and Prometheus scraping
    it every second with ``rules`` loaded, evaluated every second; both on loopback."""
    node_bin, prometheus_bin = binaries()
    assert node_bin and prometheus_bin
    work.mkdir(parents=True, exist_ok=True)
    node_port, prometheus_port = free_port(), free_port()
    config = work / "prometheus.yml"
    config.write_text(
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
        f"rule_files:\n  - {json.dumps(str(rules))}\n"
        "scrape_configs:\n  - job_name: clinic-kiosk\n    static_configs:\n"
        f"      - targets: ['127.0.0.1:{node_port}']\n        labels: {{site: test-site, group: test-group}}\n",
        encoding="utf-8")
    node_log, prometheus_log = work / "node_exporter.log", work / "prometheus.log"
    processes: list[subprocess.Popen] = []
    try:
        with node_log.open("wb") as out:
            processes.append(subprocess.Popen(
                [node_bin, "--collector.disable-defaults", "--collector.textfile",
                 f"--collector.textfile.directory={textfile_dir}", f"--web.listen-address=127.0.0.1:{node_port}"],
                stdout=out, stderr=subprocess.STDOUT))
        with prometheus_log.open("wb") as out:
            processes.append(subprocess.Popen(
                [prometheus_bin, f"--config.file={config}", f"--storage.tsdb.path={work / 'data'}",
                 f"--web.listen-address=127.0.0.1:{prometheus_port}"],
                stdout=out, stderr=subprocess.STDOUT, cwd=work))
        wait_for(lambda: http_get(f"http://127.0.0.1:{node_port}/metrics"), "node_exporter answering", logs=node_log)
        url = f"http://127.0.0.1:{prometheus_port}"
        wait_for(lambda: http_get(f"{url}/-/ready"), "Prometheus ready", logs=prometheus_log)
        yield Prometheus(url, prometheus_log)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
