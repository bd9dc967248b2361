"""Key floods and signals against the real kiosk in a real terminal (``make soak``).

The Pilot flood soak (``test_flood.py``) sees inside the app; this one runs the real ``python
-m kiosk run`` (locked, speech off) in tmux and types at it from outside, as a keyboard or a
paste does. Per burst (1,000 keys mixing ``*`` ``.`` digits Enter arrows; 1,000 of ``* .``
alternating; 100 KB of text as keys, not bracketed), with a window resize (SIGWINCH) in the
middle of each:

* **answered**: 0.2 s after the burst was typed, the Home key, then (once home shows) ``*``:
  each must show its screen within a second of being typed (a wait with a deadline; on a miss
  the harness waits on only to report the time);
* **worked through**: until the kiosk's CPU use goes quiet (what the issue saw as "a flood
  takes seconds"), reported;
* **banner**: the emergency words and number on screen afterwards;
* **stack bounded**, seen from outside: after the burst, 20 keys of ``* .`` typed at once, then
  Escape presses back home (the emergency page and sound menu at most once each: at most 2
  presses, not one per key);
* **memory**: the kiosk's VmRSS at home after the burst within 10 MB of before it.

Then signals during a flood: SIGTERM while a burst is being worked through (how systemd stops
the kiosk) and, in a second kiosk, SIGHUP: each must end the kiosk promptly, with the status
the terminal tests expect, and leave nothing of the kiosk's screen behind. All figures are
printed; the test fails at the end with every problem found.
"""

from __future__ import annotations

import os
import random
import signal
import time

import pytest

from tests.soak.flood import ANSWER_DEADLINE, BURST_CAP, BURST_KEYS, MEMORY_SLACK_MB, paste_text
from tests.terminal.tmux_driver import BANNER_WORDS, CLINIC, HOME_WORDS, TmuxKiosk, _running, assert_banner

pytestmark = pytest.mark.soak  # not `terminal`: `-m terminal` must not start a 5-minute soak

EMERGENCY_TITLE = "Get help now"
TMUX_KEYS = ["*", ".", *(str(d) for d in range(10)), "Enter", "Up", "Down", "Left", "Right"]
CHUNK_KEYS = 200  # keys per `tmux send-keys` call
CHUNK_CHARS = 8 * 1024  # characters per `tmux send-keys -l` call
STACK_KEYS = 20  # `* .` keys typed at once before counting Escapes back home
MAX_ESCAPES = STACK_KEYS + 4
SIGNAL_EXIT_LIMIT = 2.0  # s: the issue's limit for leaving after a signal or a lost terminal


def _proc(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


def _cpu(pid: int) -> float:
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_quiet(pid: int, since: float, cap: float = BURST_CAP) -> float | None:
    """Seconds from ``since`` until the process used under 5% of a CPU over half a second; None
    if it did not within ``cap`` of this call (not of ``since``: after a key that was never
    answered, the cap is used up already, and an idle kiosk was reported "still busy")."""
    deadline = time.monotonic() + cap
    last = _cpu(pid)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = _cpu(pid)
        if now - last < 0.025:
            return time.monotonic() - since - 0.5
        last = now
    return None


def _timed_wait(kiosk: TmuxKiosk, test, deadline: float = ANSWER_DEADLINE, cap: float = BURST_CAP) -> float | None:
    """Seconds until ``test(screen)`` holds (polled every 50 ms); None if not within ``cap``."""
    start = time.monotonic()
    while time.monotonic() - start < cap:
        if test(kiosk._tmux("capture-pane", "-p", "-t", kiosk.name)):
            return time.monotonic() - start
        time.sleep(0.05)
    return None


def _type_burst(kiosk: TmuxKiosk, kind: str, rng: random.Random) -> int:
    """Type one burst, resizing the window (SIGWINCH) halfway through; the number of keys."""
    if kind == "paste":
        text = paste_text()
        chunks = [text[i:i + CHUNK_CHARS] for i in range(0, len(text), CHUNK_CHARS)]
        for n, chunk in enumerate(chunks):
            kiosk._tmux("send-keys", "-l", "-t", kiosk.name, "--", chunk)  # a chunk may start with "-"
            if n == len(chunks) // 2:
                _resize(kiosk)
        return len(text)
    keys = (["*", "."] * (BURST_KEYS // 2) if kind == "star-dot"
            else [rng.choice(TMUX_KEYS) for _ in range(BURST_KEYS)])
    for start in range(0, len(keys), CHUNK_KEYS):
        kiosk._tmux("send-keys", "-t", kiosk.name, *keys[start:start + CHUNK_KEYS])
        if start == len(keys) // 2:
            _resize(kiosk)
    return len(keys)


def _resize(kiosk: TmuxKiosk) -> None:
    """A window resize: tmux sends the kiosk SIGWINCH; then back to the normal size."""
    kiosk._tmux("resize-window", "-t", kiosk.name, "-x", "72", "-y", "22", check=False)
    kiosk._tmux("resize-window", "-t", kiosk.name, "-x", "60", "-y", "20", check=False)


def _home(screen: str) -> bool:
    return HOME_WORDS in screen and EMERGENCY_TITLE not in screen


def _emergency(screen: str) -> bool:
    return EMERGENCY_TITLE in screen


def _flood_once(kiosk: TmuxKiosk, kind: str, rng: random.Random, problems: list[str], lines: list[str]) -> bool:
    pid = kiosk.pid
    rss_before = _proc(pid, "VmRSS") / 1024
    began = time.monotonic()
    keys = _type_burst(kiosk, kind, rng)
    typed = time.monotonic() - began
    time.sleep(0.2)
    kiosk.send("Home")
    home_s = _timed_wait(kiosk, _home)
    kiosk.send("*")
    star_s = _timed_wait(kiosk, _emergency) if home_s is not None else None
    quiet_s = _wait_quiet(pid, began)
    peak = _proc(pid, "VmHWM") / 1024
    where = f"{kind} burst"
    for what, seconds in (("Home", home_s), ("*", star_s)):
        if seconds is None:
            problems.append(f"{where}: the {what} key after it was never answered ({BURST_CAP:.0f} s cap)")
        elif seconds > ANSWER_DEADLINE:
            problems.append(f"{where}: the {what} key after it was answered after {seconds:.2f} s "
                            f"(deadline {ANSWER_DEADLINE:.0f} s)")
    if quiet_s is None:
        problems.append(f"{where}: still busy {BURST_CAP:.0f} s after it was typed; run stopped")
        lines.append(f"{kind:8} {keys:6} keys typed in {typed:.1f} s: still busy after {BURST_CAP:.0f} s; "
                     f"RSS {rss_before:.1f} MB -> {_proc(pid, 'VmRSS') / 1024:.1f} MB")
        return False
    screen = kiosk._tmux("capture-pane", "-p", "-t", kiosk.name)
    try:
        assert_banner(screen)
    except AssertionError as missing:
        problems.append(f"{where}: banner: {missing}")
    # The stack, seen from outside: `* .` typed STACK_KEYS times at once, then Escapes home.
    kiosk.send("Home")
    _timed_wait(kiosk, _home, cap=5.0)
    kiosk.send(*(["*", "."] * (STACK_KEYS // 2)))
    _wait_quiet(pid, time.monotonic())
    escapes = None
    for n in range(1, MAX_ESCAPES + 1):
        kiosk.send("Escape")
        if _timed_wait(kiosk, _home, cap=1.5) is not None:
            escapes = n
            break
    if escapes is None or escapes > 2:
        problems.append(f"{where}: after {STACK_KEYS} keys of `* .`, "
                        + (f"{MAX_ESCAPES} Escapes did not reach home" if escapes is None
                           else f"{escapes} Escapes to reach home")
                        + " (the emergency page and sound menu stacked; bounded needs at most 2)")
    kiosk.send("Home")
    if _timed_wait(kiosk, _home, cap=5.0) is None:
        problems.append(f"{where}: Home did not reach the home screen")
    time.sleep(0.5)
    rss_after = _proc(pid, "VmRSS") / 1024
    delta = rss_after - rss_before
    if delta > MEMORY_SLACK_MB:
        problems.append(f"{where}: RSS {rss_before:.1f} -> {rss_after:.1f} MB at home ({delta:+.1f} MB; "
                        f"slack {MEMORY_SLACK_MB:.0f} MB)")
    fmt = lambda s: "never" if s is None else f"{s:.2f} s"  # noqa: E731
    lines.append(f"{kind:8} {keys:6} keys typed in {typed:.1f} s: Home answered {fmt(home_s)}, * {fmt(star_s)}; "
                 f"CPU quiet after {quiet_s:.1f} s; Escapes home after {STACK_KEYS} `* .` keys: {escapes}; "
                 f"RSS {rss_before:.1f} -> {rss_after:.1f} MB ({delta:+.1f}), peak {peak:.1f} MB")
    return True


def _signal_during_flood(kiosk: TmuxKiosk, sig: signal.Signals, expected: str, rng: random.Random,
                         problems: list[str], lines: list[str]) -> None:
    pid = kiosk.pid
    kiosk.press("Home")  # the last flood may have left the emergency page or the sound menu up
    kiosk.wait_for(HOME_WORDS)
    kiosk.press("1")
    _type_burst(kiosk, "mixed", rng)
    sent = time.monotonic()
    os.kill(pid, sig)
    deadline = sent + 10 * SIGNAL_EXIT_LIMIT
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    gone = time.monotonic() - sent
    if _running(pid):
        problems.append(f"{sig.name} during a flood: the kiosk still runs after {gone:.1f} s")
        lines.append(f"{sig.name} during a flood: still running after {gone:.1f} s")
        return
    how = kiosk.wait_until_dead()
    after = kiosk._tmux("capture-pane", "-p", "-t", kiosk.name)
    alternate = kiosk.pane("alternate_on")
    left = [w for w in (CLINIC, *BANNER_WORDS, EMERGENCY_TITLE, HOME_WORDS) if w in after]
    lines.append(f"{sig.name} during a flood: gone after {gone:.2f} s, {how}; alternate screen "
                 f"{'on' if alternate == '1' else 'off'}; kiosk words left on the terminal: {left or 'none'}")
    if gone > SIGNAL_EXIT_LIMIT:
        problems.append(f"{sig.name} during a flood: the kiosk took {gone:.2f} s to end "
                        f"(limit {SIGNAL_EXIT_LIMIT:.0f} s)")
    if how != expected:
        problems.append(f"{sig.name} during a flood: ended with {how}, expected {expected}")
    if left or alternate == "1" or "Traceback" in after:
        problems.append(f"{sig.name} during a flood: the terminal was left with {left} "
                        f"(alternate screen {alternate}){'; a traceback' if 'Traceback' in after else ''}")


def test_floods_and_signals_on_the_real_kiosk_in_tmux(tmux_kiosk):
    seed = int(os.environ.get("SOAK_SEED", random.SystemRandom().randrange(1_000_000)))
    rng = random.Random(seed)
    problems: list[str] = []
    lines: list[str] = [f"seed {seed} (SOAK_SEED={seed} repeats it)"]
    kiosk = tmux_kiosk()
    kiosk.wait_for(HOME_WORDS)
    time.sleep(1.0)  # the first paint's work is done: RSS "before" is a settled kiosk
    for kind in ("mixed", "star-dot", "mixed", "paste"):
        if not _flood_once(kiosk, kind, rng, problems, lines):
            break
        print("  " + lines[-1], flush=True)
    if kiosk.alive:
        _signal_during_flood(kiosk, signal.SIGTERM, "status 0", rng, problems, lines)
    else:
        problems.append("the kiosk died during the floods")
    second = tmux_kiosk()
    _signal_during_flood(second, signal.SIGHUP, "status 129", rng, problems, lines)
    print("\n".join(["tmux flood soak:", *(f"  {line}" for line in lines),
                     f"  {len(problems)} problem(s)" if problems else "  all checks held"]), flush=True)
    assert not problems, "\n".join(problems)
