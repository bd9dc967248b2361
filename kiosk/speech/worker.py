"""The synthesiser child process: owns pyttsx3 and turns one sentence into one WAV file.

Run as ``python -m kiosk.speech.worker`` by :class:`kiosk.speech.engine.Synthesizer`, which
may kill it at any time. Speaks JSON lines: requests on stdin, one reply per request on a
private copy of stdout. File descriptors 1 and 2 are pointed at the parent's log (never the
terminal), because pyttsx3 ``print()``s "Audio saved to ..." and espeak/ALSA write to them.

pyttsx3 2.99 traps handled here (see ``docs/SPEECH.md``; each was reproduced on espeak-ng 1.51):

* ``runAndWait()`` returns before the WAV is written (synthesis runs on espeak's own thread),
  so we wait for the ``finished-utterance`` event and then check the file has frames; an
  empty file is synthesised once more. Without the wait, about 1 in 150 files came out empty.
* Why a property set just before synthesis is "sometimes ignored" or gives an empty WAV:
  espeak queues ``SetParameter`` on its own thread; ``runAndWait()`` then runs pyttsx3's
  ``endLoop``, whose ``stop()`` sees espeak still busy with that queued parameter and calls
  ``espeak_Cancel()``, which throws the new rate away (and can flag the next sentence to be
  cancelled too). So after changing a property, and after every sentence, we wait until
  espeak is idle (``IsPlaying() == 0``) before going on. Measured: without this, a rate
  change after a long sentence was ignored every time; with it, never.
* ``runAndWait()`` is called exactly once per queued ``save_to_file`` (a warm-up right after
  ``init()``), never with nothing queued, never twice at once.
* Properties are set only when they change, from our own copy: ``getProperty('rate')``
  returns espeak's default (175), not the rate we set.
* Voice ids are checked against ``getProperty('voices')``; an unknown id falls back to the
  language's own voice, then to the engine default, instead of reaching espeak.

Nothing from the kiosk package is imported, so the child starts fast and stands alone.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
import wave

from kiosk.host import exit_codes

FINISH_TIMEOUT = 8.0
SETTLE_TIMEOUT = 2.0
TEST_HOOKS = os.environ.get("KIOSK_SPEECH_TEST_HOOKS") == "1"


def _frames(path: str) -> int:
    try:
        with wave.open(path, "rb") as wav:
            return wav.getnframes()
    except (OSError, EOFError, wave.Error):
        return 0


#: pyttsx3's espeak driver polls its loop every 10 ms, which was most of the time to a first
#: sentence's WAV (bench/: 10.5 ms of 14); this worker polls every half millisecond instead.
DRIVER_POLL_SECONDS = 0.0005


class _QuickPollTime:
    """The ``time`` module as the espeak driver sees it, with its loop's sleep shortened."""

    def __getattr__(self, name: str):
        return getattr(time, name)

    @staticmethod
    def sleep(seconds: float) -> None:
        time.sleep(min(seconds, DRIVER_POLL_SECONDS))


class Engine:
    """pyttsx3 used only as "sentence in, WAV file out", with our own copy of its settings."""

    def __init__(self) -> None:
        import pyttsx3
        from pyttsx3.drivers import _espeak
        from pyttsx3.drivers import espeak as espeak_driver

        espeak_driver.time = _QuickPollTime()  # only in this child process

        self._is_busy = _espeak.IsPlaying
        self._engine = pyttsx3.init("espeak")
        self._finished = threading.Event()
        self._completed = False
        self._errors: list[str] = []
        self._engine.connect("finished-utterance", self._on_finished)
        self._engine.connect("error", lambda name, exception: self._errors.append(str(exception)))
        self.voices = [
            {"id": v.id, "name": v.name, "languages": list(v.languages or [])}
            for v in self._engine.getProperty("voices")
        ]
        self._ids = {v["id"] for v in self.voices}
        self.default_voice = self._engine.getProperty("voice") or "gmw/en"
        self._props: dict[str, object] = {"voice": self.default_voice}
        with tempfile.TemporaryDirectory(prefix="kiosk-warmup-") as tmp:
            self.synth("Ready.", os.path.join(tmp, "warmup.wav"), rate=175, volume=1.0, voice=None, language="en")

    def _on_finished(self, name: str | None, completed: bool) -> None:
        self._completed = completed
        self._finished.set()

    def _settle(self) -> None:
        """Wait until espeak's own queue is empty, so pyttsx3's stop() has nothing to cancel."""
        deadline = time.monotonic() + SETTLE_TIMEOUT
        while self._is_busy():
            if time.monotonic() > deadline:
                raise RuntimeError(f"espeak still busy after {SETTLE_TIMEOUT:.0f} s")
            time.sleep(0.001)

    def pick_voice(self, voice: str | None, language: str | None) -> tuple[str, bool]:
        """The voice to use and whether it is a fallback for an unknown or missing id."""
        if voice and voice.lower() in self._ids:
            return voice.lower(), False
        lang = (language or "").lower().replace("_", "-")
        base = lang.split("-")[0]
        tails = {vid: vid.rsplit("/", 1)[-1] for vid in sorted(self._ids)}
        for wanted in (lambda t: t == lang, lambda t: t == base, lambda t: t.startswith(base + "-")):
            for vid, tail in tails.items():
                if base and wanted(tail):
                    return vid, voice is not None
        return self.default_voice, voice is not None

    def _set(self, name: str, value: object) -> bool:
        if self._props.get(name) == value:
            return False
        self._engine.setProperty(name, value)
        self._props[name] = value
        return True

    def synth(self, text: str, path: str, *, rate: int, volume: float, voice: str | None, language: str | None) -> dict:
        voice_id, fallback = self.pick_voice(voice, language)
        for attempt in (1, 2):
            if os.path.exists(path):
                os.remove(path)
            if attempt == 2:
                self._props.clear()  # a property change may have been lost: set all again
            changed = [self._set("voice", voice_id), self._set("rate", int(rate)), self._set("volume", float(volume))]
            if any(changed):
                self._settle()
            self._finished.clear()
            self._completed = False
            self._errors.clear()
            self._engine.save_to_file(text, path)
            self._engine.runAndWait()
            if not self._finished.wait(FINISH_TIMEOUT):
                raise RuntimeError(f"espeak did not finish within {FINISH_TIMEOUT:.0f} s")
            self._settle()
            frames = _frames(path)
            if frames > 0 and self._completed:
                with wave.open(path, "rb") as wav:
                    framerate = wav.getframerate()
                return {"frames": frames, "framerate": framerate, "seconds": frames / framerate,
                        "voice": voice_id, "fallback": fallback, "attempts": attempt}
        raise RuntimeError("empty WAV twice" + (f": {self._errors[-1]}" if self._errors else ""))


def _serve(engine: Engine, requests, reply) -> None:
    for raw in requests:
        try:
            msg = json.loads(raw)
        except ValueError:
            continue
        rid, op = msg.get("id"), msg.get("op")
        try:
            if op == "synth":
                if TEST_HOOKS and msg["text"].startswith("TESTHANG"):
                    time.sleep(3600)
                result = engine.synth(msg["text"], msg["path"], rate=msg.get("rate", 175),
                                      volume=msg.get("volume", 1.0), voice=msg.get("voice"),
                                      language=msg.get("language"))
            elif op == "voices":
                result = {"voices": engine.voices, "default_voice": engine.default_voice}
            elif op == "ping":
                result = {"pid": os.getpid()}
            elif TEST_HOOKS and op == "sleep":
                time.sleep(float(msg.get("seconds", 3600)))
                result = {}
            elif TEST_HOOKS and op == "crash":
                os._exit(7)
            else:
                raise ValueError(f"unknown op {op!r}")
            reply({"id": rid, "ok": True, **result})
        except Exception as exc:  # every failure becomes a reply, never a dead child
            reply({"id": rid, "ok": False, "error": f"{type(exc).__name__}: {exc}"})


def main() -> int:
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    if os.isatty(2):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
    os.dup2(2, 1)  # print() from pyttsx3 and C-level noise go to the log, not the protocol

    def reply(obj: dict) -> None:
        protocol.write(json.dumps(obj) + "\n")
        protocol.flush()

    try:
        engine = Engine()
    except Exception as exc:  # the reason is reported to the parent
        reply({"event": "ready", "ok": False, "error": f"{type(exc).__name__}: {exc}"})
        return exit_codes.SPEECH_UNAVAILABLE
    reply({"event": "ready", "ok": True, "voices": engine.voices, "default_voice": engine.default_voice,
           "pid": os.getpid()})
    _serve(engine, sys.stdin, reply)
    return exit_codes.OK


if __name__ == "__main__":
    sys.exit(main())
