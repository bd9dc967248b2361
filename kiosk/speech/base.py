"""The one speech interface the UI types against, and the state every implementation shares.

Owns the per-person speech settings and memory: on/off, rate and volume steps (K-S6, K-S12),
language (K-S8), the most recent item and the last screen script (K-S3), and putting all of
them back to the defaults at each reset (K-P1). Subclasses only make (or record) the sound:
:class:`kiosk.speech.service.SpeechService` and :class:`kiosk.speech.recording.RecordingSpeech`.

Every public method returns at once; none may be slow enough to be felt on the UI thread.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from typing import TextIO

from kiosk.content.settings import SpeechSettings
from kiosk.speech.utterance import Utterance

__all__ = ["Speech", "SpeechBase", "StateCallback", "ErrorCallback"]

StateCallback = Callable[[bool], None]
ErrorCallback = Callable[[str], None]


class SpeechBase(ABC):
    """Shared state and key logic; subclasses implement the ``_``-prefixed hooks."""

    def __init__(self, settings: SpeechSettings | None = None, *, language: str = "en") -> None:
        self.settings = settings or SpeechSettings()
        self.default_language = language
        #: Called (from any thread) with a line for staff when the engine or player fails.
        self.on_error: ErrorCallback | None = None
        self._state_lock = threading.RLock()
        #: ``--dev --speech-log FILE``: each sentence handed to the synthesiser, one a line.
        self.transcript: TextIO | None = None
        self._restore_defaults()

    # -- state ----------------------------------------------------------------------------

    def _restore_defaults(self) -> None:
        with self._state_lock:
            self._enabled = self.settings.enabled_at_start
            self.rate_step = self.settings.default_rate_step
            self.volume_step = self.settings.default_volume_step
            self.language = self.default_language
            self.last_item: Utterance | None = None
            self.last_screen: tuple[Utterance, ...] = ()

    @property
    def enabled(self) -> bool:
        return self._enabled

    @property
    def as_at_start(self) -> bool:
        """On or off, rate and volume as every visit starts: the person has changed nothing."""
        settings = self.settings
        return (self._enabled == settings.enabled_at_start and self.rate_step == settings.default_rate_step
                and self.volume_step == settings.default_volume_step)

    @property
    def rate(self) -> int:
        """Words per minute of the current rate step."""
        return self.settings.rate_steps[self.rate_step]

    @property
    def volume(self) -> float:
        """0.0-1.0 of the current volume step."""
        return self.settings.volume_steps[self.volume_step]

    def voice_for(self, language: str) -> str | None:
        """The configured voice id for ``language`` ("es-MX" falls back to "es"), or None."""
        voices = self.settings.voices
        return voices.get(language) or voices.get(language.split("-")[0])

    def utter(self, text: str, *, protected: bool = False) -> Utterance:
        """An Utterance in the current language."""
        return Utterance(text, self.language, protected)

    # -- what the UI calls ----------------------------------------------------------------

    def speak(self, items: Utterance | Iterable[Utterance], *, replace: bool = True, screen: bool = True,
              force: bool = False) -> None:
        """Speak ``items`` in order; ``replace`` first cuts off whatever is speaking (K-S4).

        ``screen`` (default) remembers ``items`` as the script that :meth:`repeat_screen`
        replays; pass ``screen=False`` for a highlight or an error message (K-S5, K-S9) so
        "repeat the screen" still reads the whole screen. Nothing is spoken while disabled, but
        the screen is remembered, so turning speech on can read it; ``force=True`` speaks anyway,
        for what the person explicitly asked to hear ("Read your answers aloud", K-S7).
        """
        batch = [items] if isinstance(items, Utterance) else list(items)
        batch = [item for item in batch if item.text.strip()]
        with self._state_lock:
            if screen:
                self.last_screen = tuple(batch)
            if not (self._enabled or force):
                return
            if not batch:
                if replace:
                    self._stop(force=False)
                return
            self.last_item = batch[0]
        self._write_transcript(batch)
        self._speak(batch, replace)

    def _write_transcript(self, batch: list[Utterance]) -> None:
        """Dev only: what is handed to the synthesiser, played or not, flushed at
        once, so a test or staff can read what a listener hears with no sound device."""
        out = self.transcript
        if out is None:
            return
        from kiosk.speech.text import speakable_in, split_sentences  # loaded once speech is used

        try:
            for item in batch:
                for sentence in split_sentences(speakable_in(item.text, item.language)):
                    out.write(sentence + "\n")
            out.flush()
        except (OSError, ValueError):
            self.transcript = None

    def stop(self) -> None:
        """Cut off the current speech and drop what was queued (K-S3, K-S4)."""
        self._stop(force=False)

    def pause(self) -> bool:
        """Pause; the sentence that was cut restarts on resume. True if something paused."""
        return self._enabled and self._pause()

    def resume(self) -> bool:
        return self._resume()

    def toggle_pause(self) -> bool:
        """Pause or resume (K-S3); returns True when speech is now paused."""
        if self.paused:
            self._resume()
        else:
            self.pause()
        return self.paused

    def repeat(self) -> bool:
        """Say the sentence being said again, then go on with the rest (K-S3); when nothing
        is being said, the most recent item. False when there is nothing to repeat."""
        if not self._enabled:
            return False
        sentence = self._repeat_current()
        if sentence is not None:
            self._write_line(sentence)
            return True
        item = self.last_item
        if item is None:
            return False
        self.speak(item, screen=False)
        return True

    def _repeat_current(self) -> str | None:
        """Hook: start the sentence being said again, keeping what follows; its words, or None
        when nothing is being said (then :meth:`repeat` says the most recent item)."""
        return None

    def _write_line(self, sentence: str) -> None:
        out = self.transcript
        if out is None:
            return
        try:
            out.write(sentence + "\n")
            out.flush()
        except (OSError, ValueError):
            self.transcript = None

    def repeat_screen(self) -> bool:
        """Say the last whole screen script again (K-S3)."""
        items = self.last_screen
        if not items or not self._enabled:
            return False
        self.speak(items, screen=True)
        return True

    def rate_up(self) -> int:
        """One rate step faster, clamped at the fastest (K-S12); returns the new step index."""
        with self._state_lock:
            self.rate_step = min(self.rate_step + 1, len(self.settings.rate_steps) - 1)
            return self.rate_step

    def rate_down(self) -> int:
        with self._state_lock:
            self.rate_step = max(self.rate_step - 1, 0)
            return self.rate_step

    def volume_up(self) -> int:
        """One volume step louder, clamped at the loudest (K-S6); returns the new step index."""
        with self._state_lock:
            self.volume_step = min(self.volume_step + 1, len(self.settings.volume_steps) - 1)
            return self.volume_step

    def volume_down(self) -> int:
        with self._state_lock:
            self.volume_step = max(self.volume_step - 1, 0)
            return self.volume_step

    def set_language(self, language: str) -> None:
        """Language for :meth:`utter` (each Utterance still carries its own, K-S8)."""
        self.language = language

    def set_enabled(self, enabled: bool) -> None:
        """Speech on or off (K-S2); turning it off stops speech at once."""
        with self._state_lock:
            self._enabled = enabled
        if not enabled:
            self._stop(force=False)

    def apply_settings(self, settings: SpeechSettings) -> None:
        """New content's speech settings, whole: they take effect at the reset
        that installs the content, which calls :meth:`reset_to_defaults` next."""
        with self._state_lock:
            self.settings = settings
        self._settings_changed()

    def _settings_changed(self) -> None:  # noqa: B027 - an optional hook, empty on purpose
        """Hook: an implementation rebuilds what it derived from the settings."""

    def reset_to_defaults(self) -> None:
        """Next person (K-P1): stop, forget the queue, items, screen and audio; default settings."""
        self._stop(force=True)
        self._forget()
        self._restore_defaults()

    # -- what each implementation provides ------------------------------------------------

    @property
    @abstractmethod
    def busy(self) -> bool:
        """True while speech is being prepared or played (the kiosk is not idle, K-T2)."""

    @property
    @abstractmethod
    def paused(self) -> bool: ...

    @property
    @abstractmethod
    def status(self) -> str:
        """One line for staff: engine ready, or why there is no speech."""

    def installed_voices(self) -> list[str]:
        """Voice ids the engine offers, for staff; [] when unknown. Never blocks."""
        return []

    def start(self) -> None:  # noqa: B027 - an optional hook, empty on purpose
        """Begin what a backend runs on (its thread, its engine) if it has not yet: the app
        asks once its first screen is drawn. Safe to call again."""

    @abstractmethod
    def close(self) -> None:
        """Stop everything; no thread or process may be left. Safe to call twice."""

    @abstractmethod
    def _speak(self, items: list[Utterance], replace: bool) -> None: ...

    @abstractmethod
    def _stop(self, force: bool) -> None:
        """``force`` also cuts a protected emergency message (resets, closing)."""

    @abstractmethod
    def _pause(self) -> bool: ...

    @abstractmethod
    def _resume(self) -> bool: ...

    def _forget(self) -> None:  # noqa: B027 - an optional hook, empty on purpose
        """Drop private leftovers such as audio files (K-P1)."""


#: The name the app types against.
Speech = SpeechBase
