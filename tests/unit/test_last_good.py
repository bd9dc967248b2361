"""The last good content, for a start whose content does not load (found walking the kiosk as
staff: a half-saved topic at boot left the kiosk exiting 2, restarted by systemd every two
seconds with staff's file:line list on the waiting-room screen and no emergency banner)."""

from __future__ import annotations

import io
import re
import shutil
import threading

import pytest

from kiosk.content import last_good
from kiosk.content.content_path import load_for_start
from kiosk.content.loader import load_library
from tests.conftest import CONTENT


@pytest.fixture
def content(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # a data folder of this test's own
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    return folder


def half_save(path) -> None:
    path.write_bytes(path.read_bytes()[:700])


def test_a_start_with_a_broken_topic_uses_the_last_good_copy_and_watches_the_real_folder(content):
    library = load_library(content, grade=False).library
    assert library is not None and last_good.save(library, dev=True) is not None
    half_save(content / "topics" / "muscle-spasms.yaml")
    out = io.StringIO()
    started = load_for_start(content, stream=out, dev=True)
    assert started is not None and started.from_last_good
    assert started.root == content  # the watcher, the reloads and the data folder use the real one
    assert {t.id for t in started.topics} == {t.id for t in library.topics}
    said = out.getvalue()
    assert "muscle-spasms.yaml:" in said and "starts with the last good copy" in said


def test_the_copy_is_never_overwritten_from_a_folder_that_did_not_load(content):
    library = load_library(content, grade=False).library
    folder = last_good.save(library, dev=True)
    half_save(content / "topics" / "muscle-spasms.yaml")
    started = load_for_start(content, stream=io.StringIO(), dev=True)
    (folder / last_good.FINGERPRINT_FILE).unlink()  # even with no fingerprint to compare
    last_good.save(started, dev=True)
    assert load_library(folder, grade=False).ok


def test_no_copy_no_start_and_two_content_folders_never_share_one(content, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(content, other)
    last_good.save(load_library(content, grade=False).library, dev=True)
    assert last_good.copy_folder(content, dev=True) != last_good.copy_folder(other, dev=True)
    (other / "kiosk.yaml").write_text("clinic_name: [unclosed\n", encoding="utf-8")
    out = io.StringIO()
    assert load_for_start(other, stream=out, dev=True) is None
    assert "The kiosk cannot start" in out.getvalue()


def test_content_that_loads_at_start_becomes_the_last_good_copy(content):
    import threading

    assert load_for_start(content, stream=io.StringIO(), dev=True) is not None
    for thread in threading.enumerate():
        if thread.name == "keep-last-good":
            thread.join(10)
    copy = last_good.copy_folder(content, dev=True)
    assert load_library(copy, grade=False).ok
    assert (copy / "topics" / "muscle-spasms.es.yaml").is_file()


# ------------------------------------------------- replacing the copy, and checking it before use
# Found by killing the kiosk while it replaced the copy: a kill between its two renames left
# ".old" and ".new" whole and no copy where the next start looked, so a start on broken content
# said "The kiosk cannot start" and exited 2; and a copy changed after it was written (still
# valid) was used, its fingerprint never checked.


class Killed(BaseException):
    """A kill: nothing after it runs, no clean-up (an OSError would be caught and cleaned up)."""


def clinic_name(library) -> str:
    return library.settings.clinic_name


def renamed(content, name: str):
    settings = content / "kiosk.yaml"
    text = settings.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("clinic_name:"))
    settings.write_text(text.replace(old, f"clinic_name: {name}"), encoding="utf-8")
    library = load_library(content, grade=False).library
    assert library is not None and clinic_name(library) == name
    return library


@pytest.mark.parametrize("step", last_good.SAVE_STEPS)
def test_a_kill_at_any_step_of_replacing_the_copy_leaves_one_the_next_start_uses(content, monkeypatch, step):
    assert last_good.save(renamed(content, "Old Clinic"), dev=True) is not None
    new = renamed(content, "New Clinic")

    def kill_at(reached: str) -> None:
        if reached == step:
            raise Killed(step)

    monkeypatch.setattr(last_good, "_step", kill_at)
    with pytest.raises(Killed):
        last_good.save(new, dev=True)
    monkeypatch.undo()
    monkeypatch.setenv("XDG_DATA_HOME", str(content.parent / "data"))

    topic = content / "topics" / "muscle-spasms.yaml"
    whole = topic.read_bytes()
    half_save(topic)  # and the next start has broken content
    out = io.StringIO()
    started = load_for_start(content, stream=out, dev=True)
    assert started is not None and started.from_last_good, out.getvalue()
    assert clinic_name(started) in ("Old Clinic", "New Clinic")
    # Once fixed, the next save tidies what the kill left: one copy, the new one.
    topic.write_bytes(whole)
    assert last_good.save(new, dev=True) is not None
    assert clinic_name(last_good.load(content, dev=True)) == "New Clinic"
    assert [p.name for p in last_good.store_folder(content, dev=True).iterdir()] == [
        last_good.copy_folder(content, dev=True).resolve().name]


def test_a_copy_left_as_old_and_new_by_an_earlier_kiosk_is_found(content):
    """The layout of before: a kill between its two renames left ``<copy>.old`` and ``<copy>.new``."""
    library = load_library(content, grade=False).library
    folder = last_good.copy_folder(content, dev=True)
    folder.parent.mkdir(parents=True)
    for name in (".old", ".new"):
        shutil.copytree(content, folder.with_name(folder.name + name))
        (folder.with_name(folder.name + name) / last_good.FINGERPRINT_FILE).write_text(library.fingerprint)
    half_save(content / "topics" / "muscle-spasms.yaml")
    started = load_for_start(content, stream=io.StringIO(), dev=True)
    assert started is not None and started.from_last_good


def test_a_copy_changed_after_it_was_written_is_refused_with_the_reason_logged(content, caplog):
    import logging

    library = load_library(content, grade=False).library
    folder = last_good.save(library, dev=True)
    topic = folder / "topics" / "muscle-spasms.yaml"
    text = topic.read_text(encoding="utf-8")
    changed = re.sub(r"^(title: .*)$", r"\1 (changed)", text, count=1, flags=re.M)
    assert changed != text
    topic.write_text(changed, encoding="utf-8")
    assert load_library(folder, grade=False).ok  # still valid content: only the fingerprint tells
    half_save(content / "topics" / "muscle-spasms.yaml")

    out = io.StringIO()
    with caplog.at_level(logging.WARNING):
        started = load_for_start(content, stream=out, dev=True)
    assert started is None and "The kiosk cannot start" in out.getvalue()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "not used" in logged and "fingerprint" in logged and str(folder.resolve()) in logged


@pytest.mark.parametrize("step", ["copying", "sealed", "linked", "swapped"])
def test_a_real_kill_of_the_process_replacing_the_copy_leaves_one_the_next_start_uses(content, step):
    """The same with SIGKILL in a process of its own: no Python clean-up of any kind runs."""
    import os
    import signal
    import subprocess
    import sys

    assert last_good.save(renamed(content, "Old Clinic"), dev=True) is not None
    renamed(content, "New Clinic")
    code = (
        "import os, signal, sys\n"
        "from kiosk.content import last_good\n"
        "from kiosk.content.loader import load_library\n"
        f"def kill(reached):\n    if reached == {step!r}: os.kill(os.getpid(), signal.SIGKILL)\n"
        "last_good._step = kill\n"
        "last_good.save(load_library(sys.argv[1], grade=False).library, dev=True)\n"
    )
    killed = subprocess.run([sys.executable, "-c", code, str(content)], env=dict(os.environ), timeout=60)
    assert killed.returncode == -signal.SIGKILL

    half_save(content / "topics" / "muscle-spasms.yaml")
    started = load_for_start(content, stream=io.StringIO(), dev=True)
    assert started is not None and clinic_name(started) in ("Old Clinic", "New Clinic")


def test_two_saves_at_once_never_leave_a_link_to_a_removed_copy(content, monkeypatch):
    """Every page of `kiosk serve` is a kiosk process of its own, each keeping the same copy: one
    save paused after it put its copy in the store, while another runs whole, must not end with
    the link leading to a copy the other removed (then no copy at all)."""
    old = renamed(content, "Old Clinic")
    new = renamed(content, "New Clinic")
    renamed(content, "Old Clinic")  # the files on disk are the old ones again: both saves can check them
    other_started = threading.Event()

    def pause_the_first(reached: str) -> None:
        if threading.current_thread().name == "first" and reached == "sealed":
            second.start()
            other_started.wait(1)  # the second save runs whole meanwhile, if nothing stops it
        if threading.current_thread().name == "second" and reached == "pruned":
            other_started.set()

    monkeypatch.setattr(last_good, "_step", pause_the_first)
    first = threading.Thread(target=last_good.save, args=(old,), kwargs={"dev": True}, name="first")
    second = threading.Thread(target=last_good.save, args=(old,), kwargs={"dev": True}, name="second")
    first.start()
    first.join(30)
    second.join(30)
    link = last_good.copy_folder(content, dev=True)
    assert link.resolve().is_dir(), "the link leads to a copy that was removed"
    started = last_good.load(content, dev=True)
    assert started is not None and clinic_name(started) == "Old Clinic"
    assert new is not None


def test_the_bytes_alone_give_the_fingerprint_a_load_gives(content):
    """The last good copy of unchanged content is checked by its files' bytes: that check and
    the loader must give one fingerprint, or every start would write the copy again."""
    from kiosk.content.library import files_fingerprint

    assert files_fingerprint(content) == load_library(content, grade=False).library.fingerprint
    topic = content / "topics" / "muscle-spasms.yaml"
    topic.write_bytes(b"# changed\n" + topic.read_bytes())
    assert files_fingerprint(content) == load_library(content, grade=False).library.fingerprint
