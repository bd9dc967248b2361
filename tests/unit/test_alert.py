"""The front-desk alert runs a real command: it gets the kiosk's name and the time, never an
answer; a hanging command is killed after the timeout and the call returns promptly; failures
are returned and logged, never raised."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import os
import threading
import time

import pytest

from kiosk.content.settings import AlertSettings, KioskSettings
from kiosk.desk.alert import call_front_desk, call_front_desk_async, call_front_desk_in_background

WHEN = dt.datetime(2026, 11, 25, 14, 5, tzinfo=dt.UTC)
ANSWERS = ("calf, foot and toes", "chest pain", "Muscle spasms")  # what must never reach the command

RECORDER = """#!/bin/sh
# Records what it was given: arguments and environment (python reads this heredoc), then stdin.
python3 - "$@" <<'PY'
import json, os, sys
json.dump({"argv": sys.argv[1:], "env": dict(os.environ)}, open(os.environ["RECORD_TO"], "w"))
PY
cat > "$RECORD_TO.stdin"
"""


def script(tmp_path, name: str, body: str):
    path = tmp_path / name
    path.write_text(body)
    path.chmod(0o755)
    return path


def test_the_command_gets_the_kiosk_name_and_the_time_and_nothing_else(tmp_path, monkeypatch):
    record = tmp_path / "record.json"
    monkeypatch.setenv("RECORD_TO", str(record))
    recorder = script(tmp_path, "recorder", RECORDER)
    settings = AlertSettings(command=[str(recorder), "--chime"], kiosk_name="Waiting room 2", timeout_seconds=5)

    result = call_front_desk(settings, WHEN)

    assert result.ok, result.reason
    seen = json.loads(record.read_text())
    assert seen["argv"] == ["--chime", "Waiting room 2", "2026-11-25T14:05:00+00:00"]
    assert seen["env"]["KIOSK_NAME"] == "Waiting room 2" and seen["env"]["KIOSK_TIME"] == "2026-11-25T14:05:00+00:00"
    assert (tmp_path / "record.json.stdin").read_text() == ""  # nothing on standard input
    everything = record.read_text() + (tmp_path / "record.json.stdin").read_text()
    for answer in ANSWERS:
        assert answer not in everything


def test_placeholders_put_the_name_and_time_where_the_command_wants_them(tmp_path, monkeypatch):
    record = tmp_path / "record.json"
    monkeypatch.setenv("RECORD_TO", str(record))
    recorder = script(tmp_path, "recorder", RECORDER)
    settings = AlertSettings(command=[str(recorder), "--data", "kiosk={kiosk}", "at={time}"], kiosk_name="K2")
    assert call_front_desk(settings, WHEN).ok
    assert json.loads(record.read_text())["argv"] == ["--data", "kiosk=K2", "at=2026-11-25T14:05:00+00:00"]


def test_a_hanging_command_is_killed_after_the_timeout_with_its_children(tmp_path):
    pid_file = tmp_path / "child.pid"
    # A shell that starts a child (as `ssh desk aplay ...` would) and hangs.
    hanger = script(tmp_path, "hang", f"#!/bin/sh\nsleep 300 &\necho $! > {pid_file}\nwait\n")
    settings = AlertSettings(command=[str(hanger)], timeout_seconds=1)

    start = time.monotonic()
    result = call_front_desk(settings, WHEN)
    took = time.monotonic() - start

    assert not result.ok and result.timed_out and "timed out" in result.reason
    assert took < 3, f"the call took {took:.1f} s with a 1 s timeout"
    child = int(pid_file.read_text())
    time.sleep(0.2)
    assert not alive(child)  # the child was killed with the command


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for a reaper (in a container PID 1 may never reap it)."""
    try:
        status = open(f"/proc/{pid}/status").read()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def test_the_background_call_returns_at_once_even_when_the_command_hangs(tmp_path):
    hanger = script(tmp_path, "hang", "#!/bin/sh\nexec sleep 300\n")
    settings = AlertSettings(command=[str(hanger)], timeout_seconds=1)
    done = threading.Event()
    results = []

    start = time.monotonic()
    thread = call_front_desk_in_background(settings, lambda r: (results.append(r), done.set()), WHEN)
    assert time.monotonic() - start < 0.2  # never blocks the patient
    assert done.wait(5)
    thread.join(1)
    assert results[0].timed_out and not results[0].ok


async def test_the_async_call_kills_a_hanging_command_too(tmp_path):
    hanger = script(tmp_path, "hang", "#!/bin/sh\nexec sleep 300\n")
    start = time.monotonic()
    result = await call_front_desk_async(AlertSettings(command=[str(hanger)], timeout_seconds=1), WHEN)
    assert result.timed_out and time.monotonic() - start < 3


async def test_the_async_call_passes_the_same_two_arguments(tmp_path, monkeypatch):
    record = tmp_path / "record.json"
    monkeypatch.setenv("RECORD_TO", str(record))
    recorder = script(tmp_path, "recorder", RECORDER)
    result = await call_front_desk_async(AlertSettings(command=[str(recorder)], kiosk_name="K1"), WHEN)
    assert result.ok, result.reason
    assert json.loads(record.read_text())["argv"] == ["K1", "2026-11-25T14:05:00+00:00"]


def test_failures_are_returned_and_logged_never_raised(tmp_path, caplog):
    failing = script(tmp_path, "fail", "#!/bin/sh\necho 'desk speaker unreachable' >&2\nexit 3\n")
    with caplog.at_level(logging.WARNING, logger="kiosk.desk.alert"):
        result = call_front_desk(AlertSettings(command=[str(failing)]), WHEN)
        missing = call_front_desk(AlertSettings(command=[str(tmp_path / "no-such-command")]), WHEN)
    assert not result.ok and result.returncode == 3 and "desk speaker unreachable" in result.reason
    assert not missing.ok and "could not start" in missing.reason
    assert len([r for r in caplog.records if "front desk alert failed" in r.getMessage()]) == 2


def test_no_command_set_is_a_result_not_an_error():
    assert KioskSettings().alert.command is None
    assert not call_front_desk(AlertSettings(), WHEN).ok
    assert not asyncio.run(call_front_desk_async(AlertSettings(), WHEN)).ok


@pytest.mark.skipif(not __import__("shutil").which("curl"), reason="curl is not installed")
def test_the_documented_curl_example_reaches_a_desk_web_hook():
    """docs/DEPLOYMENT.md example 2 (curl), against a local web hook that records what it gets."""
    import http.server
    import urllib.parse

    got: list[dict] = []

    class Hook(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"])).decode()
            got.append({"path": self.path, "form": urllib.parse.parse_qs(body)})
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/kiosk-alert"
    command = [
        "curl",
        "-fsS",
        "--max-time",
        "5",
        "--data-urlencode",
        "kiosk={kiosk}",
        "--data-urlencode",
        "time={time}",
        url,
    ]
    try:
        result = call_front_desk(AlertSettings(command=command, kiosk_name="Waiting room 2"), WHEN)
    finally:
        thread.join(5)
        server.server_close()
    assert result.ok, result.reason
    assert got == [
        {"path": "/kiosk-alert", "form": {"kiosk": ["Waiting room 2"], "time": ["2026-11-25T14:05:00+00:00"]}}
    ]


@pytest.mark.skipif(
    not all(__import__("shutil").which(t) for t in ("pulseaudio", "paplay", "parec", "sox")),
    reason="pulseaudio, pulseaudio-utils and sox are needed for the chime example",
)
def test_the_documented_chime_example_plays_on_a_desk_sound_server(tmp_path):
    """docs/DEPLOYMENT.md example 1: paplay to the desk's PulseAudio over TCP. The desk is a
    private pulseaudio with a null sink; parec on its monitor hears the chime."""
    import socket
    import subprocess

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (tmp_path / "run").mkdir()
    env = {**os.environ, "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(tmp_path / "run")}
    chime = tmp_path / "chime.wav"
    subprocess.run(["sox", "-n", "-r", "22050", "-c", "1", str(chime), "synth", "0.3", "sine", "880"], check=True)
    desk = subprocess.Popen(
        [
            "pulseaudio",
            "-n",
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--use-pid-file=no",
            "--disable-shm=yes",
            "-L",
            "module-null-sink sink_name=desk",
            "-L",
            f"module-native-protocol-tcp port={port} auth-ip-acl=127.0.0.1",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = f"tcp:127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 10
        while subprocess.run(["pactl", f"--server={server}", "info"], capture_output=True, env=env).returncode:
            assert time.monotonic() < deadline, "the desk's sound server did not start"
            time.sleep(0.2)
        heard = tmp_path / "heard.raw"
        with heard.open("wb") as out:
            listener = subprocess.Popen(
                [
                    "parec",
                    f"--server={server}",
                    "-d",
                    "desk.monitor",
                    "--latency-msec=20",
                    "--raw",
                    "--format=s16le",
                    "--channels=1",
                ],
                stdout=out,
                env=env,
            )
            time.sleep(0.3)
            command = ["paplay", f"--server={server}", "--client-name=clinic kiosk {kiosk}", str(chime)]
            result = call_front_desk(AlertSettings(command=command, kiosk_name="Waiting room 2"), WHEN)
            time.sleep(1.0)  # what parec has heard reaches the file a little later
            listener.terminate()
            listener.wait(5)
        assert result.ok, result.reason
        samples = heard.read_bytes()
        assert any(b > 1000 for b in memoryview(samples).cast("h")), "no chime reached the desk's speaker"
    finally:
        desk.terminate()
        desk.wait(5)
    unreachable = call_front_desk(AlertSettings(command=command, timeout_seconds=5), WHEN)  # the desk is off
    assert not unreachable.ok and unreachable.seconds < 5


def test_kiosk_alert_test_runs_the_command(tmp_path, capsys):
    import shutil

    from kiosk.cli import main
    from tests.conftest import CONTENT

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    marker = tmp_path / "called"
    called = script(tmp_path, "called", f'#!/bin/sh\necho "$@" > {marker}\n')
    text = (content / "kiosk.yaml").read_text().replace("  command: null", f"  command: [{called}]")
    (content / "kiosk.yaml").write_text(text)
    assert main(["alert-test", "--content", str(content)]) == 0
    assert "worked" in capsys.readouterr().out
    assert marker.read_text().startswith("kiosk ")
