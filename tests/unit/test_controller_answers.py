"""KioskController.answer and friends: every change to the visit's flow goes through the
controller, with no Textual (the screens only post intents for these)."""

from __future__ import annotations

import pytest

from kiosk.host.clock import FakeClock
from kiosk.visit.controller import Answered, KioskController, Reply
from kiosk.visit.flow import Outcome

TOPIC = "muscle-spasms"


@pytest.fixture
def kiosk(shipped_library):
    return KioskController(shipped_library, clock=FakeClock())


def start(kiosk: KioskController):
    _topic, session = kiosk.start_flow(TOPIC)
    return session


def current_id(kiosk: KioskController) -> str | None:
    question = kiosk.visit.flow.current if kiosk.visit.flow else None
    return question.id if question else None


def to_body_parts(kiosk: KioskController) -> None:
    """Answer safely up to the first multi-choice question."""
    for choice in ("none", "none", "no", "back"):
        kiosk.answer(Reply.CHOOSE, choice)
    assert current_id(kiosk) == "body-parts"


def test_a_single_choice_answer_goes_on_to_the_next_question(kiosk):
    start(kiosk)
    assert kiosk.answer(Reply.CHOOSE, "none") == Answered(Outcome.CONTINUE)
    assert current_id(kiosk) == "danger-signs-2"
    assert [a.choice_ids for a in kiosk.visit.flow.answers] == [("none",)]


def test_a_red_flag_answer_stops_the_flow_and_names_the_answer_K_C2(kiosk):
    start(kiosk)
    answered = kiosk.answer(Reply.CHOOSE, "chest-pain")
    assert answered is not None
    assert answered.outcome is Outcome.EMERGENCY
    assert len(answered.red_flags) == 1 and "chest" in answered.red_flags[0].lower()
    assert current_id(kiosk) is None


def test_a_box_ticks_in_place_and_done_goes_on(kiosk):
    start(kiosk)
    to_body_parts(kiosk)
    assert kiosk.answer(Reply.TOGGLE, "calf") == Answered(Outcome.CONTINUE, ticked="calf")
    assert kiosk.visit.flow.selected == {"calf"}
    assert kiosk.answer(Reply.TOGGLE, "calf") == Answered(Outcome.CONTINUE, ticked="calf")
    assert kiosk.visit.flow.selected == frozenset()
    kiosk.answer(Reply.TOGGLE, "foot-toes")
    assert kiosk.answer(Reply.DONE) == Answered(Outcome.CONTINUE)
    assert current_id(kiosk) == "how-long-had"


def test_done_with_nothing_ticked_is_refused_in_the_visits_language_K_S9(kiosk):
    start(kiosk)
    to_body_parts(kiosk)
    answered = kiosk.answer(Reply.DONE)
    assert answered is not None
    assert answered.outcome is Outcome.CONTINUE and answered.ticked == ""
    assert kiosk.visit.flow.current.prompt in answered.refused
    assert current_id(kiosk) == "body-parts"  # nothing changed


def test_not_sure_and_skip_are_answers(kiosk):
    start(kiosk)
    for choice in ("none", "none"):
        kiosk.answer(Reply.CHOOSE, choice)
    assert current_id(kiosk) == "dialysis"
    assert kiosk.answer(Reply.NOT_SURE) == Answered(Outcome.CONTINUE)
    assert current_id(kiosk) == "sleep-position"
    assert kiosk.answer(Reply.SKIP) == Answered(Outcome.CONTINUE)
    answers = kiosk.visit.flow.answers
    assert answers[-2].not_sure and answers[-1].skipped


def test_back_keeps_the_answers_and_leaves_the_flow_from_the_first_question_K_I4(kiosk):
    start(kiosk)
    kiosk.answer(Reply.CHOOSE, "none")
    assert kiosk.flow_back() is True
    assert current_id(kiosk) == "danger-signs-1"
    assert kiosk.visit.flow.selected == {"none"}  # the earlier answer is kept
    assert kiosk.flow_back() is False
    assert kiosk.visit.flow is None and kiosk.visit.flow_topic is None


def test_no_flow_under_way_means_an_answer_changes_nothing(kiosk):
    assert kiosk.answer(Reply.CHOOSE, "none") is None
    start(kiosk)
    kiosk.answer(Reply.CHOOSE, "chest-pain")
    assert kiosk.answer(Reply.CHOOSE, "none") is None  # the emergency page is on top


def test_returning_to_the_questions_unchooses_the_red_flag(kiosk):
    start(kiosk)
    kiosk.answer(Reply.CHOOSE, "chest-pain")
    kiosk.return_to_question()
    assert current_id(kiosk) == "danger-signs-1"
    assert kiosk.visit.flow.outcome is Outcome.CONTINUE
    kiosk.return_to_question()  # already on a question: nothing moves
    assert current_id(kiosk) == "danger-signs-1"


def answer_every_question(kiosk: KioskController) -> None:
    session = kiosk.visit.flow
    for _ in range(40):
        question = session.current
        if question is None:
            return
        if question.kind.value == "multi":
            kiosk.answer(Reply.TOGGLE, question.choices[-1].id)
            kiosk.answer(Reply.DONE)
        else:
            kiosk.answer(Reply.CHOOSE, question.choices[-1].id)
    raise AssertionError("the flow did not end")


def test_the_last_answer_ends_the_flow_and_the_review_can_change_one_K_I4(kiosk):
    start(kiosk)
    answer_every_question(kiosk)
    session = kiosk.visit.flow
    assert session.outcome is Outcome.DONE
    kiosk.return_to_question()  # Back from the review: the last question again
    assert session.outcome is Outcome.CONTINUE and current_id(kiosk) == session.flow.questions[-1].id
    assert kiosk.answer(Reply.CHOOSE, "no") == Answered(Outcome.DONE)
    kiosk.edit_answer("dialysis")
    assert current_id(kiosk) == "dialysis" and session.editing
    assert kiosk.answer(Reply.CHOOSE, "yes") == Answered(Outcome.DONE)  # the rest is answered
    assert {a.question.id: a.choice_ids for a in session.answers}["dialysis"] == ("yes",)


def test_an_answer_after_a_new_visit_does_not_reach_the_next_person_K_P1(kiosk):
    start(kiosk)
    kiosk.new_visit()
    assert kiosk.answer(Reply.CHOOSE, "none") is None
    assert kiosk.flow_back() is False
