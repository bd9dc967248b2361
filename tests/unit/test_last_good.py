"""The last good content, for a start whose content does not load (found walking the kiosk as
staff: a half-saved topic at boot left the kiosk exiting 2, restarted by systemd every two
seconds with staff's file:line list on the waiting-room screen and no emergency banner)."""

from __future__ import annotations

import io
import shutil

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
