"""The studio's files: skeletons that load, translations that keep the ids, drafts that never
replace a good file, and a publish that is all or nothing. No Textual here."""

from __future__ import annotations

import re

import pytest

from kiosk.content.content_path import load_content
from kiosk.content.model import Severity
from kiosk.studio.library_rows import library_state
from kiosk.studio.skeleton import UNTRANSLATED, new_topic_text, translation_text, untranslated_lines
from tests.studio.conftest import TODAY

NEW = "leg-cramps.yaml"


def skeleton(title="Leg cramps", language="en"):
    return new_topic_text("leg-cramps", title, group="Muscles and bones", language=language, today=TODAY)


def test_a_new_topic_skeleton_loads_as_written_with_every_field_present(space):
    check = space.check(NEW, skeleton())
    assert check.loads, [str(p) for p in check.problems]
    assert check.errors == []
    topic = check.library.topic("leg-cramps")
    assert topic.review.status == "draft"  # a new topic is never shown as reviewed
    assert topic.enabled is False  # placeholder words never reach a patient by accident
    for field in ("summary:", "group:", "pages:", "more:", "red_flags:", "flow:", "glossary:", "sources:",
                  "review:", "enabled:"):
        assert field in skeleton()


def test_a_title_with_quotes_and_a_colon_still_loads(space):
    assert space.check(NEW, skeleton(title='Cramps: "charley horse"')).loads


def test_a_translation_keeps_every_id_and_marks_every_text(space):
    space.create(NEW, skeleton())
    text = translation_text(skeleton(), "es")
    check = space.check("leg-cramps.es.yaml", text)
    assert check.loads, [str(p) for p in check.errors]
    spanish = check.library.topic("leg-cramps", "es")
    assert spanish.title == UNTRANSLATED + "Leg cramps"
    assert [c.id for c in spanish.flow.questions[0].choices] == ["days", "weeks"]
    untranslated = [p for p in check.problems if "untranslated" in p.message]
    assert len(untranslated) == len(untranslated_lines(text)) > 10
    assert {p.severity for p in untranslated} == {Severity.WARNING}


def test_the_shipped_topic_translates_to_a_file_that_loads(space):
    text = translation_text(space.read("muscle-spasms.yaml"), "fr")
    assert "language: fr" in text
    check = space.check("muscle-spasms.es.yaml", translation_text(space.read("muscle-spasms.yaml"), "es"))
    assert check.loads, [str(p) for p in check.errors][:5]


# --- a nurse's mistakes, each named on its line in plain words -------------------------------
MISTAKES = {
    "misspelt field": (("summary: What", "sumary: What"), "sumary", "did you mean 'summary'?"),
    "date in the wrong form": (("  on: 2026-12-04", "  on: 04/12/2026"), "review.on", "YYYY-MM-DD"),
    "wrong indent": (("    body: |\n      Write a few", "    body: |\n  Write a few"), "(syntax)", ""),
    "missing answer summary": (("          summary: a few days\n", ""), "summary", "is required but missing"),
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_a_nurses_mistake_is_named_on_its_line(space, mistake):
    (old, new), field, words = MISTAKES[mistake]
    text = skeleton()
    assert old in text
    check = space.check(NEW, text.replace(old, new, 1))
    assert not check.loads
    named = [e for e in check.errors if field in e.field and words in e.message]
    assert named, [str(e) for e in check.errors]
    assert named[0].line is not None and named[0].file.endswith(NEW)


def test_a_spanish_file_whose_answer_ids_differ_is_refused_naming_the_id(space):
    space.create(NEW, skeleton())
    text = translation_text(skeleton(), "es").replace("id: days", "id: dias")
    check = space.check("leg-cramps.es.yaml", text)
    assert not check.loads
    assert any("'dias'" in p.message and p.line for p in check.errors)


# --- saving -----------------------------------------------------------------------------------
def test_saving_text_that_does_not_load_keeps_it_as_a_draft_and_the_file_untouched(space):
    space.create(NEW, skeleton())
    good = space.path(NEW).read_text(encoding="utf-8")
    saved = space.save(NEW, good.replace("summary: What", "sumary: What"))
    assert not saved.written
    assert space.path(NEW).read_text(encoding="utf-8") == good
    assert space.has_draft(NEW)
    assert "sumary" in space.read(NEW)  # staff reopen their draft, not the old file
    assert load_content(space.work).ok  # the kiosk never reads a draft


def test_saving_text_that_loads_writes_the_file_and_drops_the_draft(space):
    space.create(NEW, skeleton())
    text = space.read(NEW)
    space.save(NEW, text.replace("summary: What", "sumary: What"))
    saved = space.save(NEW, text.replace("Write a few short sentences here.", "Cramps hurt."))
    assert saved.written and not space.has_draft(NEW)
    assert "Cramps hurt." in space.path(NEW).read_text(encoding="utf-8")


def test_a_new_file_never_replaces_one_already_there(space):
    with pytest.raises(FileExistsError):
        space.create("muscle-spasms.yaml", skeleton())


# --- publishing -------------------------------------------------------------------------------
def test_publish_writes_the_changed_files_into_the_live_folder(space, live):
    space.create(NEW, skeleton())
    result = space.publish()
    assert result.ok, result.message
    assert result.written == [NEW]
    assert (live / "topics" / NEW).read_text(encoding="utf-8") == space.path(NEW).read_text(encoding="utf-8")
    assert load_content(live).ok
    assert space.unpublished() == []


def test_publish_refuses_texts_still_untranslated_and_changes_nothing(space, live):
    space.create(NEW, skeleton())
    space.create("leg-cramps.es.yaml", translation_text(skeleton(), "es"))
    result = space.publish()
    assert not result.ok
    assert "still marked untranslated" in result.message
    assert not (live / "topics" / NEW).exists()


def test_publish_refuses_a_library_the_kiosk_would_refuse_and_says_why(space, live):
    space.create(NEW, skeleton())
    # Someone copied a file straight into the live folder under another name: the kiosk would
    # refuse the library, so publishing must not add to it.
    (live / "topics" / "cramps.yaml").write_text(skeleton(), encoding="utf-8")
    before = sorted(p.name for p in (live / "topics").iterdir())
    result = space.publish()
    assert not result.ok
    assert "Nothing was changed" in result.message
    assert any(p.file.endswith("cramps.yaml") and p.line and "does not match the file name" in p.message
               for p in result.problems)
    assert sorted(p.name for p in (live / "topics").iterdir()) == before


def test_nothing_to_publish_says_so(space):
    result = space.publish()
    assert result.ok and "Nothing to publish" in result.message


# --- the library view -------------------------------------------------------------------------
def test_the_library_flags_a_missing_language_a_draft_and_the_review(space):
    space.create(NEW, skeleton())
    space.save(NEW, skeleton().replace("summary: What", "sumary: What"))
    rows = {row.topic_id: row for row in library_state(space, today=TODAY).rows}
    row = rows["leg-cramps"]
    assert row.languages == ["en"] and row.missing == ["es"]
    assert "draft" in row.state
    assert row.review.startswith("needs review")
    assert row.on == "off"
    shipped = rows["muscle-spasms"]
    assert shipped.languages == ["en", "es"] and shipped.missing == []
    assert shipped.reading.startswith("grade ")


# --- publishing into a git clone of the content repository ------------------------------------
def _git(folder, *args):
    import subprocess

    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, text=True).stdout


def test_publish_into_a_git_clone_commits_naming_the_topic_and_pushes(space, live, tmp_path):
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    remote = tmp_path / "remote.git"
    _git(tmp_path, "init", "-q", "--bare", str(remote))
    _git(live, "init", "-q", "-b", "main")
    _git(live, "-c", "user.name=Test", "-c", "user.email=t@example.org", "add", ".")
    _git(live, "-c", "user.name=Test", "-c", "user.email=t@example.org", "commit", "-qm", "content")
    _git(live, "remote", "add", "origin", str(remote))
    _git(live, "push", "-q", "-u", "origin", "main")
    _git(live, "config", "user.name", "Nurse educator")
    _git(live, "config", "user.email", "nurse@example.org")
    space.create(NEW, skeleton())
    result = space.publish()
    assert result.ok, result.message
    assert "pushed to origin/main" in result.message
    assert _git(remote, "log", "-1", "--format=%s", "main").strip() == "Studio: publish leg-cramps.yaml"
    assert "topics/leg-cramps.yaml" in _git(remote, "show", "--name-only", "--format=", "main")


def test_a_failed_push_says_so_and_keeps_the_commit(space, live, tmp_path):
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    _git(live, "init", "-q", "-b", "main")
    _git(live, "config", "user.name", "Nurse educator")
    _git(live, "config", "user.email", "nurse@example.org")
    _git(live, "add", ".")
    _git(live, "commit", "-qm", "content")
    _git(live, "remote", "add", "origin", str(tmp_path / "gone.git"))
    _git(live, "config", "branch.main.remote", "origin")
    _git(live, "config", "branch.main.merge", "refs/heads/main")
    space.create(NEW, skeleton())
    result = space.publish()
    assert not result.ok
    assert "the push to origin/main failed" in result.message and "Push again" in result.message
    assert (live / "topics" / NEW).is_file()
    assert _git(live, "log", "-1", "--format=%s").strip() == "Studio: publish leg-cramps.yaml"


def test_reopening_takes_the_live_settings_and_new_live_topics_but_keeps_staffs_work(space, live):
    space.create(NEW, skeleton())
    mine = space.path("muscle-spasms.yaml")
    mine.write_text(re.sub(r"^title: .*$", "title: Spasms", mine.read_text(encoding="utf-8"), count=1, flags=re.M),
                    encoding="utf-8")
    (live / "topics" / "cramps.yaml").write_text(skeleton().replace("id: leg-cramps", "id: cramps"),
                                                 encoding="utf-8")
    settings = live / "kiosk.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("max_reading_grade: 8.0",
                                                                     "max_reading_grade: 7.0"), encoding="utf-8")
    again = type(space).open(space.live, space.work)
    assert (again.work / "kiosk.yaml").read_text(encoding="utf-8") == settings.read_text(encoding="utf-8")
    assert again.path("cramps.yaml").is_file()
    assert "title: Spasms" in again.read("muscle-spasms.yaml")
    assert again.path(NEW).is_file()


def test_a_working_copy_that_cannot_be_written_is_one_line_for_staff(live, tmp_path, capsys):
    from kiosk.studio.launch import run_studio

    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder", encoding="utf-8")
    assert run_studio(live, blocked / "work", pin=False) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--work DIR" in err


def test_a_topic_written_first_in_spanish_is_an_original_in_spanish(space):
    from kiosk.studio.reading import page_readings
    from kiosk.studio.workspace import topic_in

    saved = space.create(NEW, skeleton(title="Calambres", language="es"))
    assert saved.written, [str(p) for p in saved.check.errors]
    topic = topic_in(saved.check.library, NEW)
    assert topic.language == "es"
    assert "INFLESZ" in page_readings(topic)[0].score  # graded on the Spanish scale, not the English one
    row = next(r for r in library_state(space, today=TODAY).rows if r.topic_id == "leg-cramps")
    assert row.languages == ["es"] and row.missing == ["en"]
    assert "INFLESZ" in row.reading


def test_a_release_the_kiosk_took_since_replaces_what_staff_never_changed_and_is_never_published_back(live, tmp_path):
    """A working copy made before an update must not hold the old topic: reopening takes the new
    one, and publishing a new topic never writes the old text back over the kiosk's release."""
    from kiosk.studio.workspace import Workspace

    work = tmp_path / "work"
    first = Workspace.open(live, work)
    name = "muscle-spasms.yaml"
    updated = re.sub(r"^title: .*$", "title: Updated by the release", (live / "topics" / name).read_text(
        encoding="utf-8"), count=1, flags=re.M)
    (live / "topics" / name).write_text(updated, encoding="utf-8")  # the update service took a release
    assert first.unpublished() == []  # staff changed nothing: nothing of theirs to publish
    again = Workspace.open(live, work)
    assert "title: Updated by the release" in again.read(name)
    first.publish()  # an old studio window publishing: still nothing of the old text goes out
    assert (live / "topics" / name).read_text(encoding="utf-8") == updated
