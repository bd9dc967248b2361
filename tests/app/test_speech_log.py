"""``kiosk run --dev --speech-log FILE`` writes what the synthesiser is
handed, one sentence a line, flushed at once, with or without a sound device; refused without
--dev (a kiosk in use never writes what it says, K-P2)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.cli import build_parser
from kiosk.speech.recording import RecordingSpeech
from kiosk.speech.service import SpeechService
from kiosk.speech.utterance import Utterance
from kiosk.ui import launch
from kiosk.ui.app import KioskApp

CONTENT = Path(__file__).resolve().parents[2] / "content"


def _args(**kw):
    base = dict(content=CONTENT, dev=False, idle_timeout=None, warning=None, speech="none", speech_log=None)
    return argparse.Namespace(**{**base, **kw})


def test_speech_log_is_refused_without_dev(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(KioskApp, "run", lambda self, *a, **kw: None)
    log = tmp_path / "heard.txt"
    assert launch.run_command(_args(speech_log=log)) == 2
    assert "--dev" in capsys.readouterr().err
    assert not log.exists()


def test_the_run_command_takes_speech_log():
    args = build_parser().parse_args(["run", "--dev", "--speech-log", "x.txt"])
    assert args.speech_log == Path("x.txt")


def test_speech_log_has_each_sentence_at_once_and_nothing_while_speech_is_off(tmp_path):
    speech = RecordingSpeech()
    log = (tmp_path / "heard.txt").open("a", encoding="utf-8")
    speech.transcript = log
    speech.speak([Utterance("Off now: not heard.")])
    speech.set_enabled(True)
    speech.speak([Utterance("Press * for help now. Call 911.")])
    assert (tmp_path / "heard.txt").read_text().splitlines() == ["Press star for help now.", "Call 9 1 1."]


def test_speech_log_works_with_no_sound_device(tmp_path):
    """The real service with no engine (as with no sound server): still logged, played or not."""
    speech = SpeechService(engine=False)
    try:
        speech.transcript = (tmp_path / "heard.txt").open("a", encoding="utf-8")
        speech.set_enabled(True)
        speech.speak([Utterance("Speech is on.")])
        assert (tmp_path / "heard.txt").read_text() == "Speech is on.\n"
    finally:
        speech.close()


def test_run_dev_with_speech_log_hands_the_file_to_speech(tmp_path, monkeypatch):
    seen = []

    def fake_run(self, *a, **kw):
        seen.append(self.speech.transcript)
        self.speech.set_enabled(True)
        self.speech.speak([Utterance("Hello.")])

    monkeypatch.setattr(KioskApp, "run", fake_run)
    monkeypatch.setattr(launch, "data_folder", lambda content, data_dir, dev=False: tmp_path)
    log = tmp_path / "heard.txt"
    assert launch.run_command(_args(dev=True, speech_log=log)) == 0
    assert seen[0] is not None and log.read_text() == "Hello.\n"
