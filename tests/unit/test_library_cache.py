"""The validated-library cache: a start on unchanged content skips the load; any change, even
one of the same size, is refused by the content's hash and loaded (and judged) afresh."""

from __future__ import annotations

import io
import os
import shutil
import threading

import pytest

from kiosk.content import content_path, library_cache
from kiosk.content.content_path import load_for_start
from tests.conftest import CONTENT


@pytest.fixture
def content(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # a data folder of this test's own
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    return folder


@pytest.fixture
def loads(monkeypatch):
    """Counts the real loads (the one content path) a start makes."""
    calls = []
    real = content_path.load_content

    def counting(root, **kw):
        calls.append(root)
        return real(root, **kw)

    monkeypatch.setattr(content_path, "load_content", counting)
    return calls


def start(content):
    library = load_for_start(content, stream=io.StringIO(), dev=True)
    for thread in threading.enumerate():  # the last good copy and the cache are kept in a thread
        if thread.name == "keep-last-good":
            thread.join()
    return library


def test_a_second_start_on_unchanged_content_comes_from_the_cache(content, loads):
    first = start(content)
    second = start(content)
    assert len(loads) == 1
    assert second is not None and second.fingerprint == first.fingerprint
    assert [t.id for t in second.topics] == [t.id for t in first.topics] and second.root == content


def test_an_edit_of_the_same_size_is_refused_by_the_hash_and_loaded(content, loads):
    start(content)
    settings = content / "kiosk.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("Riverside", "Riversidf"), encoding="utf-8")
    st = settings.stat()
    os.utime(settings, ns=(st.st_atime_ns, st.st_mtime_ns))
    library = start(content)
    assert len(loads) == 2 and library is not None and library.settings.clinic_name.startswith("Riversidf")


def test_a_broken_file_after_a_cached_start_is_never_served_from_the_cache(content, loads):
    start(content)
    topic = content / "topics" / "muscle-spasms.yaml"
    topic.write_bytes(topic.read_bytes()[:700])  # half-saved
    out = io.StringIO()
    library = load_for_start(content, stream=out, dev=True)
    assert len(loads) == 2
    assert "muscle-spasms.yaml:" in out.getvalue()  # judged afresh: its problems are said
    assert library is None or library.from_last_good


def test_a_damaged_cache_is_a_miss_not_an_error(content, loads):
    start(content)
    cache = library_cache.cache_file(content, dev=True)
    cache.write_bytes(cache.read_bytes()[:1000])
    assert start(content) is not None and len(loads) == 2


def test_a_topic_that_is_a_link_is_never_cached(content):
    (content / "topics" / "linked.yaml").symlink_to(content / "topics" / "muscle-spasms.yaml")
    assert library_cache.content_key(content) is None
