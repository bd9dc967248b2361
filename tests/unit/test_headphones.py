"""Headphones by the sound server's port availability (K-S15): the parsing and the decision
on recorded ``pactl list sinks`` output, the watch end to end with a stand-in pactl that
replays that output, and one real private PulseAudio, which can be read but (a null sink has
no jack) cannot change a port's availability."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from kiosk.speech.headphones import HeadphoneWatch, Jack, decide, headphones_in, parse_sinks

RECORDED = Path(__file__).resolve().parents[1] / "fixtures" / "pactl"


def recorded(name: str) -> str:
    return (RECORDED / name).read_text(encoding="utf-8")


def test_a_port_line_gives_its_type_and_availability():
    ports = parse_sinks(recorded("headphones-out.txt"))
    assert [(p.name, p.kind, p.available) for p in ports] == [
        ("analog-output-speaker", "Speaker", None), ("analog-output-headphones", "Headphones", False)]
    assert ports[1].sink == "alsa_output.pci-0000_00_1f.3.analog-stereo"
    assert headphones_in(ports) is False
    assert headphones_in(parse_sinks(recorded("headphones-in.txt"))) is True


def test_an_older_server_without_port_types_is_read_by_the_port_name():
    ports = parse_sinks(recorded("old-server-in.txt"))
    assert [(p.name, p.available) for p in ports] == [("analog-output-lineout", False),
                                                      ("analog-output-headphones", True)]
    assert headphones_in(ports) is True


def test_a_sink_without_a_jack_reports_nothing_to_go_by():
    assert parse_sinks(recorded("null-sink.txt")) == []
    assert headphones_in(parse_sinks(recorded("null-sink.txt"))) is None
    speakers_only = recorded("headphones-out.txt").replace(
        "\t\tanalog-output-headphones: Headphones (type: Headphones, priority: 9900, availability group: Legacy 2, "
        "not available)\n", "")
    assert headphones_in(parse_sinks(speakers_only)) is None


@pytest.mark.parametrize(("before", "now", "change"), [
    (False, True, Jack.PLUGGED), (True, False, Jack.UNPLUGGED), (True, True, None), (False, False, None),
    (None, True, None),  # left in the jack at start-up: not a plug
    (True, None, None),  # the server stopped answering: never ends a visit
])
def test_only_a_change_between_two_known_readings_counts(before, now, change):
    assert decide(before, now) is change


@pytest.fixture
def fake_pactl(tmp_path):
    """A stand-in pactl: ``list sinks`` prints the file ``sinks.txt`` (the test swaps it, as
    plugging would change the server's answer); ``subscribe`` prints one event each time the
    file ``event`` appears, as the server would on a jack change."""
    script = tmp_path / "pactl"
    script.write_text(f"""#!/bin/sh
if [ "$1" = list ]; then
  if [ -e "{tmp_path}/hold" ]; then touch "{tmp_path}/listing"; while [ -e "{tmp_path}/hold" ]; do sleep 0.01; done; fi
  cat "{tmp_path}/sinks.txt"; exit 0
fi
if [ "$1" = subscribe ]; then
  touch "{tmp_path}/subscribed"
  while :; do
    if [ -e "{tmp_path}/event" ]; then rm -f "{tmp_path}/event"; echo "Event 'change' on card #0"; fi
    sleep 0.02
  done
fi
exit 1
""")
    script.chmod(0o755)
    return tmp_path, str(script)


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline, f"waited 10 s for {what}"
        time.sleep(0.01)


def test_the_watch_reports_plugging_and_unplugging_from_the_server_events(fake_pactl):
    folder, pactl = fake_pactl
    (folder / "sinks.txt").write_text(recorded("headphones-out.txt"))
    changes: list[Jack] = []
    seen = threading.Event()

    def changed(change: Jack) -> None:
        changes.append(change)
        seen.set()

    watch = HeadphoneWatch(changed, pactl=pactl)
    try:
        assert watch.start(), watch.status
        assert "watching the jack (out)" in watch.status
        (folder / "sinks.txt").write_text(recorded("headphones-in.txt"))
        (folder / "event").touch()
        wait_for(lambda: changes == [Jack.PLUGGED], "the plug")
        (folder / "event").touch()  # an event with nothing changed at the jack: nothing reported
        wait_for(lambda: not (folder / "event").exists(), "the event read")
        (folder / "sinks.txt").write_text(recorded("headphones-out.txt"))
        (folder / "event").touch()
        wait_for(lambda: changes == [Jack.PLUGGED, Jack.UNPLUGGED], "the unplug")
    finally:
        watch.close()


def test_a_watch_closed_while_it_starts_leaves_nothing_running(fake_pactl):
    """The kiosk may close while the watch's first ``pactl list sinks`` is still out (it starts
    in a thread after the first screen): the watch must not then go on to start ``pactl
    subscribe`` and a reader thread that nobody will stop."""
    folder, pactl = fake_pactl
    (folder / "sinks.txt").write_text(recorded("headphones-out.txt"))
    (folder / "hold").touch()
    watch = HeadphoneWatch(lambda change: None, pactl=pactl)
    started: list[bool] = []
    starting = threading.Thread(target=lambda: started.append(watch.start()))
    starting.start()
    wait_for((folder / "listing").exists, "the first listing")
    watch.close()
    (folder / "hold").unlink()
    starting.join(10)
    assert started == [False]
    assert "closed" in watch.status
    assert not (folder / "subscribed").exists()


def test_no_jack_to_watch_is_said_and_nothing_runs(fake_pactl):
    folder, pactl = fake_pactl
    (folder / "sinks.txt").write_text(recorded("null-sink.txt"))
    watch = HeadphoneWatch(lambda change: None, pactl=pactl)
    assert not watch.start()
    assert "reports no headphone jack" in watch.status
    assert not HeadphoneWatch(lambda change: None, pactl="/nonexistent/pactl").start()


@pytest.mark.speech_engine
@pytest.mark.skipif(not (shutil.which("pulseaudio") and shutil.which("pactl")), reason="pulseaudio and pactl needed")
def test_a_real_private_pulseaudio_is_read_and_its_null_sink_reports_no_jack(tmp_path):
    """The real server and the real pactl: the parser finds the null sink's (empty) port list,
    and the watch declines, saying why. A null sink has no jack, so plugging cannot be played
    out here: that part runs on the recorded output above."""
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    env = {**os.environ, "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(run), "PULSE_RUNTIME_PATH": str(run)}
    socket = run / "native"
    server = subprocess.Popen(
        ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no", "--disable-shm=yes",
         "-L", f"module-native-protocol-unix socket={socket} auth-anonymous=1",
         "-L", "module-null-sink sink_name=kiosk"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        env["PULSE_SERVER"] = f"unix:{socket}"
        deadline = time.monotonic() + 10
        while subprocess.run(["pactl", "info"], capture_output=True, env=env).returncode:
            assert time.monotonic() < deadline, "the private sound server did not start"
            time.sleep(0.1)
        listing = subprocess.run(["pactl", "list", "sinks"], capture_output=True, text=True, check=True,
                                 env={**env, "LC_ALL": "C"}).stdout
        assert "Name: kiosk" in listing
        assert headphones_in(parse_sinks(listing)) is None
        old = {key: os.environ.get(key) for key in ("PULSE_SERVER", "PULSE_RUNTIME_PATH")}
        os.environ.update(PULSE_SERVER=env["PULSE_SERVER"], PULSE_RUNTIME_PATH=str(run))
        try:
            watch = HeadphoneWatch(lambda change: None)
            assert not watch.start()
            assert "reports no headphone jack (no ports)" in watch.status
        finally:
            for key, value in old.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    finally:
        server.terminate()
        server.wait(timeout=10)
