"""KioskController: the visit and everything derived from the settings, without Textual."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from kiosk.content import readability
from kiosk.content.content_path import load_content
from kiosk.content.model import QuestionKind
from kiosk.content.staff_report import ContentState, content_status, warnings_report
from kiosk.host.clock import FakeClock
from kiosk.visit.controller import KioskController, Offer
from kiosk.visit.staff import GateStatus, hash_pin
from kiosk.visit.usage import UsageEvent
from tests.conftest import CONTENT

PIN = "2468"
FAST_HASH = hash_pin(PIN, n=2**4)


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder, ignore=shutil.ignore_patterns("var"))
    return folder


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def controller_for(folder, clock=None, **kw):
    result = load_content(folder)
    assert result.ok, result.problems
    return KioskController(result.library, clock=clock or FakeClock(), **kw)


def test_a_reload_applies_every_setting_at_the_next_visit(content, tmp_path):
    """Idle, speech, staff and data_dir all come from the new settings."""
    kiosk = controller_for(content)
    assert kiosk.idle.timeout_seconds == 90
    settings = content / "kiosk.yaml"
    edit(settings, "timeout_seconds: 90", "timeout_seconds: 33")
    edit(settings, "max_attempts: 5", "max_attempts: 2")
    settings.write_text(settings.read_text(encoding="utf-8") + f"data_dir: {tmp_path / 'elsewhere'}\n",
                        encoding="utf-8")
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("default_rate_step: 2", "default_rate_step: 1"), encoding="utf-8")
    assert kiosk.offer(load_content(content)) is Offer.WAITING
    assert kiosk.idle.timeout_seconds == 90  # not under a person
    assert kiosk.new_visit() is True
    assert kiosk.idle.timeout_seconds == 33
    assert kiosk.staff_gate.max_attempts == 2
    assert kiosk.data_dir == tmp_path / "elsewhere"
    assert kiosk.usage.path == tmp_path / "elsewhere" / "usage.sqlite3"
    assert kiosk.speech_settings.default_rate_step == 1
    assert kiosk.pending is None


def test_cli_trial_values_outlive_a_reload(content):
    from kiosk.visit.controller import IdleOverrides

    kiosk = controller_for(content, idle_overrides=IdleOverrides(timeout_seconds=7, warning_seconds=21))
    edit(content / "kiosk.yaml", "clinic_name:", "clinic_name: New")
    kiosk.offer(load_content(content))
    kiosk.new_visit()
    assert (kiosk.idle.timeout_seconds, kiosk.idle.warning_seconds) == (7, 21)


def test_broken_content_is_refused_whole_and_drops_what_waited(content):
    kiosk = controller_for(content)
    shown = kiosk.library
    edit(content / "kiosk.yaml", "clinic_name:", "clinic_name: Other #")
    assert kiosk.offer(load_content(content)) is Offer.WAITING
    (content / "kiosk.yaml").write_text("clinic_name: [oops\n", encoding="utf-8")
    assert kiosk.offer(load_content(content)) is Offer.REFUSED
    assert kiosk.pending is None and kiosk.library is shown
    assert kiosk.new_visit() is False and kiosk.library is shown
    assert all(p.line for p in kiosk.reload_problems)


def test_the_same_content_again_changes_nothing(content):
    kiosk = controller_for(content)
    assert kiosk.offer(load_content(content)) is Offer.UNCHANGED
    assert kiosk.new_visit() is False


def test_the_staff_lockout_survives_new_content(content):
    clock = FakeClock()
    from kiosk.visit.staff import set_pin_in_file

    set_pin_in_file(content / "kiosk.yaml", FAST_HASH)
    kiosk = controller_for(content, clock=clock)
    for _ in range(5):
        result = kiosk.staff_gate.try_pin("0000")
    assert result.status is GateStatus.LOCKED
    edit(content / "kiosk.yaml", "clinic_name:", "clinic_name: New")
    kiosk.offer(load_content(content))
    kiosk.new_visit()
    assert kiosk.staff_gate.try_pin(PIN).status is GateStatus.LOCKED


def test_waiting_content_may_go_live_only_when_the_visit_has_nothing_to_lose(content):
    """Pages read are not kept across content; answers begun, a chosen language and the sound
    are, so with any of them the change waits for Finish or the inactivity reset."""
    kiosk = controller_for(content)
    assert kiosk.may_go_live(sound_changed=False) is False  # nothing waits
    edit(content / "kiosk.yaml", "clinic_name:", "clinic_name: New")
    assert kiosk.offer(load_content(content)) is Offer.WAITING
    topic = kiosk.visible_topics()[0]
    kiosk.open_topic(topic.id)
    kiosk.page_read(topic.id, 3)
    assert kiosk.may_go_live(sound_changed=False) is True
    assert kiosk.may_go_live(sound_changed=True) is False
    _, session = kiosk.start_flow(topic.id)
    assert kiosk.may_go_live(sound_changed=False) is True  # opened, nothing answered
    question = session.current
    assert question is not None
    plain = next(c for c in question.choices if not c.emergency)
    if question.kind is QuestionKind.MULTI:
        session.toggle(plain.id)
    else:
        session.choose(plain.id)
    assert kiosk.may_go_live(sound_changed=False) is False
    kiosk.leave_flow()  # Back from the first question: the answers go with it
    assert kiosk.may_go_live(sound_changed=False) is True
    other = kiosk.next_language()
    assert other is not None and kiosk.choose_language(other)
    assert kiosk.may_go_live(sound_changed=False) is False
    assert kiosk.choose_language(kiosk.library.settings.languages[0])
    assert kiosk.may_go_live(sound_changed=False) is True


def test_the_staff_key_sequence_does_not_survive_a_reset(content):
    """Half the sequence pressed by one person, the rest by the next."""
    kiosk = controller_for(content)
    assert [kiosk.note_home_key(k) for k in "0-0-"] == [False] * 4
    kiosk.new_visit()
    assert kiosk.note_home_key("0") is False
    assert [kiosk.note_home_key(k) for k in "0-0-0"][-1] is True


def test_grading_does_not_keep_the_dictionary(content):
    """Staff "Content warnings" used to keep ~71 MiB for good."""
    result = load_content(content, grade=True)
    assert result.ok and result.library.grades
    assert not readability.dictionary_loaded()


def test_a_checker_bug_is_a_problem_not_an_exception(content, monkeypatch):
    import kiosk.content.loader as loader_module

    def broken(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(loader_module, "load_library", broken)  # what the one content path calls
    result = load_content(content)
    assert not result.ok and "RuntimeError: bug" in str(result.problems[0])


def test_usage_counts_go_to_the_data_folder_and_only_per_day(content):
    kiosk = controller_for(content, keep_usage=False)
    topic = kiosk.visible_topics()[0]
    kiosk.open_topic(topic.id)
    assert kiosk.usage.path is None  # --dev: memory only
    assert kiosk.usage.totals()[UsageEvent.TOPIC_VIEW] == 1


# --------------------------------------------------------------------------- the staff report


def test_staff_see_one_content_status_never_refused_and_waiting_at_once(content, shipped_library):
    kiosk = controller_for(content)
    edit(content / "kiosk.yaml", "clinic_name:", "clinic_name: New")
    kiosk.offer(load_content(content))
    waiting = content_status(kiosk.library, kiosk.pending, kiosk.reload_problems)
    assert waiting.state is ContentState.WAITING
    (content / "kiosk.yaml").write_text("clinic_name: [oops\n", encoding="utf-8")
    kiosk.offer(load_content(content))
    refused = content_status(kiosk.library, kiosk.pending, kiosk.reload_problems)
    report = warnings_report(refused)
    assert refused.state is ContentState.REFUSED
    assert "refused" in report and "waits" not in report and "No content warnings" not in report


def test_a_live_library_with_no_warnings_says_so(shipped_library):
    clean = dataclasses.replace(shipped_library, warnings=())
    report = warnings_report(content_status(clean, None, []))
    assert report.startswith("Content now shown:") and "No content warnings." in report


def test_the_pin_lockout_survives_a_restart(content, tmp_path):
    """After 5 wrong PINs, a SIGTERM and a new start gave 5 more tries."""
    from kiosk.visit.staff import set_pin_in_file

    set_pin_in_file(content / "kiosk.yaml", FAST_HASH)
    settings = content / "kiosk.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + f"data_dir: {tmp_path / 'data'}\n", encoding="utf-8")
    wall = [5_000_000.0]
    first = controller_for(content, wall_clock=lambda: wall[0])
    for _ in range(5):
        result = first.try_pin("0000")
    assert result.status is GateStatus.LOCKED
    saved = (tmp_path / "data" / "staff-lock.json").read_text()
    assert PIN not in saved and "0000" not in saved and "scrypt" not in saved
    wall[0] += 60  # a restart a minute later, with a fresh monotonic clock
    second = controller_for(content, clock=FakeClock(start=5.0), wall_clock=lambda: wall[0])
    assert second.try_pin(PIN).status is GateStatus.LOCKED
    wall[0] += 300
    third = controller_for(content, clock=FakeClock(start=5.0), wall_clock=lambda: wall[0])
    assert third.try_pin(PIN).status is GateStatus.OK
    assert third.staff_gate.wrong_count == 0  # a lock that ran out gives the full tries again


def test_drafts_are_listed_for_staff_with_who_wrote_them_and_marked_on_the_topic_list(shipped_library):
    from kiosk.content.model import ReviewStatus
    from kiosk.content.staff_report import draft_lines, topic_marks

    first, *rest = shipped_library.topics
    draft = first.model_copy(update={"review": first.review.model_copy(update={"status": ReviewStatus.DRAFT})})
    reviewed = [t.model_copy(update={"review": t.review.model_copy(update={"status": ReviewStatus.REVIEWED})})
                for t in rest]
    lines = draft_lines([draft, *reviewed])
    assert lines[0].startswith("Drafts no clinician has reviewed yet (1;")
    assert lines[1:] == [f"  {draft.id} ({draft.language}): {draft.title}, by {draft.review.by} "
                         f"on {draft.review.on.isoformat()}"]
    assert draft_lines(reviewed) == []
    assert topic_marks([draft, *reviewed])[draft.id] == ["draft"]
    assert topic_marks(reviewed) == {t.id: [] for t in reviewed}
    report = warnings_report(content_status(dataclasses.replace(shipped_library, warnings=()), None, []),
                             drafts=lines)
    assert lines[1] in report
