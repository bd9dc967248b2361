"""A clip's player process, as the speech thread waits for it: woken by its exit, no leaks."""

from __future__ import annotations

import os

from kiosk.speech.player import NullSinkPlayer


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_a_stopped_clip_is_seen_ended_and_its_exit_descriptor_is_closed_at_reap(tmp_path):
    """The speech thread waits on the player's pidfd (it is woken the moment a cut clip's
    player exits); a kiosk reads thousands of clips a day, so none may leave one open."""
    wav = tmp_path / "clip.wav"
    player = NullSinkPlayer()
    first = None
    for n in range(40):
        handle = player.play(_silence(wav), label=f"clip {n}")
        handle.start()
        assert not handle.wait(0.0)  # playing: not ended
        handle.stop()
        assert handle.wait(30.0)  # a generous bound only for a loaded machine; wakes at the exit
        assert handle.reap() != 0 or handle.stopped
        if first is None:
            first = _open_fds()
    assert _open_fds() <= first


def test_a_clip_that_ended_by_itself_is_seen_ended(tmp_path):
    player = NullSinkPlayer(speed=1000.0)
    handle = player.play(_silence(tmp_path / "short.wav"), label="short")
    handle.start()
    assert handle.wait(30.0)
    assert handle.reap() == 0


def _silence(path, seconds: float = 2.0):
    import wave

    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\0\0" * int(8000 * seconds))
    return path
