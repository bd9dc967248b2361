"""Headphones in the jack, as the sound server reports them: plugging in turns speech on,
unplugging ends the visit (as talking ATMs do), K-S15.

PulseAudio (and PipeWire's pulse server) knows, for sound cards whose jack detection works, whether
each output port is "available" (something plugged in) or "not available". ``pactl subscribe``
prints a line for each change, and ``pactl list sinks`` lists each port with its availability.
The parsing and the decision are pure functions here, tested with recorded ``pactl`` output;
:class:`HeadphoneWatch` only runs the two commands on a thread of its own and reports a change.
Where the server reports no availability for any headphone port (a null sink, HDMI, a card with
no jack detection), the watch says so and stops: nothing changes for the patient.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

__all__ = ["HeadphoneWatch", "Jack", "Port", "decide", "headphones_in", "parse_sinks"]


class Jack(Enum):
    """What changed at the headphone jack."""

    PLUGGED = "plugged"
    UNPLUGGED = "unplugged"


@dataclass(frozen=True)
class Port:
    sink: str
    name: str
    description: str
    kind: str  # "Headphones", "Speaker", ... ("" from servers too old to say)
    available: bool | None  # None: "availability unknown" (no jack detection)

    @property
    def is_headphones(self) -> bool:
        words = f"{self.kind} {self.name} {self.description}".lower()
        return any(word in words for word in ("headphone", "headset"))


_SINK = re.compile(r"^Sink #\d+")
_NAME = re.compile(r"^\s+Name: (.+)$")
_PORT = re.compile(r"^\s+([^\s:][^:]*): (.*) \(([^()]*)\)\s*$")


def parse_sinks(text: str) -> list[Port]:
    """The ports of every sink in ``LC_ALL=C pactl list sinks`` output, with availability.

    A port line reads ``analog-output-headphones: Headphones (type: Headphones, priority:
    9900, availability group: Legacy 2, not available)``; older servers leave out type and group.
    """
    ports: list[Port] = []
    sink = ""
    in_ports = False
    for line in text.splitlines():
        if _SINK.match(line):
            sink, in_ports = "", False
            continue
        name = _NAME.match(line)
        if name and not in_ports:
            sink = name.group(1).strip()
            continue
        stripped = line.strip()
        if stripped == "Ports:":
            in_ports = True
            continue
        if in_ports:
            port = _PORT.match(line) if line.startswith("\t\t") or line.startswith("        ") else None
            if port is None:
                in_ports = False
                continue
            fields = [field.strip() for field in port.group(3).split(",")]
            kind = next((f.split(":", 1)[1].strip() for f in fields if f.startswith("type:")), "")
            state = fields[-1] if fields else ""
            available = True if state == "available" else False if state == "not available" else None
            ports.append(Port(sink, port.group(1).strip(), port.group(2).strip(), kind, available))
    return ports


def headphones_in(ports: list[Port]) -> bool | None:
    """True when a headphone port is available, False when every headphone port that reports
    availability is not; None when none reports it (nothing to go by)."""
    known = [port.available for port in ports if port.is_headphones and port.available is not None]
    if not known:
        return None
    return any(known)


def decide(before: bool | None, now: bool | None) -> Jack | None:
    """A change at the jack, or None. The first reading (``before`` None) is where things stand,
    not a change: headphones left in the jack do not turn speech on at start-up, and an unknown
    reading never ends a visit."""
    if before is None or now is None or before == now:
        return None
    return Jack.PLUGGED if now else Jack.UNPLUGGED


#: What ``pactl subscribe`` prints when a jack may have changed (a port's availability
#: changes the card, and with it the sink).
_EVENT = re.compile(r"^Event '(?:change|new)' on (?:sink|card) #\d+")


class HeadphoneWatch:
    """Runs ``pactl subscribe`` and calls ``on_change`` (on its own thread) for each change.

    ``run`` is the command runner, for tests. ``start()`` returns False, with ``status`` saying
    why, when there is no pactl or no headphone port reports availability."""

    def __init__(self, on_change: Callable[[Jack], None], *, pactl: str | None = None) -> None:
        self.on_change = on_change
        self.pactl = pactl or shutil.which("pactl")
        self.status = "not started"
        self._state: bool | None = None
        self._process: subprocess.Popen[str] | None = None
        self._thread: threading.Thread | None = None
        self._closed = False
        self._lock = threading.Lock()  # start (a thread) against close (the kiosk leaving)

    def _env(self) -> dict[str, str]:
        return {**os.environ, "LC_ALL": "C"}  # the words parse_sinks reads

    def read(self) -> list[Port]:
        """The ports now (a second at most: pactl answers or the server is not there)."""
        if self.pactl is None:
            return []
        try:
            done = subprocess.run([self.pactl, "list", "sinks"], capture_output=True, text=True, timeout=2,
                                  env=self._env(), stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired):
            return []
        return parse_sinks(done.stdout) if done.returncode == 0 else []

    def start(self) -> bool:
        if self.pactl is None:
            self.status = "headphones: no pactl (no PulseAudio or PipeWire tools)"
            return False
        ports = self.read()
        self._state = headphones_in(ports)
        if self._state is None:
            heard = ", ".join(f"{p.sink}:{p.name}" for p in ports) or "no ports"
            self.status = f"headphones: the sound server reports no headphone jack ({heard})"
            return False
        with self._lock:
            if self._closed:  # the kiosk closed while the ports were read: start nothing
                self.status = "headphones: closed before the watch started"
                return False
            try:
                self._process = subprocess.Popen([self.pactl, "subscribe"], stdout=subprocess.PIPE, text=True,
                                                 stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                                                 env=self._env())
            except OSError as error:
                self.status = f"headphones: pactl subscribe failed: {error}"
                return False
            self.status = f"headphones: watching the jack ({'in' if self._state else 'out'})"
            self._thread = threading.Thread(target=self._run, name="kiosk-headphones", daemon=True)
            self._thread.start()
        return True

    def _run(self) -> None:
        process = self._process
        assert process is not None and process.stdout is not None
        for line in process.stdout:
            if _EVENT.match(line):
                self.check()

    def check(self) -> Jack | None:
        """Read the ports again and report a change, if there is one."""
        now = headphones_in(self.read())
        change = decide(self._state, now)
        if now is not None:
            self._state = now
        if change is not None:
            self.on_change(change)
        return change

    def close(self) -> None:
        with self._lock:
            self._closed = True
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self._process.kill()
        if self._thread is not None:
            self._thread.join(timeout=2)
