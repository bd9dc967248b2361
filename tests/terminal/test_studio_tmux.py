"""The studio in a real terminal beside a running kiosk: a nurse makes a topic by keys, publishes
it, and the kiosk, already running on that content folder, offers it at its next fresh home."""

from __future__ import annotations

import shlex
import sys

import pytest

from tests.terminal.tmux_driver import TmuxKiosk

pytestmark = pytest.mark.terminal


def type_text(pane: TmuxKiosk, text: str) -> None:
    """Type ``text`` as it is (tmux's literal mode: no word is read as a key name)."""
    pane._tmux("send-keys", "-t", pane.name, "-l", text)


def test_a_topic_published_from_the_studio_reaches_a_running_kiosk(tmux_kiosk, tmp_path):
    kiosk = tmux_kiosk("--dev")
    kiosk.wait_for("Choose a topic")
    studio = TmuxKiosk(kiosk.tmux, tmp_path, [])
    studio.start()
    command = [sys.executable, "-m", "kiosk", "studio", "--content", str(kiosk.content), "--work",
               str(tmp_path / "work")]
    studio.respawn("exec " + shlex.join(command))
    try:
        studio.wait_for("n New topic")
        studio.send("n")
        studio.wait_for("Title patients see")
        type_text(studio, "ear-pain")
        studio.wait_for("█ ear-pain ")
        studio.press("Tab")  # a key after typed text: past the gap, so it is not read as part of it
        type_text(studio, "Ear pain")
        studio.wait_for("█ Ear pain ")
        studio.press("Enter")
        studio.wait_for("It loads: ctrl+s saves it")
        # The skeleton ends with "enabled: false": switch the topic on, at the end of the text.
        for key in ["PageDown"] * 15 + ["Up", "End"] + ["BSpace"] * 5:
            studio.press(key)  # one at a time, as a person types: a burst of escape sequences can be split
        studio.wait_for("88  enabled: ")
        type_text(studio, "true")
        studio.wait_for("enabled: true")
        studio.press("C-s")
        studio.wait_for("Saved ear-pain.yaml")
        assert (tmp_path / "work" / "topics" / "ear-pain.yaml").read_text(encoding="utf-8").endswith(
            "enabled: true\n")
        studio.press("Escape")
        studio.wait_for("not published: ear-pain.yaml")
        studio.press("p")
        studio.wait_for("Published ear-pain.yaml")
    finally:
        studio.stop()
    assert (kiosk.content / "topics" / "ear-pain.yaml").is_file()
    kiosk.press("9")  # Finish and clear the screen: a fresh home takes the new content
    kiosk.wait_for("Ear pain", "the published topic on the running kiosk's home")
