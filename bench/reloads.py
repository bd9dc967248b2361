"""Memory over staff reloads: RSS after 20 content reloads minus RSS after the first.

A reload is the app's own content worker (``KioskApp.load_content_worker()``, what staff's
"Reload now" and the content watcher start): it loads through the one content path in a
thread; the app takes the result on the UI thread and, as the kiosk sits on an idle home, swaps
the new content in with a fresh visit. So that every reload really swaps content in (unchanged
content is only compared), ``idle.timeout_seconds`` in a private copy of the content is changed
before each one, as a staff edit would.

Runs in a fresh child process (``python -m bench.reloads --child CONTENT N``): the kiosk under
Pilot, headless, 80x24, ``RecordingSpeech``, in-memory usage, ``freeze_gc=True`` as
``kiosk run`` builds it. After each reload has gone live: ``gc.collect()``, then VmRSS. The
figure is RSS after reload N minus RSS after reload 1 (the first reload pays one-off costs:
the loader's code paths, caches). Also, for information, ``grade=True`` reloads (staff's
"Content warnings", which grade the reading level) after the plain ones.
"""

from __future__ import annotations

import asyncio
import gc
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.paint import vm_kb
from bench.startup import ROOT, child_env

TIMEOUT = 60.0


@dataclass
class ReloadMemory:
    rss_kb: list[int] = field(default_factory=list)  # after each plain reload
    graded_rss_kb: list[int] = field(default_factory=list)  # after each graded reload, after the plain ones
    seconds: list[float] = field(default_factory=list)  # each plain reload, worker start to live
    error: str | None = None

    @property
    def growth_mb(self) -> float | None:
        return (self.rss_kb[-1] - self.rss_kb[0]) / 1024 if len(self.rss_kb) >= 2 else None

    @property
    def graded_growth_mb(self) -> float | None:
        return (self.graded_rss_kb[-1] - self.rss_kb[0]) / 1024 if self.graded_rss_kb and self.rss_kb else None


def _edit(folder: Path, n: int) -> None:
    """A staff edit that changes the content's fingerprint: the idle timeout, 90 or 91 s."""
    path = folder / "kiosk.yaml"
    text = path.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^(  timeout_seconds: )\d+", rf"\g<1>{90 + n % 2}", text, count=1)
    if count != 1:
        raise RuntimeError("no idle.timeout_seconds in kiosk.yaml to edit")
    path.write_text(text, encoding="utf-8")


async def _reloads(content: Path, plain: int, graded: int) -> ReloadMemory:
    from kiosk.content.loader import load_library
    from kiosk.host.clock import FakeClock
    from kiosk.speech.recording import RecordingSpeech
    from kiosk.ui.app import KioskApp
    from kiosk.ui.screens.home import HomeScreen
    from kiosk.visit.usage import UsageLog

    library = load_library(content, grade=False).library
    if library is None:
        raise RuntimeError(f"{content} does not load")
    app = KioskApp(library, speech=RecordingSpeech(library.settings.speech), usage=UsageLog(None),
                   clock=FakeClock(), freeze_gc=True)
    out = ReloadMemory()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for n in range(plain + graded):
                _edit(content, n + 1)
                before = app.controller.library.fingerprint
                start = time.perf_counter()
                worker = app.load_content_worker(grade=n >= plain)
                await worker.wait()
                deadline = time.monotonic() + TIMEOUT
                while not (app.controller.library.fingerprint != before and app.pending_library is None
                           and isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1):
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"reload {n + 1} never went live "
                                           f"(problems: {app.reload_problems[:1]}, errors: {app.errors[:1]})")
                    await pilot.pause(0.01)
                await pilot.pause()
                if n < plain:
                    out.seconds.append(time.perf_counter() - start)
                gc.collect()
                (out.rss_kb if n < plain else out.graded_rss_kb).append(vm_kb("VmRSS"))
    finally:
        app.speech.close()
    return out


def _child(source: str, plain: int, graded: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-reload-") as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(source, content)
        return asyncio.run(_reloads(content, plain, graded)).__dict__


def measure(content: Path | str, plain: int = 20, graded: int = 3) -> ReloadMemory:
    """RSS of a fresh kiosk process after each of ``plain`` reloads, then ``graded`` graded ones."""
    proc = subprocess.run([sys.executable, "-m", "bench.reloads", "--child", str(content), str(plain), str(graded)],
                          cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=900)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        return ReloadMemory(error=f"exit {proc.returncode}: {proc.stderr.strip()[-300:]}")
    return ReloadMemory(**json.loads(lines[-1]))


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        print(json.dumps(_child(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 0)))
    else:  # python -m bench.reloads [CONTENT]
        result = measure(sys.argv[1] if len(sys.argv) > 1 else ROOT / "content")
        print(result)
        print(f"growth after {len(result.rss_kb)} reloads: {result.growth_mb} MB; graded: {result.graded_growth_mb} MB")
