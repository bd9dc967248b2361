"""ContentWatcher with inotify: the kernel says when content changed, so an untouched kiosk
never looks; the content folder may be replaced whole (a rename), and watches follow it."""

from __future__ import annotations

import os
import select

import pytest

from kiosk.content.watch import ContentWatcher, file_system_type, why_polled
from kiosk.host import inotify

pytestmark = pytest.mark.skipif(inotify.available() is not None, reason="no inotify on this machine")


def make_content(folder):
    (folder / "topics").mkdir(parents=True)
    (folder / "kiosk.yaml").write_text("clinic_name: A\n", encoding="utf-8")
    (folder / "topics" / "a.yaml").write_text("id: a\n", encoding="utf-8")
    return folder


def noticed(watcher: ContentWatcher, deadline: float = 5.0) -> bool:
    """Wait (up to the deadline) for the descriptor, then whether the events are content's."""
    fd = watcher.fileno()
    assert fd is not None
    readable, _, _ = select.select([fd], [], [], deadline)
    return bool(readable) and watcher.events()


def quiet(watcher: ContentWatcher) -> bool:
    """Nothing relevant queued (the events already there are read, never waited for)."""
    fd = watcher.fileno()
    readable, _, _ = select.select([fd], [], [], 0)
    return not readable or not watcher.events()


@pytest.fixture
def watcher(tmp_path):
    w = ContentWatcher(make_content(tmp_path / "content"))
    yield w
    w.close()


def test_a_local_folder_is_watched_by_the_kernel_not_polled(watcher):
    assert watcher.fileno() is not None and watcher.polled_because is None
    assert quiet(watcher)


def test_a_saved_topic_is_noticed_and_then_seen_as_a_change(watcher):
    (watcher.root / "topics" / "a.yaml").write_text("id: a\ntitle: New\n", encoding="utf-8")
    assert noticed(watcher)
    assert watcher.changed() is True


def test_a_new_folder_of_topics_is_watched_too(watcher):
    (watcher.root / "topics" / "more").mkdir()
    assert noticed(watcher)
    (watcher.root / "topics" / "more" / "b.yaml").write_text("id: b\n", encoding="utf-8")
    assert noticed(watcher)
    assert watcher.changed() is True


def test_files_that_are_not_content_wake_nothing(watcher):
    data = watcher.root / "var"
    data.mkdir()
    assert noticed(watcher)  # a new folder: watched from now on
    for name in ("usage.sqlite3", "kiosk.log", ".a.yaml.swp"):
        (data / name).write_text("x", encoding="utf-8")
    (watcher.root / "topics" / ".a.yaml.swp").write_text("editor swap", encoding="utf-8")
    assert quiet(watcher)


def test_a_folder_replaced_whole_by_a_rename_is_noticed_and_followed(tmp_path, watcher):
    new = make_content(tmp_path / "content.new")
    (new / "kiosk.yaml").write_text("clinic_name: Newer\n", encoding="utf-8")
    os.rename(watcher.root, tmp_path / "content.old")
    os.rename(new, watcher.root)
    assert noticed(watcher)
    assert watcher.changed() is True
    (watcher.root / "topics" / "a.yaml").write_text("id: a\ntitle: In the new folder\n", encoding="utf-8")
    assert noticed(watcher)  # the watches moved to the new folder
    (tmp_path / "content.old" / "kiosk.yaml").write_text("clinic_name: Old\n", encoding="utf-8")
    assert quiet(watcher)  # the old one is no longer the content


def test_a_link_swapped_to_a_new_release_is_noticed_and_followed(tmp_path):
    one, two = make_content(tmp_path / "releases" / "1"), make_content(tmp_path / "releases" / "2")
    link = tmp_path / "content"
    link.symlink_to(one)
    w = ContentWatcher(link)
    try:
        (two / "kiosk.yaml").write_text("clinic_name: Two\n", encoding="utf-8")
        (tmp_path / "content.tmp").symlink_to(two)
        os.replace(tmp_path / "content.tmp", link)  # deploy/update-content.sh: one atomic rename
        assert noticed(w)
        assert w.changed() is True
        (two / "topics" / "a.yaml").write_text("id: a\ntitle: Two\n", encoding="utf-8")
        assert noticed(w)
    finally:
        w.close()


def test_a_deleted_folder_that_comes_back_is_noticed(tmp_path, watcher):
    import shutil

    shutil.rmtree(watcher.root)
    assert noticed(watcher)
    assert watcher.changed() is True
    make_content(watcher.root)
    assert noticed(watcher)
    assert watcher.changed() is True


def test_without_inotify_the_watcher_is_polled(tmp_path):
    w = ContentWatcher(make_content(tmp_path / "content"), use_inotify=False)
    assert w.fileno() is None and w.polled_because


def test_the_file_system_type_is_read_and_local_ones_are_not_polled(tmp_path):
    assert file_system_type(tmp_path)
    assert why_polled(tmp_path) is None
