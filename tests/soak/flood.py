"""Key floods through Pilot: the driver and its figures.

A *burst* is posted to the app all at once: the app's queue holds the whole burst before the
first key is handled. The app has the key governor a running kiosk has, in its event handler
(as under ``kiosk serve``); every key of a burst still goes through the app's queue. Kinds of
burst:

* ``mixed``: 1,000 keys drawn from ``*``, ``.``, digits, Enter and the arrows;
* ``star-dot``: 1,000 keys alternating ``*`` and ``.`` (the stacking case of the issue);
* ``paste``: 100 KB of text sent as keys, not bracketed (the shipped topic files' text, line
  ends as a terminal sends them, CR, so Enter), posted as the kiosk's terminal driver posts it
  (``kiosk.ui.input_driver``): read 4 KB at a time, the typed characters the key governor has
  no room for dropped before Textual's own ``XTermParser``, every parsed key asked for by name.
  So only the keys a terminal kiosk's app would get reach the app; the real driver is run by
  ``test_flood_tmux.py``.

After each burst, 0.2 s later (real time; the fake clock is moved 1 s, a person's pause), one
*probe* key is posted: ``*``, the emergency key. What is measured and checked, per burst:

* **answered**: the probe reached the app's key handling and the emergency page is on top,
  within :data:`ANSWER_DEADLINE` (1 s) of the probe being posted: a wait with a deadline, as
  the soak's other waits; when it misses, the harness waits on (up to :data:`BURST_CAP`) only
  to *report* how long the kiosk took (the issue's "a flood takes seconds");
* **banner**: the emergency banner is on the screen, displayed and inside it (the soak's
  ``check``, which also fails on any recovered error);
* **stack bounded**: the emergency page and the sound menu at most once each in the stack;
* **memory returns**: after the burst, the probe and an idle reset home, ``gc.collect()``,
  VmRSS within :data:`MEMORY_SLACK_MB` of VmRSS before the burst (same point: home, after
  ``gc.collect()``).

Every figure is kept in :class:`BurstResult`; the caller prints them all and fails with the
whole list, so one run says everything that went wrong, with numbers. A burst that is still
being worked through after :data:`BURST_CAP` s, or that takes RSS past :data:`RSS_CAP_MB`,
ends the run (the machine is shared): that is reported as such.
"""

from __future__ import annotations

import asyncio
import gc
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from textual import events
from textual._xterm_parser import XTermParser
from textual.message import Message

from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.sound import SoundScreen
from kiosk.visit.key_governor import KeyGovernor, TypedFlood
from tests.soak.driver import SoakFailure, _busy_workers, _pending_messages, check, idle_reset, key_event, vm_rss_kb

ROOT = Path(__file__).resolve().parents[2]
FLOOD_KEYS = ["asterisk", "full_stop", *(str(d) for d in range(10)), "enter", "up", "down", "left", "right"]
BURST_KEYS = 1000
PASTE_BYTES = 100 * 1024
TERMINAL_READ = 4096  # characters per read of the terminal, as Textual's driver reads
ANSWER_DEADLINE = 1.0  # s, from posting the probe key
PROBE_GAP = 0.2  # s of real time between the end of a burst and the probe key
BURST_CAP = 120.0  # s: give up waiting for a burst to be worked through (then the run ends)
RSS_CAP_MB = 1500.0  # the run ends if the process grows past this (a shared machine)
MEMORY_SLACK_MB = 10.0


@dataclass
class BurstResult:
    kind: str
    keys: int  # typed
    posted: int = 0  # posted to the app: all of them, but for a paste (see terminal_posts)
    answered_s: float | None = None  # probe posted -> emergency page on top; None: never (cap)
    drained_s: float | None = None  # burst posted -> no message queued, no worker running
    rss_before_mb: float = 0.0
    rss_peak_mb: float = 0.0
    rss_after_mb: float | None = None
    max_emergency: int = 0  # most emergency pages in the stack at any check
    max_sound: int = 0
    max_stack: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def memory_delta_mb(self) -> float | None:
        return None if self.rss_after_mb is None else self.rss_after_mb - self.rss_before_mb

    def line(self) -> str:
        answered = "never" if self.answered_s is None else f"{self.answered_s:.2f} s"
        drained = f">{BURST_CAP:.0f} s" if self.drained_s is None else f"{self.drained_s:.2f} s"
        delta = "n/a" if self.memory_delta_mb is None else f"{self.memory_delta_mb:+.1f} MB"
        posted = "" if self.posted == self.keys else f" ({self.posted} posted)"
        return (f"{self.kind:8} {self.keys:6} keys{posted}: probe answered {answered}; worked through {drained}; "
                f"stack max {self.max_stack} (emergency {self.max_emergency}, sound {self.max_sound}); "
                f"RSS {self.rss_before_mb:.1f} -> peak {self.rss_peak_mb:.1f} -> home {self.rss_after_mb or 0:.1f} MB"
                f" ({delta})" + ("; " + "; ".join(self.problems) if self.problems else ""))


def paste_text(size: int = PASTE_BYTES) -> str:
    """``size`` characters of real content text (the shipped topics, repeated), CR line ends."""
    source = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "content" / "topics").glob("*.yaml")))
    text = (source * (size // max(1, len(source)) + 1))[:size]
    return text.replace("\r\n", "\n").replace("\n", "\r")


def terminal_posts(text: str, clock) -> list[events.Key]:
    """The keys ``GovernedLinuxDriver`` posts to the app for ``text`` typed all at once: its input
    thread's steps (TypedFlood on each 4 KB read, the parser, ``admit`` for each key), with a
    governor of its own on the kiosk's clock (under Pilot the app's driver is Pilot's: the app
    has the same governor in its event handler, which these keys pass as a terminal's would)."""
    governor = KeyGovernor(clock=clock)
    flood = TypedFlood(governor)
    parser = XTermParser()
    parsed: list[Message] = []
    for at in range(0, len(text), TERMINAL_READ):
        kept = flood.keep(text[at:at + TERMINAL_READ])
        if kept:
            parsed += parser.feed(kept)
    parsed += parser.feed("")
    return [e for e in parsed if isinstance(e, events.Key) and governor.admit(e.key)]


def burst_events(kind: str, rng: random.Random, clock) -> tuple[list[events.Key], int]:
    """The events to post and the number of keys typed."""
    if kind == "paste":
        text = paste_text()
        return terminal_posts(text, clock), len(text)
    if kind == "star-dot":
        keys = [key_event("asterisk" if n % 2 == 0 else "full_stop") for n in range(BURST_KEYS)]
    else:
        keys = [key_event(rng.choice(FLOOD_KEYS)) for _ in range(BURST_KEYS)]
    return keys, len(keys)


def _stack_counts(app) -> Counter:
    return Counter(type(screen) for screen in app.screen_stack)


def _note_stack(app, result: BurstResult) -> None:
    counts = _stack_counts(app)
    result.max_emergency = max(result.max_emergency, counts[EmergencyScreen])
    result.max_sound = max(result.max_sound, counts[SoundScreen])
    result.max_stack = max(result.max_stack, len(app.screen_stack))


def _quiet(app) -> bool:
    return not (_busy_workers(app) or _pending_messages(app))


class ProbeWatch:
    """Notes when a given Key event reaches the app's event handling (the app answers it)."""

    def __init__(self, app) -> None:
        self.app = app
        self.probe: events.Key | None = None
        self.seen_at: float | None = None
        original = app.on_event

        async def on_event(event: events.Event) -> None:
            if event is self.probe and self.seen_at is None:
                self.seen_at = time.perf_counter()
            await original(event)

        app.on_event = on_event  # the instance's own handler; Textual calls self.on_event

    def arm(self, probe: events.Key) -> None:
        self.probe, self.seen_at = probe, None


def post(app, event: events.Event) -> None:
    event.set_sender(app)
    app.post_message(event)


async def run_burst(pilot, clock, watch: ProbeWatch, kind: str, rng: random.Random) -> tuple[BurstResult, bool]:
    """One burst, its probe, its checks and an idle reset; (result, whether the run may go on)."""
    app = pilot.app
    gc.collect()
    keys, typed = burst_events(kind, rng, clock)
    result = BurstResult(kind, typed, posted=len(keys), rss_before_mb=vm_rss_kb() / 1024)
    result.rss_peak_mb = result.rss_before_mb
    began = time.perf_counter()
    for event in keys:
        clock.advance(0.001)  # the whole burst within about a second of the kiosk's clock
        post(app, event)
    del keys
    await asyncio.sleep(PROBE_GAP)
    clock.advance(1.0)
    probe = key_event("asterisk")
    watch.arm(probe)
    posted = time.perf_counter()
    post(app, probe)
    go_on = True
    while True:
        await asyncio.sleep(0.01)
        now = time.perf_counter()
        rss = vm_rss_kb() / 1024
        result.rss_peak_mb = max(result.rss_peak_mb, rss)
        _note_stack(app, result)
        if result.answered_s is None and watch.seen_at is not None and isinstance(app.screen, EmergencyScreen):
            result.answered_s = now - posted
        if result.drained_s is None and watch.seen_at is not None and _quiet(app):
            result.drained_s = now - began
        if result.answered_s is not None and result.drained_s is not None:
            break
        if rss > RSS_CAP_MB:
            result.problems.append(f"RSS reached {rss:.0f} MB: run stopped (cap {RSS_CAP_MB:.0f} MB)")
            return result, False
        if now - began > BURST_CAP:
            result.problems.append(f"still working after {BURST_CAP:.0f} s: run stopped")
            return result, False
    if result.answered_s > ANSWER_DEADLINE:
        result.problems.append(f"probe key answered after {result.answered_s:.2f} s (deadline {ANSWER_DEADLINE:.0f} s)")
    await pilot.pause(0)
    try:
        check(app, f"after the {kind} burst and its probe")
    except SoakFailure as failure:
        result.problems.append(str(failure))
    _note_stack(app, result)
    if result.max_emergency > 1 or result.max_sound > 1:
        result.problems.append(f"stack unbounded: up to {result.max_emergency} emergency pages and "
                               f"{result.max_sound} sound menus ({result.max_stack} screens)")
    try:
        await idle_reset(pilot, clock, _Resets())
    except SoakFailure as failure:
        result.problems.append(f"idle reset: {failure}")
        go_on = False
    gc.collect()
    result.rss_after_mb = vm_rss_kb() / 1024
    if result.memory_delta_mb > MEMORY_SLACK_MB:
        result.problems.append(f"memory did not return: {result.memory_delta_mb:+.1f} MB after the reset home "
                               f"(slack {MEMORY_SLACK_MB:.0f} MB)")
    return result, go_on


class _Resets:
    """The counters ``idle_reset`` keeps (the flood run reports its own figures)."""

    warnings_seen = 0
    idle_resets = 0


async def run_floods(app, clock, kinds: list[str], *, seed: int, progress=None) -> list[BurstResult]:
    rng = random.Random(seed)
    results: list[BurstResult] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        watch = ProbeWatch(app)
        warm = [key_event(rng.choice(FLOOD_KEYS)) for _ in range(50)]  # first screens, first styles
        for event in warm:
            clock.advance(0.3)
            post(app, event)
        await pilot.pause()
        await idle_reset(pilot, clock, _Resets())
        for kind in kinds:
            result, go_on = await run_burst(pilot, clock, watch, kind, rng)
            results.append(result)
            if progress is not None:
                progress(result)
            if not go_on:
                break
    return results
