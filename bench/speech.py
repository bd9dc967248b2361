"""Speech figures: first audio after "read this page", and a key press to speech stopped.

Both come from the kiosk itself (Pilot, headless, shipped content, speech on) with the real
:class:`~kiosk.speech.service.SpeechService`: its speech thread, the real synthesiser child
(pyttsx3 + libespeak-ng) and, since there is no sound card, a :class:`NullSinkPlayer` whose
child "plays" each WAV by sleeping for its length (a real, killable process, as aplay is).
No speech code is changed; two subclasses only note the time:

* ``TimedSynthesizer.synthesize`` notes when a WAV has been written (the child has replied).
* ``TimedPlayer.play`` notes when each clip's WAV is handed to it, and the clip's player process.

The bench opens the first topic (its first screen) and reads it from the start (``1``).
One trial: a topic page is being read aloud (a clip is playing). The ``time.perf_counter()``
just before ``pilot.press("right")`` is the start (``left`` on the topic's last page, so a short
topic still gives every trial). That key cuts the speech off (K-S4) and turns the page, which
reads the new page aloud, sentence by sentence. A watcher thread polls
/proc every 0.2 ms for the playing clip's process:

* **speech stopped**: the old clip's player process has died (SIGTERM landed; a zombie makes
  no sound) *and* the service is no longer playing that clip.
* **first audio**: the first sentence of the new page is handed to the player as a WAV. A
  sentence said before in the visit (the topic's title starts every page) comes from the
  service's clip cache, as it does for a listener; a second pass empties that cache before
  each key, so its figure is the engine's own: a sentence not heard before.

References, run the same number of times on the same machine:

* first audio: ``espeak-ng -v en-us -s 175 -w out.wav "<the same first sentence>"`` as a whole
  process (start, load the voice, synthesise, write), wall time.
* speech stopped: SIGTERM to a bare ``sleep`` child until it has died: the floor any player
  process has.
"""

from __future__ import annotations

import asyncio
import os
import select
import shutil
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.speech.engine import Synthesizer
from kiosk.speech.player import NullSinkPlayer, PlayHandle

SIZE = (80, 24)


class TimedSynthesizer(Synthesizer):
    """The real synthesiser; notes ``(perf_counter, text)`` when each WAV has been written."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.written: list[tuple[float, str]] = []

    def synthesize(self, text, path, **kwargs):  # same signature as the parent
        result = super().synthesize(text, path, **kwargs)
        self.written.append((time.perf_counter(), text))
        return result


class TimedPlayer(NullSinkPlayer):
    """The test player; notes when each clip's WAV is handed to it, and its handle and text."""

    def __init__(self) -> None:
        super().__init__()
        self.clips: list[tuple[float, str, PlayHandle]] = []
        self.handed: list[tuple[float, str]] = []
        self._noted = threading.Condition()

    def play(self, path: Path, *, label: str = "") -> PlayHandle:
        with self._noted:
            self.handed.append((time.perf_counter(), label))
            self._noted.notify_all()
        handle = super().play(path, label=label)
        self.clips.append((time.perf_counter(), label, handle))
        return handle

    def wait_handed(self, text: str, since: int, after: float, timeout: float = 10.0) -> float | None:
        """When ``text`` was handed over after ``after`` (among clips from index ``since``),
        sleeping until it is; None on timeout."""
        def handed() -> float | None:
            return next((when for when, said in self.handed[since:] if when > after and said == text), None)

        with self._noted:
            self._noted.wait_for(lambda: handed() is not None, timeout)
            return handed()


def process_dead(pid: int) -> bool:
    """True once ``pid`` has exited (gone, or a zombie waiting to be reaped: it makes no sound)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            state = stat.read().rsplit(b")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return True
    return state in (b"Z", b"X")


def wait_dead(pid: int, timeout: float = 5.0) -> float | None:
    """perf_counter when ``pid`` has exited, asleep on its pidfd until then (a poll of /proc
    from this thread would take the interpreter from the kiosk it measures); None on timeout."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return time.perf_counter()
    except (AttributeError, OSError):  # no pidfd here: poll
        return watch_until(lambda: process_dead(pid), timeout)
    try:
        ready, _, _ = select.select([fd], [], [], timeout)
        return time.perf_counter() if ready else None
    finally:
        os.close(fd)


def watch_until(predicate, timeout: float = 5.0, interval: float = 0.0002) -> float | None:
    """perf_counter when ``predicate()`` first held, polling in this thread; None on timeout."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if predicate():
            return time.perf_counter()
        time.sleep(interval)
    return None


@dataclass
class SpeechResult:
    first_audio: list[float] = field(default_factory=list)
    first_audio_new: list[float] = field(default_factory=list)  # the visit's clip cache emptied first
    stopped: list[float] = field(default_factory=list)
    ref_espeak: list[float] = field(default_factory=list)
    ref_kill: list[float] = field(default_factory=list)
    sentence: str = ""
    status: str = ""
    error: str | None = None


def espeak_reference(sentence: str, runs: int) -> list[float]:
    exe = shutil.which("espeak-ng")
    if exe is None:
        return []
    out = []
    with tempfile.TemporaryDirectory(prefix="bench-espeak-") as tmp:
        wav = os.path.join(tmp, "out.wav")
        subprocess.run([exe, "-v", "en-us", "-s", "175", "-w", wav, "Warm up."], check=True)  # page cache
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([exe, "-v", "en-us", "-s", "175", "-w", wav, sentence], check=True,
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            out.append(time.perf_counter() - start)
    return out


def kill_reference(runs: int) -> list[float]:
    sleep = shutil.which("sleep") or "sleep"
    out = []
    for _ in range(runs):
        proc = subprocess.Popen([sleep, "10"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(0.05)
        start = time.perf_counter()
        proc.send_signal(signal.SIGTERM)
        end = wait_dead(proc.pid)  # as the kiosk's clip is watched
        proc.wait()
        out.append((end or start) - start)
    return out


async def _trials(library, runs: int, result: SpeechResult, *, fresh: bool = False) -> None:
    """Page keys while a page is read aloud; ``fresh`` empties the clip cache before each."""
    import dataclasses

    from kiosk.content.library_nav import START_READ
    from kiosk.host.clock import FakeClock
    from kiosk.speech.service import SpeechService
    from kiosk.speech.text import speakable, split_sentences
    from kiosk.ui.app import KioskApp
    from kiosk.ui.screens.topic import TopicScreen
    from kiosk.ui.screens.topic_start import TopicStartScreen
    from kiosk.visit.usage import UsageLog

    speech_settings = library.settings.speech.model_copy(update={"enabled_at_start": True})
    library = dataclasses.replace(library, settings=library.settings.model_copy(update={"speech": speech_settings}))
    synth = TimedSynthesizer()
    player = TimedPlayer()
    service = SpeechService(speech_settings, player=player, synthesizer=synth)
    clock = FakeClock()
    app = KioskApp(library, speech=service, usage=UsageLog(None), clock=clock,
                   freeze_gc=True)  # as kiosk/ui/launch.py runs it
    try:
        ready = await asyncio.to_thread(watch_until, lambda: service.status.startswith("speech ready")
                                        or not service.available, 30.0, 0.01)
        result.status = service.status
        if ready is None or not service.available:
            result.error = f"speech engine not ready: {service.status}"
            return
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            clock.advance(1)
            await pilot.press("1")  # the first topic's first screen (its summary and where to go)
            await pilot.pause()
            if not isinstance(app.screen, TopicStartScreen):
                result.error = f"expected a topic's first screen, got {type(app.screen).__name__}"
                return
            clock.advance(1)
            await pilot.press(START_READ)  # read from the start: its first page is read aloud
            await pilot.pause()
            screen = app.screen
            if not isinstance(screen, TopicScreen):
                result.error = f"expected a topic's page, got {type(screen).__name__}"
                return
            result.sentence = split_sentences(speakable(screen.heading))[0]
            trials = result.first_audio_new if fresh else result.first_audio
            for _ in range(runs * 3):  # a clip that ended before its key is not a trial
                if len(trials) >= runs:
                    break
                # Wait (untimed) until a clip of the current page is playing.
                playing = await asyncio.to_thread(
                    watch_until, lambda: bool(player.clips) and player.clips[-1][2].running(), 10.0, 0.002)
                if playing is None:
                    result.error = "no clip started playing"
                    return
                await asyncio.sleep(0.1)
                _, _, handle = player.clips[-1]
                if not handle.running():
                    continue  # a short clip ended by itself; wait for the next one
                handed_before = len(player.handed)
                if fresh:
                    service._clips.clear()
                holder: dict[str, float | None] = {}

                def watch_stop(handle=handle, holder=holder) -> None:
                    if wait_dead(handle.pid) is None:
                        holder["dead"] = None
                        return
                    # Polled every millisecond: every 0.2 ms, this thread took the interpreter
                    # and a core from the kiosk and its synthesiser, timed at the same moment.
                    holder["dead"] = watch_until(lambda: service._current is None
                                                 or service._current.handle is not handle, interval=0.001)

                watcher = threading.Thread(target=watch_stop)
                clock.advance(1)  # past the debounce
                start = time.perf_counter()
                watcher.start()
                await pilot.press("left" if screen.at_end else "right")  # a short topic: back, on again
                await asyncio.to_thread(watcher.join)
                handed_at = await asyncio.to_thread(player.wait_handed, result.sentence, handed_before, start)
                dead = holder.get("dead")
                if dead is None or handed_at is None:
                    result.error = "speech did not stop or start in time"
                    return
                if fresh:
                    if not any(when > start and said == result.sentence for when, said in synth.written):
                        result.error = "a sentence after an emptied clip cache was not synthesised"
                        return
                    result.first_audio_new.append(handed_at - start)
                else:
                    result.stopped.append(dead - start)
                    result.first_audio.append(handed_at - start)
    finally:
        service.close()


def measure(library, runs: int = 7) -> SpeechResult:
    result = SpeechResult()
    asyncio.run(_trials(library, runs, result))
    if result.error is None:
        asyncio.run(_trials(library, runs, result, fresh=True))
    if result.sentence:
        result.ref_espeak = espeak_reference(result.sentence, runs)
    result.ref_kill = kill_reference(runs)
    return result


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


if __name__ == "__main__":  # python -m bench.speech
    from kiosk.content.loader import load_library

    res = measure(load_library("content").library)
    print(res.status, res.error, repr(res.sentence))
    for name in ("first_audio", "first_audio_new", "ref_espeak", "stopped", "ref_kill"):
        values = getattr(res, name)
        print(f"{name:12} median {statistics.median(values) * 1000 if values else float('nan'):7.1f} ms  "
              f"{[round(v * 1000, 1) for v in values]}")
