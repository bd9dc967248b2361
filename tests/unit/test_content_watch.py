"""ContentWatcher: staff edits in content/ are noticed by polling, once per change."""

from __future__ import annotations

import os
import shutil

from kiosk.content.watch import ContentWatcher, content_signature


def bump(path, seconds: int = 2) -> None:
    """Move a file's mtime on, as a later save would."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + seconds * 1_000_000_000))


def make_content(tmp_path):
    root = tmp_path / "content"
    (root / "topics").mkdir(parents=True)
    (root / "kiosk.yaml").write_text("clinic_name: A\n", encoding="utf-8")
    (root / "topics" / "a.yaml").write_text("id: a\n", encoding="utf-8")
    return root


def test_no_change_means_no_reload(tmp_path):
    watcher = ContentWatcher(make_content(tmp_path))
    assert watcher.changed() is False
    assert watcher.changed() is False


def test_an_edit_is_reported_once(tmp_path):
    root = make_content(tmp_path)
    watcher = ContentWatcher(root)
    (root / "kiosk.yaml").write_text("clinic_name: B\n", encoding="utf-8")
    bump(root / "kiosk.yaml")
    assert watcher.changed() is True
    assert watcher.changed() is False


def test_same_size_edit_is_seen_by_its_mtime(tmp_path):
    root = make_content(tmp_path)
    watcher = ContentWatcher(root)
    (root / "kiosk.yaml").write_text("clinic_name: C\n", encoding="utf-8")  # same size as "A"
    bump(root / "kiosk.yaml")
    assert watcher.changed() is True


def test_a_new_a_renamed_and_a_deleted_topic_file_are_seen(tmp_path):
    root = make_content(tmp_path)
    watcher = ContentWatcher(root)
    (root / "topics" / "b.yml").write_text("id: b\n", encoding="utf-8")
    assert watcher.changed() is True
    (root / "topics" / "b.yml").rename(root / "topics" / "c.yml")
    assert watcher.changed() is True
    (root / "topics" / "c.yml").unlink()
    assert watcher.changed() is True
    assert watcher.changed() is False


def test_a_half_written_file_then_the_finished_file_are_two_changes(tmp_path):
    root = make_content(tmp_path)
    watcher = ContentWatcher(root)
    topic = root / "topics" / "a.yaml"
    topic.write_text("id: a\ntitle: Half", encoding="utf-8")
    bump(topic)
    assert watcher.changed() is True
    topic.write_text("id: a\ntitle: Half written, now whole\n", encoding="utf-8")
    bump(topic, 4)
    assert watcher.changed() is True


def test_files_the_kiosk_writes_itself_are_not_content_changes(tmp_path):
    """The usage database, its WAL, the log and disabled-topics.txt live in the data folder."""
    root = make_content(tmp_path)
    watcher = ContentWatcher(root)
    data = root / "var"
    data.mkdir()
    for name in ("usage.sqlite3", "usage.sqlite3-wal", "kiosk.log", "disabled-topics.txt", "notes.txt"):
        (data / name).write_text("x", encoding="utf-8")
    (root / "topics" / ".a.yaml.swp").write_text("editor swap", encoding="utf-8")
    assert watcher.changed() is False


def test_a_missing_or_vanishing_folder_never_raises(tmp_path):
    assert content_signature(tmp_path / "nowhere") == frozenset()
    root = make_content(tmp_path)
    watcher = ContentWatcher(root)
    shutil.rmtree(root)
    assert watcher.changed() is True  # everything went: the loader then reports it
    assert watcher.changed() is False
    make_content(tmp_path)
    assert watcher.changed() is True


def test_signature_names_files_relative_to_the_root(tmp_path):
    root = make_content(tmp_path)
    names = {name for name, _size, _mtime in content_signature(root)}
    assert names == {"kiosk.yaml", os.path.join("topics", "a.yaml")}
