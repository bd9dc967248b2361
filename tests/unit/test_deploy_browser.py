"""The browser variant's units: `kiosk serve` on loopback, and Chromium in kiosk mode
under cage pointed at it, both restarted for ever. Only on paper here (no systemd, no display):
`systemd-analyze verify` and `security --offline` run when systemd-analyze is installed."""

from __future__ import annotations

import shlex
import shutil
import subprocess

import pytest

from kiosk.cli import build_parser
from tests.conftest import ROOT
from tests.unit.test_deploy import read_unit

DEPLOY = ROOT / "deploy"
SERVE = DEPLOY / "clinic-kiosk-serve.service"
BROWSER = DEPLOY / "clinic-kiosk-browser.service"
STAND_INS = {"/opt/clinic-kiosk/.venv/bin/kiosk": "/bin/true", "/usr/bin/cage": "/bin/true",
             "/opt/clinic-kiosk/deploy/update-content.sh": "/bin/true"}


def _exec_start(path) -> list[str]:
    return shlex.split(read_unit(path)["Service"]["ExecStart"].replace("\\\n", " "))


def test_both_restart_for_ever():
    for path in (SERVE, BROWSER):
        unit = read_unit(path)
        assert unit["Service"]["Restart"] == "always", path.name
        assert unit["Unit"]["StartLimitIntervalSec"] == "0", path.name


def test_the_server_serves_the_locked_kiosk_on_loopback_only():
    argv = _exec_start(SERVE)
    assert argv[0].endswith("/.venv/bin/kiosk")
    args = build_parser().parse_args(argv[1:])
    assert args.command == "serve" and not args.dev and args.host == "127.0.0.1"
    assert str(args.content) == "/srv/clinic-kiosk/content"
    service = read_unit(SERVE)["Service"]
    assert service["IPAddressDeny"] == "any" and service["IPAddressAllow"] == "localhost"
    assert service["Type"] == "notify" and service["RestartPreventExitStatus"] == "64 69"
    assert "clinic-kiosk.service" in read_unit(SERVE)["Unit"]["Conflicts"]


def test_the_browser_shows_that_page_in_kiosk_mode_and_reaches_nothing_else():
    port = build_parser().parse_args(_exec_start(SERVE)[1:]).port
    argv = _exec_start(BROWSER)
    assert argv[0] == "/usr/bin/cage" and "/usr/bin/chromium" in argv
    assert argv[-1] == f"http://127.0.0.1:{port}/"
    assert {"--kiosk", "--incognito", "--disable-pinch", "--overscroll-history-navigation=0"} <= set(argv)
    assert "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" in argv
    assert "--no-sandbox" not in argv
    unit = read_unit(BROWSER)
    assert unit["Service"]["User"] == "kiosk-browser" and unit["Service"]["IPAddressDeny"] == "any"
    assert f"/dev/tcp/127.0.0.1/{port}" in unit["Service"]["ExecStartPre"]
    assert "\nAfter=clinic-kiosk-serve.service" in BROWSER.read_text(encoding="utf-8")


@pytest.fixture
def stand_ins(tmp_path):
    for unit in DEPLOY.glob("clinic-kiosk*"):
        text = unit.read_text(encoding="utf-8")
        for path, stand_in in STAND_INS.items():
            text = text.replace(path, stand_in)
        (tmp_path / unit.name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
@pytest.mark.parametrize("name", [SERVE.name, BROWSER.name])
def test_systemd_accepts_the_browser_units(stand_ins, name):
    done = subprocess.run(["systemd-analyze", "verify", str(stand_ins / name)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_the_server_unit_keeps_the_console_units_sandbox(stand_ins):
    """1.4 (the console unit: 0.7): the difference is the loopback network the browser needs."""
    done = subprocess.run(["systemd-analyze", "security", "--offline=yes", "--threshold=10",
                           str(stand_ins / SERVE.name)], capture_output=True, text=True, timeout=60)
    line = [row for row in done.stdout.splitlines() if "Overall exposure level" in row]
    assert line, done.stdout + done.stderr
    assert float(line[0].split(":")[1].split()[0]) <= 1.5, line[0]
