"""Key-to-screen latency: from a key press to the screen showing its result, painted.

Runs the kiosk headless under Textual's Pilot at 80x24 with a generated library (1,000 topics)
and a script of page turns and screen changes, cycled until ``samples`` keys were timed:
home, paged deeper into the list by 8 ("More topics": 0, 3, 12 or 40 pages, so later cycles
reach topics deep in a 1,000-topic list) -> a topic's first screen (a digit) -> its first page
(1), next/previous page (right, pagedown, left, pageup), the emergency page and back (``*``,
escape), home (0), and the emergency page from home. ``deepest_keys`` is how many key presses
the deepest page of the library takes from home (:mod:`kiosk.content.library_nav`).

How one key is timed: the ``time.perf_counter()`` just before ``pilot.press`` hands the key to
Textual's driver is the start. The frame hook (``bench.paint``) timestamps every painted frame
and keeps its terminal text. After the key, the harness waits (untimed) until no frame has been
painted for 80 ms. Then:

* **shown**: the first frame painted in the new state (the key's handler has run, so the frame
  holds its changes); for a new screen, also not before its title (and page label) have been
  painted. This is the key-to-screen figure.
* **settled**: the last frame painted for the key (a page laid out again at its real size, the
  highlight scrolled into view). Never earlier than shown.

The speech backend is :class:`RecordingSpeech` (speech off, as after a reset), so the figure is
the UI's own cost. The fake clock moves 1 s between keys, so the 0.3 s debounce (K-I3) lets every
key through, as it would for a person.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field
from typing import ClassVar

from bench import paint

SIZE = (80, 24)
QUIET = 0.08  # seconds without a frame that count as settled
TIMEOUT = 5.0


@dataclass
class Sample:
    kind: str  # "turn" or "screen"
    key: str
    shown: float | None  # seconds; None if the expected text never appeared
    settled: float


@dataclass
class LatencyResult:
    samples: list[Sample] = field(default_factory=list)
    topics: int = 0
    deepest_keys: int = 0  # key presses from home to the deepest page of the library

    def values(self, attr: str = "shown", kind: str | None = None) -> list[float]:
        """Times of one kind; ``kind=None``: page turns and screen changes (not resets)."""
        out = []
        for s in self.samples:
            if s.kind == kind or (kind is None and s.kind != "reset"):
                value = getattr(s, attr)
                out.append(s.settled if value is None else value)
        return out

    @property
    def missing(self) -> int:
        return sum(s.shown is None for s in self.samples)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0-100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "p95": percentile(values, 95), "max": max(values),
            "n": len(values)}


def _expected(app) -> list[str]:
    """Texts the current state must show: the screen title, and the page label of a paged screen."""
    from kiosk.ui.screens.home import HomeScreen
    from kiosk.ui.screens.paged import PagedScreen

    screen = app.screen
    if isinstance(screen, HomeScreen):
        return [app.library.settings.clinic_name, screen.lead() or screen.empty_words()]
    texts = [str(screen.heading)] if screen.heading else []
    if isinstance(screen, PagedScreen):
        texts.append(screen.page_label)
    return texts


def _state(app, screen) -> tuple:
    """What a key changes: the screen on top, and the page and part of a paged screen."""
    return (id(screen), app.screen is screen, getattr(screen, "page", None), getattr(screen, "part", None))


#: Home pages turned (More, the lists' own key) before a topic is picked, cycle after cycle.
DEPTHS = (0, 3, 12, 40)


def _script(n_home_topics: int, home_pages: int):
    """Endless (kind, key) steps: home pages, a topic's first screen, its pages, emergency and
    back, home; emergency from home."""
    from kiosk.content.library_nav import MORE_KEY, PER_PAGE

    digits = [str(d) for d in range(1, min(n_home_topics, PER_PAGE) + 1)]  # 6 is Previous on a paged list
    cycle = 0
    while True:
        for _ in range(min(DEPTHS[cycle % len(DEPTHS)], home_pages - 1)):
            yield "turn", MORE_KEY  # More topics: the same screen, its next page
        yield "screen", digits[cycle % len(digits)]  # the topic's first screen
        yield "screen", "1"  # read from the start
        yield from (("turn", "right"), ("turn", "pagedown"), ("turn", "right"), ("turn", "left"), ("turn", "pageup"))
        yield "screen", "asterisk"
        yield "turn", "right"
        yield "screen", "escape"
        yield "turn", "right"
        yield "screen", "0"
        if cycle % 2 == 0:
            yield "screen", "asterisk"
            yield "turn", "pagedown"
            yield "screen", "escape"
        yield "reset", "9"  # Finish: a fresh visit (reported on its own), topics open at page 1 again
        cycle += 1


async def _timed_press(pilot, key: str, frames: list, recording: list[bool]) -> float:
    """Press ``key`` with frames recorded until none has come for :data:`QUIET`; the start time.

    The one timing loop of the kiosk and of the reference app: the start is taken just before
    ``pilot.press``; every frame painted meanwhile is in ``frames`` as (when, state, text)."""
    frames.clear()
    recording[0] = True
    start = time.perf_counter()
    await pilot.press(key)
    deadline = start + TIMEOUT
    while time.perf_counter() < deadline:
        last = frames[-1][0] if frames else start
        if time.perf_counter() - last >= QUIET:
            break
        await asyncio.sleep(0.005)
    recording[0] = False
    return start


def _shown(frames: list, after: tuple, want: list[str], start: float) -> float | None:
    """Seconds to the first frame of the new state once every text in ``want`` has been painted
    (a whole-screen frame carries every text); None if that never happened."""
    seen: set[str] = set()
    for when, state, text in frames:
        seen.update(w for w in want if w in text)
        if state == after and len(seen) == len(want):
            return when - start
    return None


async def _measure(library, samples: int) -> LatencyResult:
    from kiosk.host.clock import FakeClock
    from kiosk.speech.recording import RecordingSpeech
    from kiosk.ui.app import KioskApp
    from kiosk.ui.screens.home import HomeScreen
    from kiosk.visit.usage import UsageLog

    clock = FakeClock()
    app = KioskApp(library, speech=RecordingSpeech(library.settings.speech), usage=UsageLog(None), clock=clock,
                   freeze_gc=True)  # as kiosk/ui/launch.py runs it
    frames: list[tuple[float, tuple, str]] = []
    recording = [False]

    def on_frame(frame_app, screen, text: str, when: float) -> None:
        if frame_app is app and recording[0]:
            frames.append((when, _state(app, screen), text))

    uninstall = paint.install(on_frame)
    result = LatencyResult(topics=len(library.topics))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            home = app.screen
            assert isinstance(home, HomeScreen), home
            from kiosk.content.library_nav import deepest_in_library

            topics = app.controller.visible_topics()
            result.deepest_keys = len(deepest_in_library(topics)[1])
            for kind, key in _script(len(topics), home.current_page.page_count):
                if len(result.samples) >= samples:
                    break
                before = _state(app, app.screen)
                clock.advance(1.0)
                start = await _timed_press(pilot, key, frames, recording)
                after = _state(app, app.screen)
                if after == before:
                    raise AssertionError(f"key {key!r} changed nothing on {type(app.screen).__name__}")
                screen_changed = after[0] != before[0]
                if screen_changed != (kind in ("screen", "reset")):
                    raise AssertionError(f"key {key!r}: expected a {kind} change")
                if not frames:
                    raise AssertionError(f"key {key!r}: no frame painted")
                # Shown: the first frame of the new state, and for a new screen, once its title
                # and page label have been painted (a whole-screen frame carries every text).
                want = _expected(app) if screen_changed else []
                result.samples.append(Sample(kind, key, _shown(frames, after, want, start), frames[-1][0] - start))
    finally:
        uninstall()
        app.speech.close()
    return result


HOME_TEXT = "Reference home: press 1"
REFERENCE_OPTIONS = ("1  Next page", "2  Previous page", "9  Finish", "0  Back")


def _reference_pages(library, n: int = 4) -> list[tuple[str, str, str]]:
    """(title, page heading, page body) of the first page of the first ``n`` topics: the pages
    the kiosk's script opens from home."""
    topics = library.topics_in(library.settings.languages[0])[:n]
    return [(topic.title, topic.pages[0].heading, topic.pages[0].body) for topic in topics]


async def _measure_reference(pages: list[tuple[str, str, str]], keys: int) -> LatencyResult:
    """The key-to-screen reference: a bare Textual app whose "1" pushes a new screen holding a
    title, a page of the kiosk's own text, a page label and a four-line OptionList, and whose
    escape pops it; ``keys`` keys alternating push and pop, timed exactly as the kiosk's."""
    from textual.app import App
    from textual.binding import Binding
    from textual.screen import Screen
    from textual.widgets import OptionList, Static

    class PageScreen(Screen):
        BINDINGS: ClassVar = [Binding("escape", "app.pop_screen", show=False)]

        def __init__(self, title: str, heading: str, body: str) -> None:
            super().__init__()
            self.words = (title, heading, body)

        def compose(self):
            title, heading, body = self.words
            yield Static(title, markup=False)
            yield Static(f"{heading}\n\n{body}", markup=False)
            yield Static("Page 1 of 3")
            yield OptionList(*REFERENCE_OPTIONS)

    class Reference(App):
        BINDINGS: ClassVar = [Binding("1", "open", show=False)]

        def __init__(self) -> None:
            super().__init__()
            self.opened = 0

        def compose(self):
            yield Static(HOME_TEXT)

        def action_open(self) -> None:
            self.push_screen(PageScreen(*pages[self.opened % len(pages)]))
            self.opened += 1

    app = Reference()
    frames: list[tuple[float, tuple, str]] = []
    recording = [False]

    def on_frame(frame_app, screen, text: str, when: float) -> None:
        if frame_app is app and recording[0]:
            frames.append((when, _state(app, screen), text))

    uninstall = paint.install(on_frame)
    result = LatencyResult(topics=len(pages))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for n in range(keys):
                key = "1" if n % 2 == 0 else "escape"
                before = _state(app, app.screen)
                start = await _timed_press(pilot, key, frames, recording)
                after = _state(app, app.screen)
                if after[0] == before[0] or not frames:
                    raise AssertionError(f"reference: key {key!r} changed no screen or painted nothing")
                screen = app.screen
                want = ([HOME_TEXT] if not isinstance(screen, PageScreen)
                        else [screen.words[0], screen.words[1], "Page 1 of 3"])
                result.samples.append(Sample("screen", key, _shown(frames, after, want, start), frames[-1][0] - start))
    finally:
        uninstall()
    return result


def measure_reference(library, keys: int = 100) -> LatencyResult:
    """Time ``keys`` screen pushes and pops of the bare reference app with ``library``'s text."""
    return asyncio.run(_measure_reference(_reference_pages(library), keys))


def measure(library, samples: int = 200) -> LatencyResult:
    """Time ``samples`` page turns and screen changes of the kiosk showing ``library``."""
    return asyncio.run(_measure(library, samples))


if __name__ == "__main__":  # python -m bench.latency [CONTENT] [SAMPLES]
    import sys

    from kiosk.content.loader import load_library

    lib = load_library(sys.argv[1] if len(sys.argv) > 1 else "content", grade=False).library
    res = measure(lib, int(sys.argv[2]) if len(sys.argv) > 2 else 60)
    for label, kind in (("all", None), ("turns", "turn"), ("screens", "screen")):
        for attr in ("shown", "settled"):
            s = summary(res.values(attr, kind))
            print(f"{label:8} {attr:8} median {s['median'] * 1000:6.1f} ms  p95 {s['p95'] * 1000:6.1f} ms  "
                  f"max {s['max'] * 1000:6.1f} ms  n={s['n']}")
    print("expected text never seen:", res.missing)
    print("key presses from home to the deepest page:", res.deepest_keys)
    for sample in res.samples[:24]:
        print(sample)
