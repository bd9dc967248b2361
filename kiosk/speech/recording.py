"""RecordingSpeech: the speech interface with no audio, for UI tests and ``--speech none``.

Owns nothing but a log: every Utterance it was asked to speak (``spoken``) and every key
action (``actions``), honouring on/off, stop, repeat, rate and volume exactly as the real
service does (that logic lives in :class:`kiosk.speech.base.SpeechBase`). Speech "finishes"
at once unless ``hold=True``, when it stays busy until :meth:`finish` or a stop, so idle tests
(K-T2) can see a busy kiosk. It never calls callbacks: there is no speech thread to call from.
"""

from __future__ import annotations

from kiosk.content.settings import SpeechSettings
from kiosk.speech.base import SpeechBase
from kiosk.speech.utterance import Utterance

__all__ = ["RecordingSpeech"]


class RecordingSpeech(SpeechBase):
    def __init__(self, settings: SpeechSettings | None = None, *, language: str = "en", hold: bool = False) -> None:
        super().__init__(settings, language=language)
        self.hold = hold
        self.spoken: list[Utterance] = []
        self.actions: list[str] = []
        self._pending: list[Utterance] = []
        self._paused = False
        self.closed = False

    @property
    def texts(self) -> list[str]:
        return [u.text for u in self.spoken]

    @property
    def pending_texts(self) -> list[str]:
        """With ``hold``: what is still being said, the current item first."""
        return [u.text for u in self._pending]

    @property
    def busy(self) -> bool:
        return bool(self._pending) and not self._paused

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def status(self) -> str:
        return "speech recorded, no audio (test/none mode)"

    def finish(self) -> None:
        """Pretend the held speech played to its end."""
        self._pending.clear()
        self._paused = False

    def close(self) -> None:
        self._stop(force=True)
        self.closed = True

    def _speak(self, items: list[Utterance], replace: bool) -> None:
        if replace:
            self._pending.clear()
            self._paused = False
        self.actions.append("speak")
        self.spoken.extend(items)
        self.last_item = items[-1] if not self.hold else items[0]
        if self.hold:
            self._pending.extend(items)

    def _repeat_current(self) -> str | None:
        if not self._pending or self._paused:
            return None
        self.actions.append("repeat")
        self.spoken.append(self._pending[0])
        return self._pending[0].text

    def _stop(self, force: bool) -> None:
        self.actions.append("stop")
        self._pending.clear()
        self._paused = False

    def _pause(self) -> bool:
        if not self._pending or self._paused:
            return False
        self.actions.append("pause")
        self._paused = True
        return True

    def _resume(self) -> bool:
        if not self._paused:
            return False
        self.actions.append("resume")
        self._paused = False
        return True

    def _forget(self) -> None:
        self.actions.append("reset")
