"""Where start-up, a screen change and memory go: the profiles bench/README.md reports.

``python -m bench.profile start CONTENT``   phases of one start in this process: imports, the
content (``load_for_start``: the library cache when it matches), building the app (speech
service included) and ``App.run`` to the first painted frame.
``python -m bench.profile memory CONTENT``  the same start under ``tracemalloc`` (slow), its
top at the first paint.
``python -m bench.profile screens CONTENT [N]``  cProfile over N screen changes (a topic's
first screen, reading it, the emergency page, back, home) under Pilot, headless, 80x24; time
per package (the kiosk's own code, Textual, Rich, the rest) and the top functions.

Both are single runs for shares, not figures with a reference: the bench's rows are those.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path


def _package(filename: str) -> str:
    for name in ("kiosk", "textual", "rich", "pydantic", "pydantic_core", "yaml", "asyncio"):
        if f"/{name}/" in filename:
            return name
    return "python/other"


def start(content: str, trace: bool = False) -> None:
    import threading
    import tracemalloc

    if trace:
        tracemalloc.start(1)  # slows everything several times: its run's times are not printed
    t0 = time.perf_counter()
    from kiosk.host import collector

    collector.pause_for_start()  # as kiosk run does; the app turns it on again at its first frame
    from bench import paint
    from kiosk.content.content_path import load_for_start
    from kiosk.ui.app import KioskApp
    from kiosk.ui.launch import make_speech
    from kiosk.visit.usage import UsageLog

    t1 = time.perf_counter()
    library = load_for_start(content, stream=sys.stderr)
    assert library is not None
    t2 = time.perf_counter()
    speech = make_speech(library.settings, "none")
    app = KioskApp(library, speech=speech, usage=UsageLog(None), watch_content=True, freeze_gc=True)
    t3 = time.perf_counter()
    marks: dict[str, float] = {}
    snapshot = []

    def on_frame(app_, screen, text: str, when: float) -> None:
        if "t4" not in marks and library.settings.clinic_name in text:
            marks["t4"] = time.perf_counter()
            if trace:
                snapshot.append(tracemalloc.take_snapshot())
            app_.exit()

    paint.install(on_frame)
    app.run(headless=True, size=(80, 24))
    speech.close()
    collector.settle_after_start()  # as kiosk run does when its app returns: the chores go on
    for thread in threading.enumerate():  # a first start fills the library cache for the next
        if thread.name == "keep-last-good":
            thread.join(120)
    t4 = marks["t4"]
    if not trace:
        print(f"imports {t1 - t0:.3f} s | content {t2 - t1:.3f} s ({len(library.topics)} topics) | "
              f"app build {t3 - t2:.3f} s | run to first paint {t4 - t3:.3f} s | total {t4 - t0:.3f} s")
        return
    stats = snapshot[0].statistics("filename")
    by_package: Counter[str] = Counter()
    for stat in stats:
        by_package[_package(stat.traceback[0].filename)] += stat.size
    total = sum(by_package.values())
    print(f"tracemalloc at first paint: {total / 2**20:.1f} MB traced; by package: "
          + ", ".join(f"{k} {v / 2**20:.1f} MB" for k, v in by_package.most_common()))
    for stat in stats[:12]:
        print(f"  {stat.size / 2**20:6.2f} MB  {stat.count:7d} blocks  {stat.traceback[0].filename}")


def screens(content: str, changes: int = 40) -> None:
    import asyncio
    import cProfile
    import pstats

    from kiosk.content.content_path import load_for_start
    from kiosk.host.clock import FakeClock
    from kiosk.speech.recording import RecordingSpeech
    from kiosk.ui.app import KioskApp
    from kiosk.visit.usage import UsageLog

    library = load_for_start(content, stream=sys.stderr)
    assert library is not None
    clock = FakeClock()
    app = KioskApp(library, speech=RecordingSpeech(library.settings.speech), usage=UsageLog(None), clock=clock)
    keys = ["1", "1", "asterisk", "escape", "0", "0"]  # topic start, read, emergency, back, back, home
    profiler = cProfile.Profile()

    async def drive() -> float:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            spent = 0.0
            for i in range(changes):
                clock.advance(1)
                start = time.perf_counter()
                profiler.enable()
                await pilot.press(keys[i % len(keys)])
                await pilot.pause()
                profiler.disable()
                spent += time.perf_counter() - start
            return spent

    spent = asyncio.run(drive())
    stats = pstats.Stats(profiler)
    by_package: Counter[str] = Counter()
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        by_package[_package(filename)] += tottime
    total = sum(by_package.values())
    print(f"{changes} screen changes, {spent / changes * 1000:.1f} ms each (profiled, wall); own time by package: "
          + ", ".join(f"{k} {v / total:.0%}" for k, v in by_package.most_common()))
    stats.sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    what, folder = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else str(Path(__file__).parents[1] / "content")
    if what in ("start", "memory"):
        start(folder, trace=what == "memory")
    else:
        screens(folder, int(sys.argv[3]) if len(sys.argv) > 3 else 40)
