"""Start-up time and peak memory, each start a whole new process (see ``bench._firstpaint``).

Every run starts ``python -m bench._firstpaint ...`` and passes it the parent's
``time.monotonic()`` taken just before the process is created; the child reports the seconds
to its first painted frame and its peak RSS (VmHWM) at that moment. The parent also notes the
whole process's wall time (to exit) and ``ru_maxrss`` from ``wait4``.

The variants run interleaved (bare, shipped, 1,000 topics, bare, ...) after one untimed warm-up
each, so drift in the machine's load hits all of them alike. Byte-code: the children write
their ``.pyc`` files into a private cache folder (``PYTHONPYCACHEPREFIX``) even when
``PYTHONDONTWRITEBYTECODE`` is set, as an installed kiosk has compiled byte-code; the warm-up
run fills it.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYCACHE = Path(tempfile.gettempdir()) / "kiosk-bench-pycache"
DATA = Path(tempfile.gettempdir()) / "kiosk-bench-data"
SLOW = 5.0  # a variant whose warm-up takes longer than this runs at most 3 times


@dataclass
class Runs:
    name: str
    args: list[str]
    first_paint: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    hwm_kb: list[int] = field(default_factory=list)
    maxrss_kb: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def median(self, attr: str) -> float | None:
        values = getattr(self, attr)
        return statistics.median(values) if values else None


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env["STATE_DIRECTORY"] = str(DATA)  # the kiosk's data folder: last good copy, library cache
    return env


def run_once(args: list[str], env: dict[str, str]) -> dict:
    """One whole process; its JSON result plus ``wall`` (s, to exit) and ``maxrss_kb`` (wait4)."""
    with tempfile.TemporaryFile() as errors:
        start = time.monotonic()
        env = {**env, "BENCH_T0": repr(start)}
        proc = subprocess.Popen([sys.executable, "-m", "bench._firstpaint", *args], cwd=ROOT, env=env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errors)
        assert proc.stdout is not None  # stdout=PIPE
        out = proc.stdout.read()
        proc.stdout.close()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        err = errors.read()
    lines = [line for line in out.decode(errors="replace").splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = err.decode(errors="replace").strip().splitlines()[-3:]
        return {"error": f"exit {proc.returncode}: {' | '.join(tail) or 'no output'}", "wall": wall}
    result = json.loads(lines[-1])
    if "error" in result:
        return result
    result["wall"] = wall
    result["maxrss_kb"] = usage.ru_maxrss  # kB on Linux
    return result


def measure(variants: list[tuple[str, list[str]]], runs: int = 7, log=print) -> dict[str, Runs]:
    """Run each ``(name, args)`` variant ``runs`` times, interleaved, after a warm-up."""
    PYCACHE.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(DATA, ignore_errors=True)  # each bench starts with no cache: its warm-up fills it
    env = child_env()
    results = {name: Runs(name, args) for name, args in variants}
    limit: dict[str, int] = {}
    for name, args in variants:
        warm = run_once(args, env)
        limit[name] = 3 if warm.get("wall", 0) > SLOW else runs
        log(f"  warm-up {name}: {warm.get('first_paint', float('nan')):.2f} s to first paint"
            + (f" ({warm['error']})" if "error" in warm else "")
            + (f"; slow, so {limit[name]} runs" if limit[name] < runs else ""))
    for i in range(runs):
        for name, args in variants:
            if i >= limit[name]:
                continue
            res = results[name]
            one = run_once(args, env)
            if "error" in one:
                res.errors.append(one["error"])
                continue
            res.first_paint.append(one["first_paint"])
            res.wall.append(one["wall"])
            res.hwm_kb.append(one["hwm_kb"])
            res.maxrss_kb.append(one["maxrss_kb"])
        log(f"  round {i + 1}/{runs} done")
    return results
