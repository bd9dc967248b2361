"""The soak driver: random keys, digits and touches in bursts, with idle resets between them.

Shared by the long soak (``tests/soak/test_soak.py``, ``make soak``) and its short version in
the default test run (``tests/app/test_soak_short.py``). One step is one input: a key from the
kiosk's key set, or a click on a choice row or on the emergency banner. After every step:

* no exception: the app still runs, has not exited, and recorded no swallowed error
  (``app.errors``, where the kiosk logs an error it recovered from);
* the emergency banner is on the current screen, displayed and inside the screen;
* if the visit was reset (Finish, an error recovery), the stack is only the home screen.

Between bursts the fake clock is moved past the idle timeout: the real idle poll shows "Are you
still there?" (banner checked there too), then past the warning, and the poll resets the visit;
then the stack must be only the home screen. Speech is the RecordingSpeech backend, turned on
at the start of every other burst and on and off at random by the slash key within bursts; its log is emptied between
bursts (it keeps every utterance by design, which is not the kiosk's memory).

Memory: VmRSS after ``gc.collect()`` at the end of the first burst and of the last; the growth
is reported and checked by the callers. Everything random comes from one seed.
"""

from __future__ import annotations

import asyncio
import gc
import random
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from textual import events
from textual.keys import REPLACED_KEYS, _get_unicode_name_from_key
from textual.worker import WorkerState

from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.still_there import StillThereScreen
from kiosk.ui.widgets.choice_list import ChoiceRow

#: Every key a patient's keypad or keyboard sends that the kiosk acts on.
KEYS = [
    *(str(d) for d in range(10)),
    "enter",
    "up",
    "down",
    "left",
    "right",
    "pageup",
    "pagedown",
    "asterisk",
    "slash",
    "minus",
    "plus",
    "full_stop",
    "escape",
    "backspace",
]
DIGIT_WEIGHT = 3  # digits are most of what a keypad sends
CLICK_CHANCE = 0.08
BANNER_CLICK_CHANCE = 0.15  # of clicks
SIZE = (80, 24)


class SoakFailure(AssertionError):
    pass


@dataclass
class SoakStats:
    seed: int
    steps: int = 0
    keys: int = 0
    clicks: int = 0
    bursts: int = 0
    idle_resets: int = 0
    other_resets: int = 0  # Finish on home, error recovery
    untouched_ends: int = 0  # visits whose last input was Finish: nothing left for the idle reset
    warnings_seen: int = 0
    speech_on_bursts: int = 0
    screens: Counter = field(default_factory=Counter)
    rss_kb: list[int] = field(default_factory=list)  # after each burst's reset, after gc
    rss_at: list[float] = field(default_factory=list)  # seconds from the start, for each of rss_kb
    slowest_step: float = 0.0
    elapsed: float = 0.0

    @property
    def rss_growth_mb(self) -> float:
        return (self.rss_kb[-1] - self.rss_kb[0]) / 1024 if len(self.rss_kb) >= 2 else 0.0

    def lines(self) -> list[str]:
        rate = self.steps / self.elapsed if self.elapsed else 0.0
        rss = [f"{kb / 1024:.1f}" for kb in self.rss_kb]
        shown = ", ".join(f"{name} {count}" for name, count in self.screens.most_common())
        return [
            f"seed: {self.seed} (SOAK_SEED={self.seed} repeats this run)",
            f"inputs: {self.steps} ({self.keys} keys, {self.clicks} clicks) in {self.bursts} bursts, "
            f"{self.elapsed:.1f} s ({rate:.0f} inputs/s); slowest input {self.slowest_step * 1000:.0f} ms",
            f"resets: {self.idle_resets} idle (each after a 'still there?' warning: {self.warnings_seen}), "
            f"{self.other_resets} by Finish ({self.untouched_ends} ending a burst); bursts that began with speech "
            f"on: {self.speech_on_bursts}",
            f"screens after inputs: {shown}",
            f"RSS after each burst (MB): first {rss[0] if rss else '?'}, last {rss[-1] if rss else '?'}, "
            f"max {max(self.rss_kb) / 1024 if self.rss_kb else 0:.1f}; growth first->last {self.rss_growth_mb:+.2f} MB"
            + (
                " (of which in the second half: "
                f"{(self.rss_kb[-1] - self.rss_kb[len(self.rss_kb) // 2]) / 1024:+.2f} MB)"
                if len(self.rss_kb) >= 4
                else ""
            ),
        ]


def vm_rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def _busy_workers(app) -> bool:
    return any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)


def _pending_messages(app) -> bool:
    nodes = [app, *app.screen.walk_children(with_self=True)]
    return any(not node._message_queue.empty() for node in nodes)


async def settle(pilot, rounds: int = 200) -> None:
    """Until the input's messages, workers (answers, resets) and screen changes are all done.

    ``pilot.pause(0)`` waits for every queued message of the app and the screen's widgets; we go
    on until no message is queued and no worker runs, twice in a row (a handler can post more).
    Unlike ``pilot.pause()`` this never sleeps waiting for the CPU to go idle, which would cost
    20 ms or more per input and make 10,000 inputs take a quarter of an hour.
    """
    app = pilot.app
    quiet = 0
    for _ in range(rounds):
        await pilot.pause(0)
        if _busy_workers(app) or _pending_messages(app):
            quiet = 0
            await asyncio.sleep(0.001)
        else:
            quiet += 1
            if quiet >= 2:
                return
    raise SoakFailure(f"still busy after {rounds} rounds: workers {[w.name for w in app.workers]}")


def key_event(key: str) -> events.Key:
    """The Key event Textual's driver (and Pilot) would send for ``key``."""
    original = REPLACED_KEYS.get(key, key)
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


async def press(pilot, key: str) -> None:
    """Send one key as the terminal driver does: posted to the app, which routes it."""
    event = key_event(key)
    event.set_sender(pilot.app)
    pilot.app.post_message(event)
    await settle(pilot)


def check(app, where: str) -> None:
    """The invariants that hold after every input."""
    if not app.is_running or app.return_code is not None:
        raise SoakFailure(f"{where}: the app stopped (return code {app.return_code})")
    if app._exception is not None:  # an exception Textual is about to raise
        raise SoakFailure(f"{where}: exception {app._exception!r}")
    if app.errors:
        raise SoakFailure(f"{where}: the kiosk recovered from an error: {app.errors}")
    screen = app.screen
    banners = screen.query("#emergency-banner")
    if len(banners) != 1:
        raise SoakFailure(f"{where}: {len(banners)} emergency banners on {type(screen).__name__}")
    banner = banners.first()
    region = banner.region
    if not banner.display or region.height < 1 or not screen.region.contains_region(region):
        raise SoakFailure(f"{where}: the emergency banner is not fully on {type(screen).__name__} ({region})")


def check_home_only(app, where: str) -> None:
    stack = app.screen_stack
    if len(stack) != 1 or not isinstance(stack[0], HomeScreen):
        raise SoakFailure(f"{where}: after a reset the stack is {[type(s).__name__ for s in stack]}")


def _visible_rows(app) -> list[ChoiceRow]:
    screen = app.screen
    rows = []
    for row in screen.query(ChoiceRow):
        region = row.region
        if region.height and screen.region.contains_region(region):
            rows.append(row)
    return rows


async def _wait_for(pilot, predicate, what: str, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SoakFailure(f"timed out waiting for {what}; screen {type(pilot.app.screen).__name__}")
        await pilot.pause(0.05)


async def idle_reset(pilot, clock, stats: SoakStats) -> None:
    """The real idle path: the fake clock past the timeout, the warning, past it, the reset."""
    app = pilot.app
    visit = app.mode_name
    if not app.controller.idle.used:
        # The visit's last input was Finish: a fresh home nobody has touched never warns or
        # resets (an untouched kiosk stays as it is); the 2-hour soak day met it at visit 25.
        stats.untouched_ends += 1
        return
    clock.advance(app.idle_timeout + 1)
    await _wait_for(pilot, lambda: isinstance(app.screen, StillThereScreen), "the 'still there?' warning")
    await settle(pilot)
    check(app, "idle warning")
    stats.warnings_seen += 1
    clock.advance(app.idle.warning_seconds + 1)
    await _wait_for(pilot, lambda: app.mode_name != visit and isinstance(app.screen, HomeScreen), "the idle reset")
    await settle(pilot)
    check(app, "after idle reset")
    check_home_only(app, "after idle reset")
    stats.idle_resets += 1


async def run_soak(app, clock, *, steps: int, burst: int = 200, seed: int, progress=None,
                   pace: tuple[float, float] | None = None, until: float | None = None) -> SoakStats:
    """Drive ``app`` (a KioskApp on RecordingSpeech and ``clock``, a FakeClock) for ``steps`` inputs.

    ``pace``: (shortest, longest) real seconds between inputs, as a person presses keys (the
    day soak); ``until``: a ``time.monotonic()`` at which the run ends after the current burst."""
    rng = random.Random(seed)
    stats = SoakStats(seed)
    keys = KEYS + [str(d) for d in range(10)] * (DIGIT_WEIGHT - 1)
    started = time.monotonic()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        check(app, "start")
        check_home_only(app, "start")
        while stats.steps < steps:
            stats.bursts += 1
            if stats.bursts % 2 == 0:
                await press(pilot, "slash")  # every other burst starts with speech on (off after a reset)
            stats.speech_on_bursts += app.speech.enabled
            for _ in range(min(burst, steps - stats.steps)):
                visit = app.mode_name
                clock.advance(rng.choice((0.05, 0.2, 0.5, 1.0, 2.0)))  # some inside the debounce
                rows = _visible_rows(app) if rng.random() < CLICK_CHANCE else []
                began = time.perf_counter()
                if rows:
                    stats.clicks += 1
                    if rng.random() < BANNER_CLICK_CHANCE:
                        target, what = app.screen.query_one("#emergency-banner"), "click banner"
                    else:
                        target = rng.choice(rows)
                        what = f"click {target.item.label!r}"
                    await pilot.click(target)
                else:
                    key = rng.choice(keys)
                    what = f"key {key}"
                    stats.keys += 1
                    await press(pilot, key)
                await settle(pilot)
                stats.slowest_step = max(stats.slowest_step, time.perf_counter() - began)
                if pace is not None:
                    await asyncio.sleep(rng.uniform(*pace))  # a person reads before the next key
                stats.steps += 1
                where = f"input {stats.steps} ({what}) on {type(app.screen).__name__}, seed {seed}"
                check(app, where)
                if app.mode_name != visit:
                    stats.other_resets += 1
                    check_home_only(app, where)
                stats.screens[type(app.screen).__name__] += 1
            await idle_reset(pilot, clock, stats)
            app.speech.spoken.clear()  # the test double's own log, not the kiosk's memory
            app.speech.actions.clear()
            gc.collect()
            stats.rss_kb.append(vm_rss_kb())
            stats.rss_at.append(time.monotonic() - started)
            if progress is not None:
                progress(stats)
            if until is not None and time.monotonic() >= until:
                break
    stats.elapsed = time.monotonic() - started
    return stats


def run(app, clock, *, steps: int, burst: int, seed: int, progress=None) -> SoakStats:
    return asyncio.run(run_soak(app, clock, steps=steps, burst=burst, seed=seed, progress=progress))
