"""Idle CPU: what an untouched kiosk costs, beside a bare Textual app at rest.

Each app runs as a whole process in a pseudo-terminal (the real Linux driver, not headless,
so its terminal checks run as on a kiosk): the kiosk as ``python -m kiosk run --dev`` on the
given content, with its speech engine (``--speech auto``: its synthesiser child is counted
too) and a private data folder (``XDG_DATA_HOME``, as ``--dev`` keeps its data per user); the
reference a bare Textual app (one ``Static``), kept running. A thread drains the terminal's
output so nothing blocks on it. After the first screen, ``settle`` seconds more (the engine's
start) and then until one whole second used under 2% of a core (start-up work in threads: the
last good copy, the library cache), the CPU time of the process tree is read, and again
``seconds`` later; the difference is the figure, as a share of one core. CPU time is user +
system time of the app and of each child, finished threads and reaped children included, from
``/proc/<pid>/stat``, in clock ticks of 10 ms (over 60 s one tick is 0.017% of a core).
"""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("hello")
Bare().run()
"""


def _children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as f:
                out += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return out


TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(pid: int) -> float:
    """CPU time so far of ``pid`` and every descendant: each process's user + system time (its
    threads', the finished ones' too) and its reaped children's, from /proc/<pid>/stat."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
        todo += _children(p)
    return total / TICK


def wait_quiet(pid: int, *, below: float = 2.0, limit: float = 90.0) -> float:
    """Seconds waited until one whole second used less than ``below`` % of a core: start-up
    work in threads (the last good copy, the library cache written on a first start) is over,
    and what is measured next is the kiosk at rest. At most ``limit`` seconds."""
    began = time.monotonic()
    while time.monotonic() - began < limit:
        before = tree_cpu_seconds(pid)
        time.sleep(1.0)
        if (tree_cpu_seconds(pid) - before) * 100 < below:
            break
    return time.monotonic() - began


def _rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


@dataclass
class IdleResult:
    percent: float | None = None  # of one core
    seconds: float = 0.0
    waited: float = 0.0  # from the first screen until start-up work had ended
    rss_mb: float | None = None  # VmRSS of the process at rest, after the measurement
    error: str | None = None


def measure(argv: list[str], *, want: bytes, seconds: float, settle: float = 5.0,
            env: dict[str, str] | None = None, timeout: float = 60.0) -> IdleResult:
    """Run ``argv`` in a pty at 80x24 until ``want`` is drawn, wait ``settle``, measure ``seconds``."""
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    full_env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24", **(env or {})}
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=full_env,
                            start_new_session=True)
    os.close(slave)
    seen = bytearray()
    shown = threading.Event()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            if not shown.is_set():
                seen.extend(chunk)
                if want in seen.replace(b"\x1b", b""):
                    shown.set()

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    result = IdleResult(seconds=seconds)
    try:
        if not shown.wait(timeout):
            result.error = f"{want.decode()!r} never drawn within {timeout:.0f} s"
            return result
        time.sleep(settle)
        result.waited = settle + wait_quiet(proc.pid)
        if proc.poll() is not None:
            result.error = f"exited ({proc.returncode}) before the measurement"
            return result
        before, t0 = tree_cpu_seconds(proc.pid), time.monotonic()
        time.sleep(seconds)
        after, t1 = tree_cpu_seconds(proc.pid), time.monotonic()
        if proc.poll() is not None:
            result.error = f"exited ({proc.returncode}) during the measurement"
            return result
        result.percent = (after - before) / (t1 - t0) * 100
        result.rss_mb = _rss_mb(proc.pid)
        return result
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        os.close(master)


def measure_bare(seconds: float, settle: float = 5.0) -> IdleResult:
    return measure([sys.executable, "-c", BARE], want=b"hello", seconds=seconds, settle=settle)


def measure_kiosk(content: Path, clinic_name: str, data: Path, seconds: float, settle: float = 5.0) -> IdleResult:
    data.mkdir(parents=True, exist_ok=True)
    words = clinic_name.split()[0].encode()  # one word: a name is never split by a cursor move
    return measure([sys.executable, "-m", "kiosk", "run", "--dev", "--content", str(content), "--speech", "auto"],
                   want=words, seconds=seconds, settle=settle, env={"XDG_DATA_HOME": str(data)})


if __name__ == "__main__":  # python -m bench.idle CONTENT [SECONDS]
    from kiosk.content.loader import load_library

    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "content")
    secs = float(sys.argv[2]) if len(sys.argv) > 2 else 20
    loaded = load_library(folder, grade=False).library
    assert loaded is not None, f"{folder} does not load"
    name = loaded.settings.clinic_name
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print("bare ", measure_bare(secs))
        print("kiosk", measure_kiosk(folder, name, Path(tmp) / "data", secs))
