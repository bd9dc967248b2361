"""The real kiosk in a real terminal: tmux runs ``kiosk run`` at 60x20, types keys, reads the screen.

Pilot drives the app from inside; these tests run the real ``python -m kiosk run`` from outside,
the way a keyboard does. See :mod:`tests.terminal.tmux_driver`.
"""

from __future__ import annotations

import re
import time

import pytest

from tests.soak.flood import paste_text
from tests.terminal.tmux_driver import (
    CLINIC,
    ESCAPE_KEYS,
    FIRST_PAGE_HEADING,
    HOME_WORDS,
    STILL_THERE,
    _running,
    assert_banner,
    page_label,
)

pytestmark = pytest.mark.terminal


def test_locked_kiosk_draws_turns_pages_and_ignores_quit_keys(tmux_kiosk):
    """Banner, a page turn, and ctrl+c / ctrl+q / ctrl+z / ctrl+\\ neither end nor suspend it."""
    kiosk = tmux_kiosk()
    home = kiosk.wait_for(HOME_WORDS)
    assert CLINIC in home
    assert_banner(home)
    assert "Press * for help" in " ".join(home.split())

    kiosk.press("1")  # the topic's first screen
    kiosk.wait_for("Read from the start", "the topic's first screen")
    kiosk.press("1")
    first = kiosk.wait_for("Page 1 of", "the first page of the topic")
    assert FIRST_PAGE_HEADING in first
    label = page_label(first)

    kiosk.press("Right")
    turned = kiosk.wait_for(lambda s: "Page " in s and page_label(s) != label, "the page label to change")
    second_label = page_label(turned)
    assert re.match(r"Page 2 of \d+|Page 1 of \d+, continued", second_label), second_label

    for key in ESCAPE_KEYS:
        kiosk.send(key)
        assert kiosk.alive, f"{key} ended the kiosk:\n{kiosk.screen()}"
    # One more page turn: the kiosk read every key after them, so none of them stopped it.
    kiosk.press("Right")
    # (a long page goes on over screens with the same label: the text is what changes)
    after = kiosk.wait_for(lambda s: "Page " in s and page_label(s) != label and s.split() != turned.split(),
                           "another page turn after the quit keys")
    assert kiosk.alive
    assert _running(kiosk.pid) and kiosk.pane("pane_pid") == str(kiosk.pid)
    assert_banner(after)
    assert not any("Traceback" in s for s in kiosk.screens)


def test_idle_kiosk_warns_then_goes_home_by_itself(tmux_kiosk):
    """K-T1: with --idle-timeout 2 --warning 2 the warning shows, then the kiosk is home again."""
    kiosk = tmux_kiosk("--dev", "--idle-timeout", "2", "--warning", "2")  # a short warning is a --dev trial
    kiosk.wait_for(HOME_WORDS)
    # Home goes idle too: a key that lands on the warning only continues, so try again.
    for _ in range(5):
        kiosk.send("1")  # the topic's first screen
        if kiosk.poll("Read from the start", seconds=5) is not None:
            break
    else:
        raise AssertionError(f"could not open a topic before the kiosk went idle:\n{kiosk.screens[-1]}")

    warning = kiosk.wait_for(STILL_THERE, "the inactivity warning")
    assert "The screen will clear in" in warning
    assert_banner(warning)

    home = kiosk.wait_for(lambda s: HOME_WORDS in s and STILL_THERE not in s, "home after the reset")
    assert CLINIC in home
    assert FIRST_PAGE_HEADING not in home and "Page " not in home
    assert kiosk.alive
    assert not any("Traceback" in s for s in kiosk.screens)


def test_dev_preview_quits_with_ctrl_q(tmux_kiosk):
    """--dev: the same ctrl+q the locked kiosk ignores ends the preview, cleanly."""
    kiosk = tmux_kiosk("--dev")
    kiosk.wait_for(HOME_WORDS)
    kiosk.send("C-q")
    assert kiosk.wait_until_dead() == "status 0"
    assert not any("Traceback" in s for s in kiosk.screens)
    assert "Traceback" not in kiosk._tmux("capture-pane", "-p", "-t", kiosk.name)


def test_digits_alone_reach_the_last_topic_of_a_100_topic_library(tmux_kiosk, tmp_path):
    """K-I1, K-I2: a Num Lock keypad, digits only, reaches topic 100 of 100 with no
    groups set: 8 (More topics) page by page, then its digit; "Topics 97 to 100 of 100" shows.
    (The shipped settings list Spanish too, but these topics are English only, so home offers
    no language key and keeps 8 for More.)"""
    from bench.library_gen import generate_library
    from kiosk.content.library_nav import keys_to_topic, offered_languages
    from kiosk.content.loader import load_library

    folder = generate_library(tmp_path / "library", 100)
    library = load_library(folder, grade=False).library
    topics = library.topics
    last = topics[-1]
    keys = keys_to_topic(topics, last.id, len(offered_languages(library.settings.languages, topics)))
    assert keys == ["8"] * 16 + ["4"]
    kiosk = tmux_kiosk(content=folder)
    kiosk.wait_for("Topics 1 to 6 of 100")
    for key in keys[:-1]:
        kiosk.press(key)
    kiosk.wait_for("Topics 97 to 100 of 100", "the last page of home")
    kiosk.press(keys[-1])
    screen = kiosk.wait_for("Read from the start", "the last topic's first screen")
    assert last.title in screen
    kiosk.press("1")
    kiosk.wait_for("Page 1 of", "the last topic's first page")
    assert not any("Traceback" in s for s in kiosk.screens)


def test_a_100_kb_paste_typed_as_keys_leaves_the_emergency_key_answered(tmux_kiosk):
    """100 KB pasted as keys (not bracketed), then, after the pause a
    person leaves, ``*``: the emergency page and its banner show, and Home still goes home. It
    failed before the flood was dropped in Textual's input thread: the paste took seconds to
    read, the ``*`` waited behind it and was dropped with the paste's last keys. The paste is the
    shipped topics' text without ``*``, so only the person's key can open the emergency page.
    No timing is asserted (the soak measures it): each wait gives up after WAIT_SECONDS."""
    kiosk = tmux_kiosk()
    kiosk.wait_for(HOME_WORDS)
    text = paste_text().replace("*", " ")
    for start in range(0, len(text), 8 * 1024):  # `-l`: the characters themselves; `--`: "-" is text
        kiosk._tmux("send-keys", "-l", "-t", kiosk.name, "--", text[start:start + 8 * 1024])
    kiosk.press("*")
    emergency = kiosk.wait_for("Get help now", "the emergency page after the paste")
    assert_banner(emergency)
    kiosk.press("Home")
    kiosk.wait_for(lambda s: HOME_WORDS in s and "Get help now" not in s, "home after Home")
    assert kiosk.alive


def test_a_restart_with_a_half_saved_topic_starts_from_the_last_good_content(tmux_kiosk):
    """Found walking the kiosk as staff: a half-saved topic at a restart left the
    kiosk exiting 2 and systemd restarting it every two seconds, staff's file:line list on the
    waiting-room screen and no emergency banner. It now starts from the last good copy, the
    banner on screen; the fixed file goes live at the next fresh home."""
    import os
    import signal

    kiosk = tmux_kiosk()
    kiosk.wait_for(HOME_WORDS)  # this start kept its content as the last good copy
    # The copy is written in a thread at start: wait for its fingerprint, the last file written.
    from kiosk.content.last_good import FINGERPRINT_FILE, copy_folder

    fingerprint = copy_folder(kiosk.content) / FINGERPRINT_FILE
    deadline = time.monotonic() + 30
    while not fingerprint.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert fingerprint.exists(), f"no last good copy at {fingerprint.parent}"
    os.kill(kiosk.pid, signal.SIGTERM)
    kiosk.wait_for(lambda s: kiosk.pane("pane_dead") == "1", "the kiosk stopped")
    topic = kiosk.content / "topics" / "muscle-spasms.yaml"
    whole = topic.read_bytes()
    topic.write_bytes(whole[:700])  # a power cut while staff saved it
    kiosk.respawn(kiosk.command)
    home = kiosk.wait_for(HOME_WORDS, "home, from the last good copy")
    assert_banner(home)
    assert "Muscle cramps" in home and kiosk.pane("pane_dead") == "0"
    topic.write_bytes(whole.replace(b"title: Muscle cramps", b"title: Muscle cramps, fixed"))
    kiosk.press("9")  # Finish: a fresh home, where waiting content goes live
    kiosk.wait_for("Muscle cramps, fixed", "the fixed topic live")
