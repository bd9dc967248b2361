"""The release record: which content is live and which was last refused, kept in the kiosk's
data folder so staff mode can say it after the update service's journal has scrolled away."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat

from kiosk.cli import main
from kiosk.content import release_record
from kiosk.content.model import Problem
from tests.conftest import CONTENT

AT = dt.datetime(2026, 12, 4, 21, 0, tzinfo=dt.UTC)


def test_a_refusal_is_kept_with_its_errors_relative_to_the_release(tmp_path, monkeypatch):
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path / "state"))
    release = tmp_path / "releases" / ".incoming.abc"
    problems = [Problem(file=str(release / "topics" / "x.yaml"), line=3, field="title", message="is missing"),
                Problem(file=str(release / "kiosk.yaml"), line=None, field="languages", message="hm",
                        severity="warning")]
    assert release_record.record_refused(release, "git-0123456789ab", problems, now=AT) is None
    record = release_record.read(release)
    assert record.refused is not None and record.live is None
    assert record.refused.name == "git-0123456789ab" and record.refused.at == AT
    # a deleted temporary folder means nothing to staff: the file inside the release is named
    assert record.refused.errors == ("topics/x.yaml:3: title: is missing",)
    path = tmp_path / "state" / release_record.FOLDER / release_record.FILE
    assert json.loads(path.read_text(encoding="utf-8"))["refused"]["name"] == "git-0123456789ab"
    # readable by the kiosk when the update service wrote it, and the other way round
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_going_live_keeps_the_refusal_and_the_first_date_of_the_same_release(tmp_path, monkeypatch):
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path / "state"))
    content = tmp_path / "content"
    release_record.record_refused(content, "git-bad", [Problem(file="k", line=1, field="f", message="m")], now=AT)
    release_record.record_live(content, "git-good", now=AT + dt.timedelta(minutes=5))
    release_record.record_live(content, "git-good", now=AT + dt.timedelta(hours=3))  # a restart
    record = release_record.read(content)
    assert record.live == release_record.Release("git-good", AT + dt.timedelta(minutes=5))
    assert record.refused is not None and record.refused.name == "git-bad"


def test_a_damaged_or_missing_record_reads_as_empty(tmp_path, monkeypatch):
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path / "state"))
    assert release_record.read(tmp_path) == release_record.ReleaseRecord()
    path = release_record.record_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text('{"refused": {"name": 3', encoding="utf-8")
    assert release_record.read(tmp_path) == release_record.ReleaseRecord()


def test_an_unwritable_data_folder_is_words_not_an_exception(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("STATE_DIRECTORY", str(blocker / "state"))
    why = release_record.record_live(tmp_path, "x", now=AT)
    assert why is not None and str(blocker) in why


def test_a_release_is_named_by_its_folder_behind_the_link_or_by_its_fingerprint(tmp_path):
    release = tmp_path / "releases" / "git-0123456789ab"
    shutil.copytree(CONTENT, release, ignore=shutil.ignore_patterns("var"))
    link = tmp_path / "content"
    os.symlink(release, link)
    assert release_record.release_name(link) == "git-0123456789ab"
    named = release_record.release_name(release)
    assert named.startswith("folder ") and len(named) == len("folder ") + 12
    (release / "topics" / "muscle-spasms.yaml").write_text("id: changed\n", encoding="utf-8")
    assert release_record.release_name(release) != named  # another content, another name


def test_kiosk_validate_record_keeps_a_refusal_and_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path / "state"))
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns("var"))
    settings = content / "kiosk.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "bogus_key: 1\n", encoding="utf-8")
    assert main(["validate", "--record", "--release", "git-feedfacecafe", str(content)]) == 2
    refused = release_record.read(content).refused
    assert refused is not None and refused.name == "git-feedfacecafe"
    assert any(e.startswith("kiosk.yaml:") and "bogus_key" in e for e in refused.errors), refused.errors
    assert "refusal recorded" in capsys.readouterr().err


def test_kiosk_validate_record_refuses_a_data_folder_inside_the_release(tmp_path, monkeypatch):
    """Usage counts and this record must outlive a content update: a relative data_dir is refused."""
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path / "state"))
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns("var"))
    settings = content / "kiosk.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "data_dir: var\n", encoding="utf-8")
    assert main(["validate", str(content)]) == 0  # a preview may keep its data beside the content
    assert main(["validate", "--record", str(content)]) == 2
    refused = release_record.read(content).refused
    assert refused is not None and refused.name.startswith("folder ")
    assert [e for e in refused.errors if e.startswith("kiosk.yaml:") and "data_dir" in e]


def test_kiosk_validate_record_without_data_dir_passes(tmp_path, monkeypatch):
    """The shipped kiosk.yaml leaves data_dir out: the kiosk's own data folder is used."""
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path / "state"))
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns("var"))
    assert "\ndata_dir:" not in (content / "kiosk.yaml").read_text(encoding="utf-8")
    assert main(["validate", "--record", str(content)]) == 0
    assert release_record.read(content).refused is None
