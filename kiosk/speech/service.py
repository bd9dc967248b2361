"""SpeechService: the kiosk's voice. Non-blocking calls in, one speech thread out.

Owns the sentence queue, the one speech thread that turns each sentence into a private WAV
(through the :class:`~kiosk.speech.engine.Synthesizer` child) and plays it (through a player
child), and the rules for cutting speech off. It never touches the screen: the UI calls the
methods of :class:`~kiosk.speech.base.SpeechBase` and gets ``on_state``/``on_error`` callbacks
on the speech thread (wrap them with ``call_from_thread``).

How stop stays fast (K-S4): ``stop()`` runs on the UI thread, holds a lock only for list and
flag updates, bumps ``generation``, empties the queue and sends SIGTERM to the player: the sound
ends as soon as the signal lands. Work already under way for the old generation (a sentence
being synthesised, or its player being set up) is thrown away when the speech thread next
looks. Nothing of an old generation ever makes a sound: a player child
is silent until :meth:`~kiosk.speech.player.PlayHandle.start`, which happens only under the
lock, after checking the sentence's generation is still the current one. The speech thread
reaps the player afterwards. A protected emergency message (the protected items of one ``speak``
call) is not cut for its first ``protect_seconds``; an interruption during that time drops
everything else at once and cuts the message when the time runs out.

Audio files live in a private temporary folder, deleted after playing, on reset and on close
(K-P1). A sentence said again in the same visit (a topic's title on each of its pages, the keys
of its choices) is not synthesised again: its WAV is kept in memory
(:class:`~kiosk.speech.clip_cache.ClipCache`), emptied on reset. When the engine or a player
is missing (or ``engine=False``), every method is a no-op and ``status`` says why.
"""

from __future__ import annotations

import itertools
import shutil
import sys
import tempfile
import threading
import time
import weakref
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.settings import SpeechSettings
from kiosk.speech.base import ErrorCallback, SpeechBase, StateCallback
from kiosk.speech.clip_cache import ClipCache, ClipKey
from kiosk.speech.engine import EngineUnavailable, SynthesisError, Synthesizer
from kiosk.speech.player import Player, PlayHandle, ProcessPlayer
from kiosk.speech.utterance import Utterance

__all__ = ["SpeechService"]

_POLL = 0.02  # how often the speech thread looks at a playing clip
#: How long the event loop may keep the interpreter from the speech thread once it is woken.
#: Python's default (5 ms) let a layout after a key hold the next page's first word back by
#: 3 ms on average (measured: bench/README.md, "Speech"); the thread runs briefly and then
#: waits on a pipe, so the shorter slice costs the screen nothing measurable.
SWITCH_INTERVAL = 0.0005


@dataclass(eq=False)
class _Job:
    """One sentence of one queued Utterance."""

    item: Utterance
    batch: int  # one speak() call: an emergency message is protected as a whole
    first: bool
    text: str
    generation: int


@dataclass(eq=False)
class _Playing:
    job: _Job
    handle: PlayHandle


class SpeechService(SpeechBase):
    def __init__(
        self,
        settings: SpeechSettings | None = None,
        *,
        language: str = "en",
        player: Player | None = None,
        synthesizer: Synthesizer | None = None,
        protect_seconds: float = 3.0,
        engine: bool = True,
        on_state: StateCallback | None = None,
        on_error: ErrorCallback | None = None,
        start: bool = True,
    ) -> None:
        """``start=False`` leaves the speech thread and the engine child to :meth:`start` (or
        the first thing said): ``kiosk run`` begins them after the first screen is drawn, as
        they took the interpreter and a core from the start (4-5 ms of it on two cores)."""
        super().__init__(settings, language=language)
        self.protect_seconds = protect_seconds
        self.on_state = on_state
        self.on_error = on_error
        self._own_player = player is None
        self._player = player or ProcessPlayer(self.settings.player)
        self._synth = synthesizer or Synthesizer()
        self._cv = threading.Condition()
        self._queue: deque[_Job] = deque()
        self._generation = 0
        self._batches = itertools.count(1)
        self._files = itertools.count(1)
        self._current: _Playing | None = None
        self._rendering: _Job | None = None
        self._paused = False
        self._closed = False
        self._shield_batch: int | None = None
        self._shield_until = 0.0
        self._reported_busy = False
        self._player_failed = False
        self._audio_dir = Path(tempfile.mkdtemp(prefix="kiosk-speech-"))
        self._clips = ClipCache()
        weakref.finalize(self, shutil.rmtree, self._audio_dir, True)  # even if close() is never called
        ok, reason = self._player.available() if engine else (False, "turned off (--speech none)")
        self._unavailable = None if ok else reason
        self._status = "speech starting" if ok else f"speech unavailable: {reason}"
        self._thread: threading.Thread | None = None
        if start:
            self.start()

    def start(self) -> None:
        with self._cv:
            if self._thread is not None or self._closed or self._unavailable is not None:
                return
            sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))
            self._thread = threading.Thread(target=self._run, name="kiosk-speech", daemon=True)
            self._thread.start()

    # -- read by the UI -------------------------------------------------------------------

    @property
    def status(self) -> str:
        return self._status

    def installed_voices(self) -> list[str]:
        return [voice.id for voice in self._synth.known_voices()]

    @property
    def available(self) -> bool:
        """False once the engine or player is known to be missing (speech is then a no-op)."""
        return self._unavailable is None

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def busy(self) -> bool:
        with self._cv:
            return self._busy_locked(time.monotonic())

    @property
    def thread(self) -> threading.Thread | None:
        return self._thread

    # -- SpeechBase hooks (UI thread; lock held only for list and flag updates) ------------

    def _speak(self, items: list[Utterance], replace: bool) -> None:
        if self._unavailable or self._closed:
            return
        from kiosk.speech.text import speakable_in, split_sentences  # loaded once speech is used

        batch = next(self._batches)
        sentences = [split_sentences(speakable_in(item.text, item.language)) for item in items]
        with self._cv:
            if self._unavailable or self._closed:  # the engine failed meanwhile: its thread has emptied the queue
                return
            now = time.monotonic()
            if replace:
                self._stop_locked(force=False, now=now)
            if items[0].protected and replace and not self._shielding(now):
                self._shield_batch, self._shield_until = batch, now + self.protect_seconds
            for item, parts in zip(items, sentences, strict=True):
                self._queue.extend(_Job(item, batch, i == 0, text, self._generation) for i, text in enumerate(parts))
            self._cv.notify_all()
        self.start()  # said before the app began the engine: begin it now, with this queued

    def _stop(self, force: bool) -> None:
        with self._cv:
            self._stop_locked(force=force, now=time.monotonic())
            self._cv.notify_all()

    def _pause(self) -> bool:
        with self._cv:
            now = time.monotonic()
            if self._paused or not self._busy_locked(now) or self._shielding(now):
                return False
            if self._current is not None:
                self._current.handle.stop()
                self._queue.appendleft(self._current.job)
                self._current = None
            self._paused = True
            self._cv.notify_all()
            return True

    def _repeat_current(self) -> str | None:
        """The sentence playing is cut and queued again first: it starts over, and the rest
        of the script follows it (as pause and resume do, in one key)."""
        with self._cv:
            playing = self._current
            if playing is None or self._paused:
                return None
            playing.handle.stop()
            self._queue.appendleft(playing.job)
            self._current = None
            self._cv.notify_all()
            return playing.job.text

    def _resume(self) -> bool:
        with self._cv:
            if not self._paused:
                return False
            self._paused = False
            self._cv.notify_all()
            return True

    def _settings_changed(self) -> None:
        """A new ``speech.player`` from a reload: use it from the next sentence on."""
        if self._own_player and getattr(self._player, "command", None) != self.settings.player:
            self._player = ProcessPlayer(self.settings.player)

    def _forget(self) -> None:
        self._clips.clear()
        for path in self._audio_dir.glob("*.wav"):
            path.unlink(missing_ok=True)

    def close(self) -> None:
        with self._cv:
            if self._closed:
                return
            self._stop_locked(force=True, now=time.monotonic())
            self._closed = True
            self._cv.notify_all()
        self._synth.abort()  # a request in progress ends now instead of at its timeout
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=10)
        self._synth.close()
        self._clips.clear()
        shutil.rmtree(self._audio_dir, ignore_errors=True)

    # -- under the lock -------------------------------------------------------------------

    def _shielding(self, now: float) -> bool:
        return self._shield_batch is not None and now < self._shield_until

    def _shielded(self, job: _Job, now: float) -> bool:
        return job.item.protected and job.batch == self._shield_batch and self._shielding(now)

    def _stale(self, job: _Job, now: float) -> bool:
        """Work from a stopped generation, unless it is a protected message still in its window."""
        return job.generation != self._generation and not self._shielded(job, now)

    def _busy_locked(self, now: float) -> bool:
        if self._current is not None:
            return True
        if self._paused:
            return False
        if self._rendering is not None and not self._stale(self._rendering, now):
            return True
        return any(not self._stale(job, now) for job in self._queue)

    def _stop_locked(self, *, force: bool, now: float) -> None:
        shield = not force and self._shielding(now)
        kept = [job for job in self._queue if shield and self._shielded(job, now)]
        self._generation += 1
        self._queue = deque(kept)
        if self._current is not None and not (shield and self._shielded(self._current.job, now)):
            self._current.handle.stop()
            self._current = None
        if not shield:
            self._shield_batch = None
        self._paused = False

    # -- the speech thread ----------------------------------------------------------------

    def _run(self) -> None:
        ok, reason = self._synth.available()
        with self._cv:
            if ok:
                self._status = f"speech ready: {reason}; {self._player.available()[1]}"
            else:
                self._unavailable = reason
                self._status = f"speech unavailable: {reason}"
                self._queue.clear()
        if not ok:
            self._error(self._status)
            self._report_state()
            return
        while True:
            self._report_state()
            job = self._take()
            if job is None:
                break
            self._report_state()
            path = self._render(job)
            if path is not None:
                self._play(job, path)
        self._report_state()

    def _take(self) -> _Job | None:
        while True:
            with self._cv:
                if self._closed:
                    return None
                now = time.monotonic()
                while self._queue and self._stale(self._queue[0], now):
                    self._queue.popleft()
                if self._queue and not self._paused:
                    self._rendering = self._queue.popleft()
                    return self._rendering
                self._cv.wait()
            self._report_state()

    def _render(self, job: _Job) -> Path | None:
        """The sentence as a WAV file, or None if it failed or is no longer wanted."""
        path = self._audio_dir / f"{next(self._files)}.wav"
        language = job.item.language
        key = ClipKey(job.text, self.voice_for(language), self.rate, self.volume, language)
        try:
            kept = self._clips.get(key)
            if kept is not None:
                path.write_bytes(kept)  # said before in this visit: no round trip to the engine
            else:
                self._synth.synthesize(job.text, path, rate=key.rate, volume=key.volume,
                                       voice=key.voice, language=language)
        except EngineUnavailable as exc:
            with self._cv:
                self._unavailable, self._status = str(exc), f"speech unavailable: {exc}"
                self._queue.clear()
                self._rendering = None
            self._error(self._status)
            return None
        except (SynthesisError, OSError) as exc:  # OSError: the audio folder is full or gone
            with self._cv:
                self._rendering = None
            if not self._closed:
                self._error(f"speech: a sentence was skipped: {exc}")
            return None
        fresh = self._read_clip(path) if kept is None else None
        with self._cv:
            wanted = not self._closed and not self._stale(job, time.monotonic())
            if wanted and fresh is not None:
                # Kept only for the script being read now: a sentence finished after a reset
                # (which stops, then empties the cache) is not carried into the next visit.
                self._clips.put(key, fresh)
            if wanted and self._paused:
                self._queue.appendleft(job)
            if not wanted or self._paused:
                self._rendering = None
                path.unlink(missing_ok=True)
                return None
        return path

    @staticmethod
    def _read_clip(path: Path) -> bytes | None:
        """A new clip's bytes, to keep; None if it cannot be read (it is synthesised again)."""
        try:
            return path.read_bytes()
        except OSError:
            return None

    def _play(self, job: _Job, path: Path) -> None:
        try:
            handle = self._player.play(path, label=job.text)  # silent until started, below
        except Exception as exc:  # a broken player must not kill the speech thread
            with self._cv:
                self._rendering = None
            path.unlink(missing_ok=True)
            self._error(f"speech: audio player failed: {exc}")
            return
        with self._cv:
            now = time.monotonic()
            self._rendering = None
            playing = None
            if self._closed or self._stale(job, now) or self._paused:
                handle.stop()  # never started: cut off while its player was being set up, not a sound
                if self._paused and not self._stale(job, now):
                    self._queue.appendleft(job)
            else:
                # The one place sound starts: under the lock, for the script being read now.
                # A stop() either came before (stale above) or comes after, and cuts it.
                playing = self._current = _Playing(job, handle)
                handle.start()
                if job.first:
                    self.last_item = job.item
                if job.item.protected and job.batch != self._shield_batch:
                    self._shield_batch, self._shield_until = job.batch, now + self.protect_seconds
        self._report_state()
        if playing is not None:
            self._wait_for(playing)
        returncode = handle.reap()
        path.unlink(missing_ok=True)
        if returncode != 0 and not handle.stopped:
            self._player_broke(job, returncode)

    def _player_broke(self, job: _Job, returncode: int) -> None:
        """Try the next installed player for this sentence; report a dead end once."""
        old = self._player.name
        fall_back = getattr(self._player, "fall_back", None)
        if fall_back is not None and fall_back():
            with self._cv:
                if not self._closed and not self._stale(job, time.monotonic()):
                    self._queue.appendleft(job)
                self._status = self._status.replace(f"player {old}", f"player {self._player.name}")
            self._error(f"speech: audio player {old} failed (exit {returncode}); trying {self._player.name}")
        elif not self._player_failed:
            self._player_failed = True  # say it once, not for every sentence
            with self._cv:
                # no player left that works (no sound server, say): speech is unavailable now,
                # so the kiosk stops claiming "Speech on" and tells the patient (K-S2)
                self._unavailable = f"audio player {old} failed (exit {returncode})"
                self._queue.clear()
            self._status += f"; audio player {old} failed (exit {returncode})"
            self._error(f"speech: audio player {old} failed (exit {returncode})")

    def _wait_for(self, playing: _Playing) -> None:
        """Until the clip ends, is cut by stop()/pause(), or outlives its protection."""
        while not playing.handle.wait(_POLL):
            with self._cv:
                if self._current is not playing:
                    return
                if self._stale(playing.job, time.monotonic()):
                    playing.handle.stop()
                    self._current = None
                    return
        with self._cv:
            if self._current is playing:
                self._current = None

    def _report_state(self) -> None:
        busy = self.busy
        if busy != self._reported_busy:
            self._reported_busy = busy
            if self.on_state is not None:
                try:
                    self.on_state(busy)
                except Exception:  # a UI callback must not stop speech
                    pass

    def _error(self, message: str) -> None:
        if self.on_error is not None:
            try:
                self.on_error(message)
            except Exception:
                pass
