"""Load + validate time: ``load_library`` on a content folder, as the kiosk does at start.

Each folder is measured in a fresh child process (``python -m bench.loading --child DIR N``),
after its imports, so the first call is *cold* exactly as at kiosk start (lazy data such as the
pronouncing dictionary used by the readability lint is loaded inside it), and the calls after
it in the same process are *warm*, as a live content reload by staff is. The figure is the
cold call; the warm median is printed alongside.

Reference: reading the same YAML files and nothing else (PyYAML's C loader when available,
its plain SafeLoader otherwise), the floor for any loader of these files.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.startup import ROOT, child_env


@dataclass
class LoadTimes:
    folder: str
    topics: int = 0
    cold: float | None = None
    warm: list[float] = field(default_factory=list)
    ref: list[float] = field(default_factory=list)
    error: str | None = None
    validate: float | None = None  # with the reading-level lint, as `kiosk validate`

    @property
    def warm_median(self) -> float | None:
        return statistics.median(self.warm) if self.warm else None

    @property
    def ref_median(self) -> float | None:
        return statistics.median(self.ref) if self.ref else None


def _yaml_only(folder: Path) -> float:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    start = time.perf_counter()
    for path in [folder / "kiosk.yaml", *sorted((folder / "topics").glob("*.yaml"))]:
        yaml.load(path.read_bytes(), Loader=loader)  # a safe loader
    return time.perf_counter() - start


def _child(folder: str, runs: int, budget: float) -> dict:
    from kiosk.content.loader import load_library

    out: dict = {"folder": folder, "warm": [], "ref": []}
    start = time.perf_counter()
    result = load_library(folder, grade=False)  # as the kiosk loads at start and on reload
    out["cold"] = time.perf_counter() - start
    if result.library is None:
        out["error"] = f"{len(result.errors)} error(s), e.g. {result.errors[0]}"
        return out
    out["topics"] = len(result.library.topics)
    began = time.perf_counter()
    for _ in range(runs):
        start = time.perf_counter()
        load_library(folder, grade=False)
        out["warm"].append(time.perf_counter() - start)
        if time.perf_counter() - began > budget:
            break
    for _ in range(max(3, len(out["warm"]))):
        out["ref"].append(_yaml_only(Path(folder)))
    start = time.perf_counter()
    load_library(folder)  # as `kiosk validate` does: with the reading-level lint
    out["validate"] = time.perf_counter() - start
    return out


def measure(folder: Path | str, runs: int = 5, budget: float = 20.0) -> LoadTimes:
    """Cold and warm ``load_library`` times of ``folder`` (warm runs stop after ``budget`` s)."""
    proc = subprocess.run([sys.executable, "-m", "bench.loading", "--child", str(folder), str(runs), str(budget)],
                          cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=600)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        return LoadTimes(str(folder), error=f"exit {proc.returncode}: {proc.stderr.strip()[-300:]}")
    data = json.loads(lines[-1])
    return LoadTimes(str(folder), data.get("topics", 0), data.get("cold"), data.get("warm", []),
                     data.get("ref", []), data.get("error"), data.get("validate"))


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        print(json.dumps(_child(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]) if len(sys.argv) > 4 else 20.0)))
    else:  # python -m bench.loading DIR
        print(measure(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "content")))
