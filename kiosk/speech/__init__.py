"""Self-voicing for the kiosk: turn screen text into speech the UI can start and cut off at once.

Owns the speech text rules (``text``), the pyttsx3 synthesiser child process (``engine`` and
``worker``), playback processes (``player``), the non-blocking :class:`SpeechService` and its
test double :class:`RecordingSpeech`, and the ``kiosk say`` command (``say``). Nothing here
imports Textual: the UI calls these objects and receives callbacks on the speech thread.

Names are imported lazily so ``python -m kiosk.speech.worker`` (the synthesiser child) starts
without loading pydantic or the settings.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "Utterance": "kiosk.speech.text",
    "speakable": "kiosk.speech.text",
    "split_sentences": "kiosk.speech.text",
    "Speech": "kiosk.speech.base",
    "SpeechBase": "kiosk.speech.base",
    "SpeechService": "kiosk.speech.service",
    "RecordingSpeech": "kiosk.speech.recording",
    "Synthesizer": "kiosk.speech.engine",
    "SynthesisError": "kiosk.speech.engine",
    "ProcessPlayer": "kiosk.speech.player",
    "NullSinkPlayer": "kiosk.speech.player",
    "topic_script": "kiosk.speech.say",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'kiosk.speech' has no attribute {name!r}")
