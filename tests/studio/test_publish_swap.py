"""A publish is one step as the running kiosk sees it.

The kiosk polls its content folder every 2 s and loads it through the one content path; a load
that saw a new topic without its translation, or a changed original beside its old translation,
would be refused and written down as a "refused release" that staff then see, though nothing
was wrong. So the studio builds the new topics folder beside the live one, checks it, and
swaps the two in one rename; a load that straddles the swap is taken again.

The kiosk's loads here run in a thread of their own, and the publish lets a whole load happen
after each change it makes to the live folder (a condition, not a sleep): a publish made of
several visible steps is caught every time, not by luck of timing.
"""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest

from kiosk.content import loader
from kiosk.content.content_path import load_content
from kiosk.host import dir_exchange
from kiosk.studio import workspace
from kiosk.studio.skeleton import UNTRANSLATED, new_topic_text, translation_text
from tests.studio.conftest import TODAY

EN, ES = "leg-cramps.yaml", "leg-cramps.es.yaml"
#: How long a test waits for the kiosk's thread to finish a load before it calls it stuck.
WAIT_SECONDS = 60


def pair(answer_id: str = "days") -> tuple[str, str]:
    """A topic and its Spanish version (translated: nothing left marked), sharing ``answer_id``."""
    english = new_topic_text("leg-cramps", "Leg cramps", group="Muscles and bones", language="en", today=TODAY)
    english = english.replace("id: days", f"id: {answer_id}")
    return english, translation_text(english, "es").replace(UNTRANSLATED, "")


class Kiosk(threading.Thread):
    """Loads the live folder through the kiosk's content path, again and again, keeping every
    refusal. :meth:`one_whole_load` waits until a load that began after the call has ended."""

    def __init__(self, live: Path) -> None:
        super().__init__(daemon=True, name="kiosk-loads")
        self.live = live
        self.refused: list[list[str]] = []
        self.loads = 0
        self._done = threading.Condition()
        self._stopping = threading.Event()

    def run(self) -> None:
        while not self._stopping.is_set():
            result = load_content(self.live)
            with self._done:
                if result.library is None:
                    self.refused.append([str(p) for p in result.problems if p.severity == "error"])
                self.loads += 1
                self._done.notify_all()

    def one_whole_load(self) -> None:
        with self._done:
            target = self.loads + 2  # the load under way may have begun before the change
            assert self._done.wait_for(lambda: self.loads >= target, timeout=WAIT_SECONDS), "the kiosk's loads stopped"

    def stop(self) -> None:
        self._stopping.set()
        self.join(timeout=WAIT_SECONDS)


@pytest.fixture
def kiosk(live, monkeypatch):
    """The running kiosk, given a whole load after each step a publish takes in the live folder:
    each file written there, and the folder swap."""
    loads = Kiosk(live)
    write_atomic, exchange = workspace.write_atomic, dir_exchange.exchange

    def written(path, text, **kwargs):
        why = write_atomic(path, text, **kwargs)
        loads.one_whole_load()
        return why

    def exchanged(a, b):
        loads.one_whole_load()
        exchange(a, b)
        loads.one_whole_load()

    monkeypatch.setattr(workspace, "write_atomic", written)
    monkeypatch.setattr(dir_exchange, "exchange", exchanged)
    loads.start()
    yield loads
    loads.stop()


def publish(space, english: str, spanish: str) -> None:
    """Both files as saved in the working copy (each alone beside the other's old version may not
    load: the editor would keep it as a draft), then published."""
    space.path(EN).write_text(english, encoding="utf-8")
    space.path(ES).write_text(spanish, encoding="utf-8")
    result = space.publish()
    assert result.ok, (result.message, [str(p) for p in result.problems])
    assert sorted(result.written) == [ES, EN]


def test_a_kiosk_loading_during_a_publish_never_sees_a_refused_library(space, live, kiosk):
    assert pair()[1].count("language: es") == 1 and UNTRANSLATED not in pair()[1]
    publish(space, *pair())  # a new topic and its translation
    # Both files change an answer's id: either one alone with the other's old id is refused.
    publish(space, *pair("few-days"))
    publish(space, *pair())
    kiosk.one_whole_load()
    assert kiosk.loads > 4
    assert kiosk.refused == []
    assert (live / "topics" / ES).read_text(encoding="utf-8") == pair()[1]


def test_a_load_that_straddles_a_folder_swap_is_taken_again(live, tmp_path, monkeypatch):
    """The kiosk reads a folder file by file: a swap between two reads would mix two releases.
    The content path sees the folder changed under it and loads the new one whole."""
    topics = live / "topics"
    for name, text in zip((EN, ES), pair(), strict=True):
        (topics / name).write_text(text, encoding="utf-8")
    staged = live / ".staged"
    staged.mkdir()
    for path in topics.iterdir():
        (staged / path.name).write_bytes(path.read_bytes())
    for name, text in zip((EN, ES), pair("few-days"), strict=True):
        (staged / name).write_text(text, encoding="utf-8")
    read, swapped = loader._read, []

    def read_then_swap(path, problems, digest):
        doc = read(path, problems, digest)
        if path.name == EN and not swapped:  # the original read from one release...
            dir_exchange.exchange(topics, staged)  # ...its translation from the next
            swapped.append(path)
        return doc

    monkeypatch.setattr(loader, "_read", read_then_swap)
    result = load_content(live)
    assert swapped
    assert result.ok, [str(p) for p in result.problems if p.severity == "error"]
    assert "id: few-days" in (live / "topics" / ES).read_text(encoding="utf-8")


def test_files_the_studio_does_not_manage_stay_exactly_as_they_were(space, live):
    settings, schema = live / "kiosk.yaml", sorted((live / "schema").rglob("*"))
    other = live / "topics" / "muscle-spasms.yaml"
    hidden = live / "topics" / ".notes.txt"
    hidden.write_text("staff's own note\n", encoding="utf-8")
    os.chmod(hidden, 0o600)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode) for p in [other, hidden, *schema]
              if p.is_file()}
    settings_before = settings.stat()
    topics_mode = (live / "topics").stat().st_mode
    publish(space, *pair())
    assert settings.stat().st_ino == settings_before.st_ino  # not even copied
    assert settings.stat().st_mtime_ns == settings_before.st_mtime_ns
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode) for p in before} == before
    assert (live / "topics").stat().st_mode == topics_mode  # the kiosk's user can still read it
    assert sorted(p.name for p in live.iterdir()) == sorted(["kiosk.yaml", "schema", "topics"])


def test_a_refused_publish_leaves_nothing_behind_in_the_live_folder(space, live):
    space.create(EN, pair()[0])
    (live / "topics" / "cramps.yaml").write_text(pair()[0], encoding="utf-8")  # the kiosk would refuse this
    result = space.publish()
    assert not result.ok and "Nothing was changed" in result.message
    assert sorted(p.name for p in live.iterdir()) == sorted(["kiosk.yaml", "schema", "topics"])
    assert not (live / "topics" / EN).exists()


def test_where_folders_cannot_be_swapped_originals_are_written_before_translations(space, live, monkeypatch):
    """Some file systems refuse the swap: files are written one by one, each topic's original
    first, so a new topic is never on the kiosk as a translation without its original."""
    def refused(a, b):
        raise dir_exchange.ExchangeUnsupported(errno.EINVAL, "Invalid argument")

    order: list[str] = []
    write_atomic = workspace.write_atomic

    def written(path, text, **kwargs):
        order.append(Path(path).name)
        return write_atomic(path, text, **kwargs)

    monkeypatch.setattr(dir_exchange, "exchange", refused)
    monkeypatch.setattr(workspace, "write_atomic", written)
    space.path(ES).write_text(pair()[1], encoding="utf-8")
    space.path(EN).write_text(pair()[0], encoding="utf-8")
    result = space.publish()
    assert result.ok, result.message
    assert order == [EN, ES]
    assert "one by one" in result.message
    assert load_content(live).ok
    assert sorted(p.name for p in live.iterdir()) == sorted(["kiosk.yaml", "schema", "topics"])


def test_two_folders_swap_in_one_step(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("from a", encoding="utf-8")
    (b / "x").write_text("from b", encoding="utf-8")
    try:
        dir_exchange.exchange(a, b)
    except dir_exchange.ExchangeUnsupported:
        pytest.skip("this file system cannot swap folders (the studio writes file by file there)")
    assert (a / "x").read_text(encoding="utf-8") == "from b"
    assert (b / "x").read_text(encoding="utf-8") == "from a"


def test_a_swap_with_a_folder_that_is_not_there_raises_and_changes_nothing(tmp_path):
    a = tmp_path / "a"
    a.mkdir()
    with pytest.raises(OSError) as raised:
        dir_exchange.exchange(a, tmp_path / "missing")
    assert not isinstance(raised.value, dir_exchange.ExchangeUnsupported)
    assert raised.value.errno == errno.ENOENT
    assert a.is_dir()


def test_a_topics_folder_that_is_a_link_stays_a_link(space, live):
    """Some set-ups link ``topics`` to a folder beside it: a swap would put a folder in its place."""
    (live / "topics").rename(live / "topics-real")
    (live / "topics").symlink_to("topics-real")
    publish(space, *pair())
    assert (live / "topics").is_symlink()
    assert (live / "topics-real" / ES).read_text(encoding="utf-8") == pair()[1]
