"""FlowSession: routing, Back, edit from review, red flags, refusals, progress and summary.

Flows are built here from compact dicts, so each test shows the shape it walks.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content.flow_check import flow_problems
from kiosk.content.model import END, Flow, QuestionKind, Topic
from kiosk.content.yaml_source import parse_yaml
from kiosk.visit.flow import (
    Answer,
    AnswerRequired,
    FlowSession,
    Outcome,
    Progress,
    SummaryLine,
    join_phrases,
)

REAL_TOPIC = Path(__file__).resolve().parents[2] / "content" / "topics" / "muscle-spasms.yaml"


# --------------------------------------------------------------------------- builders


def c(choice_id: str, **extra) -> dict:
    """A choice: label and summary made from the id ("left-calf" -> "Left calf" / "left calf")."""
    words = choice_id.replace("-", " ")
    return {"id": choice_id, "label": words.capitalize(), "summary": words, **extra}


def q(question_id: str, *choices: str | dict, kind: str = "single", **extra) -> dict:
    """A question; plain strings become choices."""
    return {
        "id": question_id,
        "prompt": f"{question_id.replace('-', ' ').capitalize()}?",
        "summary_label": question_id.replace("-", " ").capitalize(),
        "kind": kind,
        "choices": [c(x) if isinstance(x, str) else x for x in choices],
        **extra,
    }


def make_flow(*questions: dict) -> Flow:
    flow = Flow(title="Test flow", intro="A few questions.", questions=list(questions))
    assert list(flow_problems(flow)) == []
    return flow


def route(session: FlowSession) -> list[str]:
    return [a.question.id for a in session.answers]


def answer_forward(session: FlowSession, choice_id: str | None = None) -> Outcome:
    """Answer the current question with ``choice_id`` (or its first choice), single or multi."""
    question = session.current
    assert question is not None
    cid = choice_id or question.choices[0].id
    if question.kind is QuestionKind.MULTI:
        if cid not in session.selected:
            session.toggle(cid)
        return session.done()
    return session.choose(cid)


LINEAR = make_flow(
    q("cramp-now", "yes", "no"),
    q("how-long", "minutes", "hours"),
    q("how-often", "daily", "weekly"),
)

#  start --a--> left --> end
#        --b--> right --> tail --> end
#        --c--> tail --> end       (c: the default route)
BRANCH = make_flow(
    q("start", c("a", next="left"), c("b", next="right"), "c", allow_not_sure=True),
    q("tail", "x", "y", next=END),
    q("left", "x", "y", next=END),
    q("right", "x", "y", next="tail"),
)

MUSCLES = make_flow(
    q(
        "where",
        "calf",
        "foot",
        "toes",
        c("none-of-these", exclusive=True),
        kind="multi",
    ),
    q("pain", "mild", "bad"),
)


# --------------------------------------------------------------------- plain routing


def test_linear_flow_walks_to_done_with_progress_and_answers():
    session = FlowSession(LINEAR)
    assert session.outcome is Outcome.CONTINUE
    assert session.current.id == "cramp-now"
    assert session.position == Progress(1, 3)
    assert session.choose("no") is Outcome.CONTINUE
    assert session.current.id == "how-long"
    assert session.position == Progress(2, 3)
    session.choose("hours")
    assert session.position == Progress(3, 3)
    assert not session.review_ready
    assert session.choose("weekly") is Outcome.DONE
    assert session.review_ready
    assert session.current is None
    assert session.position == Progress(3, 3)
    assert session.answers == [
        Answer(LINEAR.questions[0], ("no",)),
        Answer(LINEAR.questions[1], ("hours",)),
        Answer(LINEAR.questions[2], ("weekly",)),
    ]


@pytest.mark.parametrize(
    ("first", "expected_route", "totals"),
    [
        ("a", ["start", "left"], [2, 2]),
        ("b", ["start", "right", "tail"], [2, 3, 3]),
        ("c", ["start", "tail"], [2, 2]),
    ],
)
def test_every_path_of_a_branching_flow(first, expected_route, totals):
    """Each choice's ``next`` decides the route; progress total follows the default route from
    the current question, so it changes with the branch but never drops below the number."""
    session = FlowSession(BRANCH)
    seen_totals = [session.position.total]
    session.choose(first)
    while session.outcome is Outcome.CONTINUE:
        seen_totals.append(session.position.total)
        assert session.position.number == len(seen_totals)
        session.choose("x")
    assert session.outcome is Outcome.DONE
    assert route(session) == expected_route
    assert seen_totals == totals
    assert session.position == Progress(len(expected_route), len(expected_route))


def test_progress_total_counts_the_default_route_from_the_current_question():
    """start's default route is start -> tail -> end-bit: 3 questions. Taking the detour makes
    the route longer, and the total grows to 5 as soon as the detour is chosen."""
    flow = make_flow(
        q("start", c("long", next="detour"), "short"),
        q("tail", "x"),
        q("end-bit", "x", next=END),
        q("detour", "x", next="detour-2"),
        q("detour-2", "x", next="tail"),
    )
    session = FlowSession(flow)
    assert session.position == Progress(1, 3)
    session.choose("long")
    assert session.position == Progress(2, 5)  # detour, detour-2, tail, end-bit
    session.choose("x")
    assert session.position == Progress(3, 5)
    session.choose("x")
    assert session.position == Progress(4, 5)
    session.choose("x")
    assert session.position == Progress(5, 5)
    assert session.choose("x") is Outcome.DONE


def test_progress_total_stops_if_a_default_route_runs_back_on_itself():
    """A checked flow may have a default route that no answer can take in a circle (every
    choice of 'later' jumps on); counting must stop instead of looping forever."""
    flow = make_flow(
        q("first", c("a", next="mid"), c("b", next="later")),
        q("mid", "x"),  # default: later
        q("later", c("x", next=END), next="mid"),  # default points back; no answer uses it
    )
    session = FlowSession(flow)
    session.choose("a")
    assert session.position.number == 2
    assert session.position.total >= session.position.number
    assert session.position.total <= 3


def test_invalid_flow_is_refused_at_construction():
    looped = Flow(
        title="Bad",
        intro="Loops.",
        questions=[q("one", "x"), q("two", c("x", next="one"))],
    )
    assert list(flow_problems(looped))
    with pytest.raises(ValueError, match="circle"):
        FlowSession(looped)


def test_sessions_share_nothing():
    """K-P1: a new session is a clean slate; answers live only in their own object."""
    first = FlowSession(LINEAR)
    first.choose("yes")
    second = FlowSession(LINEAR)
    assert second.answers == []
    assert second.current.id == "cramp-now"
    assert route(first) == ["cramp-now"]


# -------------------------------------------------------------------------- multi


def test_multi_toggle_and_done_records_choices_in_question_order():
    session = FlowSession(MUSCLES)
    assert session.toggle("toes") is Outcome.CONTINUE
    session.toggle("calf")
    session.toggle("foot")
    assert session.selected == {"calf", "foot", "toes"}
    session.toggle("foot")
    assert session.selected == {"calf", "toes"}
    session.toggle("foot")
    assert session.done() is Outcome.CONTINUE
    assert session.answers[0].choice_ids == ("calf", "foot", "toes")
    assert session.summary_lines()[0] == SummaryLine("Where", "calf, foot and toes")


def test_exclusive_choice_clears_the_others_and_others_clear_it():
    session = FlowSession(MUSCLES)
    session.toggle("calf")
    session.toggle("foot")
    session.toggle("none-of-these")
    assert session.selected == {"none-of-these"}
    session.toggle("toes")
    assert session.selected == {"toes"}


def test_required_multi_refuses_done_with_nothing_chosen():
    """K-S9: the refusal names the question, so the UI can say "Choose an answer for: Where?"."""
    session = FlowSession(MUSCLES)
    with pytest.raises(AnswerRequired) as refused:
        session.done()
    assert refused.value.question.id == "where"
    assert refused.value.message == "Choose an answer for: Where?"
    assert str(refused.value) == "Choose an answer for: Where?"
    assert session.current.id == "where"
    assert session.answers == []
    # unticking the only choice empties it again: still refused
    session.toggle("calf")
    session.toggle("calf")
    with pytest.raises(AnswerRequired):
        session.done()


def test_optional_multi_accepts_nothing_chosen():
    flow = make_flow(q("other", "rash", "fever", kind="multi", required=False))
    session = FlowSession(flow)
    assert session.done() is Outcome.DONE
    assert session.answers[0].choice_ids == ()
    assert session.summary_lines() == [SummaryLine("Other", "nothing chosen")]


def test_single_done_without_an_earlier_answer_is_refused_and_with_one_keeps_it():
    session = FlowSession(LINEAR)
    with pytest.raises(AnswerRequired) as refused:
        session.done()
    assert refused.value.question.id == "cramp-now"
    session.choose("yes")
    session.back()
    assert session.done() is Outcome.CONTINUE
    assert session.current.id == "how-long"
    assert session.answers[0].choice_ids == ("yes",)


# --------------------------------------------------------------------- back, K-I4


def test_back_is_false_at_the_first_question_and_changes_nothing():
    session = FlowSession(LINEAR)
    assert session.back() is False
    assert session.current.id == "cramp-now"
    assert session.outcome is Outcome.CONTINUE


def test_back_keeps_answers_and_preselects_them():
    """K-I4: Back keeps answers; the earlier answer is pre-selected, single and multi."""
    session = FlowSession(MUSCLES)
    session.toggle("calf")
    session.toggle("toes")
    session.done()
    session.choose("bad")
    assert session.outcome is Outcome.DONE
    assert session.back() is True
    assert session.current.id == "pain"
    assert session.selected == {"bad"}
    assert session.current_answer == Answer(MUSCLES.questions[1], ("bad",))
    assert session.back() is True
    assert session.current.id == "where"
    assert session.selected == {"calf", "toes"}
    assert session.position == Progress(1, 2)
    assert [line.text for line in session.summary_lines()] == ["calf and toes", "bad"]


def test_back_drops_an_unconfirmed_multi_selection_but_keeps_the_confirmed_answer():
    session = FlowSession(make_flow(q("start", "x"), q("where", "calf", "foot", kind="multi")))
    session.choose("x")
    session.toggle("calf")
    session.done()
    session.back()
    session.toggle("foot")
    session.back()
    session.choose("x")
    assert session.current.id == "where"
    assert session.selected == {"calf"}


def test_changing_an_answer_after_back_changes_the_route():
    """K-I4: going back and choosing differently follows the new branch; answers on the old
    branch stop counting in the summary."""
    session = FlowSession(BRANCH)
    session.choose("a")
    session.choose("y")
    assert route(session) == ["start", "left"]
    session.back()
    session.back()
    assert session.selected == {"a"}
    session.choose("b")
    assert session.current.id == "right"
    assert route(session) == ["start"]  # 'left' is off the route now
    session.choose("x")
    session.choose("y")
    assert session.outcome is Outcome.DONE
    assert route(session) == ["start", "right", "tail"]
    assert [line.label for line in session.summary_lines()] == ["Start", "Right", "Tail"]


def test_back_then_same_answer_steps_forward_one_question_at_a_time():
    session = FlowSession(LINEAR)
    session.choose("yes")
    session.choose("hours")
    session.back()
    session.back()
    session.choose("yes")
    assert session.current.id == "how-long"
    assert session.selected == {"hours"}
    assert session.position == Progress(2, 3)


# ------------------------------------------------------------- edit from the review


def _done_branch(first: str) -> FlowSession:
    session = FlowSession(BRANCH)
    session.choose(first)
    while session.outcome is Outcome.CONTINUE:
        session.choose("y")
    return session


def test_edit_that_keeps_the_route_goes_straight_back_to_review():
    """K-I4: a changed answer that keeps the route returns to the review at once."""
    session = _done_branch("b")  # start, right, tail
    session.edit("right")
    assert session.editing
    assert session.outcome is Outcome.CONTINUE
    assert session.current.id == "right"
    assert session.selected == {"y"}
    assert session.position == Progress(2, 3)
    assert session.choose("x") is Outcome.DONE
    assert not session.editing
    assert [line.text for line in session.summary_lines()] == ["b", "x", "y"]


def test_edit_that_changes_the_route_stops_at_the_first_unanswered_question():
    session = _done_branch("b")  # start, right, tail answered
    session.edit("start")
    assert session.position == Progress(1, 2)  # the default route from start, not the answered one
    session.choose("a")  # new route: start -> left (unanswered)
    assert session.outcome is Outcome.CONTINUE
    assert session.current.id == "left"
    assert not session.editing
    assert route(session) == ["start"]
    assert session.choose("x") is Outcome.DONE
    assert route(session) == ["start", "left"]
    # the old branch's answers are kept: switching back walks over them to the review
    session.edit("start")
    assert session.choose("b") is Outcome.DONE
    assert route(session) == ["start", "right", "tail"]
    assert [line.text for line in session.summary_lines()] == ["b", "y", "y"]


def test_edit_walks_over_answered_questions_on_the_new_route():
    """Switching from the 'b' route to 'c' joins 'tail', already answered: straight to review."""
    session = _done_branch("b")
    session.edit("start")
    assert session.choose("c") is Outcome.DONE
    assert route(session) == ["start", "tail"]


def test_edit_is_only_for_answered_questions_on_the_route_at_review():
    session = _done_branch("a")
    with pytest.raises(ValueError):
        session.edit("right")  # never answered
    with pytest.raises(ValueError):
        session.edit("nope")
    session.edit("left")
    with pytest.raises(ValueError):
        session.edit("start")  # not at the review any more


def test_back_after_edit_keeps_editing_and_returns_to_review():
    session = _done_branch("b")
    session.edit("tail")
    assert session.back() is True
    assert session.current.id == "right"
    assert session.choose("y") is Outcome.DONE


# ------------------------------------------------------------------ red flags, K-C2


RED = {"emergency": True}

RED_FLAG_SINGLE = make_flow(
    q("chest-pain", c("yes", **RED), "no"),
    q("how-long", "minutes", c("cannot-move", **RED), "hours"),
    q("last", "fine", c("fainted", **RED)),
)

RED_FLAG_MULTI = make_flow(
    q("signs", "cramp", c("chest-pain", **RED), c("none", exclusive=True), kind="multi"),
    q("where", "calf", "foot", c("numb-face", **RED), kind="multi"),
    q("also", "tired", c("fainted", **RED), kind="multi"),
)


@pytest.mark.parametrize(
    ("index", "red", "before"),
    [(0, "yes", []), (1, "cannot-move", ["no"]), (2, "fainted", ["no", "hours"])],
    ids=["first", "middle", "last"],
)
def test_single_red_flag_goes_to_emergency_at_once_and_change_answer_returns(index, red, before):
    """K-C2: a red-flag answer goes straight to the emergency page; "Change my answer" returns
    to that question with the red flag not chosen."""
    session = FlowSession(RED_FLAG_SINGLE)
    for choice_id in before:
        session.choose(choice_id)
    question = RED_FLAG_SINGLE.questions[index]
    assert session.choose(red) is Outcome.EMERGENCY
    assert session.outcome is Outcome.EMERGENCY
    assert session.current is None
    assert not session.review_ready
    assert session.emergency_question == question
    assert [ch.id for ch in session.emergency_choices] == [red]
    assert session.position.number == index + 1
    assert route(session) == [x.id for x in RED_FLAG_SINGLE.questions[:index]]
    with pytest.raises(ValueError):
        session.choose("no")  # nothing to answer on the emergency page

    session.change_answer()
    assert session.outcome is Outcome.CONTINUE
    assert session.current == question
    assert red not in session.selected
    assert session.emergency_question is None
    assert session.emergency_choices == ()
    assert route(session) == [x.id for x in RED_FLAG_SINGLE.questions[:index]]
    assert [a.choice_ids[0] for a in session.answers] == before


@pytest.mark.parametrize(("index", "red"), [(0, "chest-pain"), (1, "numb-face"), (2, "fainted")])
def test_multi_red_flag_stops_on_toggle_and_change_answer_keeps_other_ticks(index, red):
    """K-C2 for multi-choice: ticking the red flag stops at once, before Done."""
    session = FlowSession(RED_FLAG_MULTI)
    for _ in range(index):
        answer_forward(session)
    first_safe = session.current.choices[0].id
    session.toggle(first_safe)
    assert session.toggle(red) is Outcome.EMERGENCY
    assert session.emergency_question.id == RED_FLAG_MULTI.questions[index].id
    assert session.emergency_choices[0].emergency
    assert session.selected == frozenset()
    session.change_answer()
    assert session.current.id == RED_FLAG_MULTI.questions[index].id
    assert session.selected == {first_safe}
    assert session.done() in (Outcome.CONTINUE, Outcome.DONE)
    assert red not in session.answers[-1].choice_ids


def test_red_flag_after_back_keeps_the_earlier_answer_for_change_answer():
    session = FlowSession(RED_FLAG_SINGLE)
    session.choose("no")
    session.back()
    session.choose("yes")
    assert session.outcome is Outcome.EMERGENCY
    assert session.back() is True  # Back on the emergency page is "Change my answer"
    assert session.outcome is Outcome.CONTINUE
    assert session.selected == {"no"}


def test_red_flag_while_editing_then_change_answer_returns_to_review():
    session = FlowSession(RED_FLAG_SINGLE)
    for choice_id in ["no", "hours", "fine"]:
        session.choose(choice_id)
    session.edit("how-long")
    session.choose("cannot-move")
    assert session.outcome is Outcome.EMERGENCY
    session.change_answer()
    assert session.editing
    assert session.choose("minutes") is Outcome.DONE


def test_change_answer_is_only_for_the_emergency_page():
    session = FlowSession(RED_FLAG_SINGLE)
    with pytest.raises(ValueError):
        session.change_answer()


# ---------------------------------------------------------------- not sure and skip


def test_not_sure_and_skip_where_allowed_go_the_default_way():
    flow = make_flow(
        q("start", c("jump", next="last"), "stay", allow_not_sure=True, allow_skip=True),
        q("middle", "x", "y", kind="multi", allow_skip=True),
        q("last", "x", allow_not_sure=True),
    )
    session = FlowSession(flow)
    assert session.not_sure() is Outcome.CONTINUE
    assert session.current.id == "middle"  # the default, not the choice's jump
    session.toggle("x")
    assert session.skip() is Outcome.CONTINUE
    assert session.current.id == "last"
    assert session.not_sure() is Outcome.DONE
    assert session.summary_lines() == [
        SummaryLine("Start", "not sure"),
        SummaryLine("Middle", "skipped"),
        SummaryLine("Last", "not sure"),
    ]
    session.back()
    assert session.current_answer.not_sure
    assert session.selected == frozenset()
    session.back()
    assert session.selected == frozenset()  # skipped: nothing ticked
    assert session.current_answer.skipped


def test_not_sure_and_skip_are_refused_where_the_question_does_not_offer_them():
    flow = make_flow(q("start", "x", allow_skip=True), q("next-one", "x", allow_not_sure=True))
    session = FlowSession(flow)
    with pytest.raises(ValueError, match="Not sure"):
        session.not_sure()
    session.skip()
    with pytest.raises(ValueError, match="Skip"):
        session.skip()
    assert session.current.id == "next-one"


# ---------------------------------------------------------------- wrong calls, summary


def test_calls_the_state_does_not_offer_raise_value_error():
    session = FlowSession(MUSCLES)
    with pytest.raises(ValueError):
        session.choose("calf")  # multi
    with pytest.raises(ValueError):
        session.toggle("nope")
    session.toggle("calf")
    session.done()
    with pytest.raises(ValueError):
        session.toggle("mild")  # single
    with pytest.raises(ValueError):
        session.choose("nope")
    session.choose("mild")
    for call in (lambda: session.choose("mild"), session.done, session.not_sure, session.skip):
        with pytest.raises(ValueError):
            call()


@pytest.mark.parametrize(
    ("phrases", "text"),
    [
        ([], ""),
        (["calf"], "calf"),
        (["calf", "foot"], "calf and foot"),
        (["calf", "foot", "toes"], "calf, foot and toes"),
    ],
)
def test_join_phrases(phrases, text):
    assert join_phrases(phrases) == text


def test_summary_uses_choice_summaries_and_question_labels():
    flow = make_flow(
        q(
            "where",
            c("calf", label="My calf (back of the leg)", summary="calf"),
            c("foot", label="My foot", summary="foot"),
            kind="multi",
            summary_label="Where it cramps",
        ),
    )
    session = FlowSession(flow)
    session.toggle("foot")
    session.toggle("calf")
    session.done()
    assert session.summary_lines() == [SummaryLine("Where it cramps", "calf and foot")]


# ------------------------------------------------------------------ the shipped topic


def test_real_muscle_spasms_topic_walks_to_done():
    """Walk the shipped topic always picking the last non-emergency choice."""
    if not REAL_TOPIC.exists():
        pytest.skip(f"{REAL_TOPIC.name} is not written yet")
    # the kiosk's own reader: plain YAML 1.1 would read the key 'on:' of 'review:' as true
    topic = Topic.model_validate(parse_yaml(REAL_TOPIC.read_text(encoding="utf-8")).data)
    assert topic.flow is not None
    assert list(flow_problems(topic.flow)) == []
    session = FlowSession(topic.flow)
    steps = 0
    while session.outcome is Outcome.CONTINUE:
        steps += 1
        assert steps <= len(topic.flow.questions)
        assert session.position.number <= session.position.total
        safe = [ch for ch in session.current.choices if not ch.emergency]
        answer_forward(session, safe[-1].id)
    assert session.outcome is Outcome.DONE
    lines = session.summary_lines()
    assert len(session.answers) == steps
    # one line per label: the two danger-sign questions share "Danger signs", so one line
    assert [line.label for line in lines] == list(dict.fromkeys(a.question.summary_label for a in session.answers))
    assert all(line.text for line in lines)
    assert not any(ch.emergency for a in session.answers for ch in a.choices)


# ------------------------------------------------------------------- property test


@st.composite
def valid_flows(draw) -> Flow:
    """Random flows that pass flow_check: jumps only go forward (no loops), every question
    keeps a non-emergency choice (so END is always reachable) and unreachable questions are
    dropped, with jumps that pointed at them (only ones no answer can take) sent to END."""
    count = draw(st.integers(1, 7))
    ids = [f"q{i}" for i in range(count)]
    questions = []
    for i, qid in enumerate(ids):
        later = st.sampled_from([*ids[i + 1 :], END])
        kind = draw(st.sampled_from(["single", "multi"]))
        n_choices = draw(st.integers(1, 4))
        red = [draw(st.booleans()) and draw(st.booleans()) for _ in range(n_choices)]
        if all(red):
            red[draw(st.integers(0, n_choices - 1))] = False
        choices = []
        for j in range(n_choices):
            extra = {"emergency": red[j], "exclusive": kind == "multi" and draw(st.booleans())}
            if kind == "single" and not red[j]:
                extra["next"] = draw(st.none() | st.none() | later)
            choices.append(c(f"c{j}", **extra))
        questions.append(
            q(
                qid,
                *choices,
                kind=kind,
                next=draw(st.none() | st.none() | later),
                required=draw(st.booleans()),
                allow_not_sure=draw(st.booleans()),
                allow_skip=draw(st.booleans()),
            )
        )
    rough = Flow(title="Random", intro="Random.", questions=questions)
    reachable, todo = {ids[0]}, [ids[0]]
    while todo:
        for target in rough.targets(rough.question(todo.pop())) - {END}:
            if target not in reachable:
                reachable.add(target)
                todo.append(target)
    kept = []
    for question in questions:
        if question["id"] not in reachable:
            continue
        if question["next"] not in (None, END) and question["next"] not in reachable:
            question = {**question, "next": END}
        kept.append(question)
    flow = Flow(title="Random", intro="Random.", questions=kept)
    assert list(flow_problems(flow)) == [], list(flow_problems(flow))
    return flow


def allowed_actions(session: FlowSession) -> list[tuple[str, str | None]]:
    """Every call the UI could make in the current state."""
    if session.outcome is Outcome.EMERGENCY:
        return [("change_answer", None), ("back", None)]
    if session.outcome is Outcome.DONE:
        return [("back", None)] + [("edit", a.question.id) for a in session.answers]
    question = session.current
    verb = "toggle" if question.kind is QuestionKind.MULTI else "choose"
    actions = [(verb, ch.id) for ch in question.choices] + [("done", None), ("back", None)]
    if question.allow_not_sure:
        actions.append(("not_sure", None))
    if question.allow_skip:
        actions.append(("skip", None))
    return actions


def forward_action(session: FlowSession, pick: int) -> tuple[str, str | None]:
    """An action that moves on: a safe answer, or Done on a non-empty selection."""
    question = session.current
    safe = [ch.id for ch in question.choices if not ch.emergency]
    if question.kind is QuestionKind.SINGLE:
        return ("choose", safe[pick % len(safe)])
    if session.selected or not question.required:
        return ("done", None)
    return ("toggle", safe[pick % len(safe)])


def next_of(flow: Flow, answer: Answer) -> str:
    question = answer.question
    if question.kind is QuestionKind.SINGLE and answer.choice_ids:
        chosen = next(ch for ch in question.choices if ch.id == answer.choice_ids[0])
        if chosen.next:
            return chosen.next
    return flow.default_next(question)


def check_invariants(session: FlowSession) -> None:
    flow = session.flow
    answers = session.answers
    ids = [a.question.id for a in answers]
    assert len(ids) == len(set(ids)), f"route repeats a question: {ids}"
    if ids:
        assert ids[0] == flow.questions[0].id
    for earlier, later in zip(answers, answers[1:], strict=False):
        assert next_of(flow, earlier) == later.question.id
    assert not any(ch.emergency for a in answers for ch in a.choices)
    position = session.position
    assert 1 <= position.number <= position.total <= len(flow.questions)
    if session.outcome is Outcome.CONTINUE:
        current = session.current
        assert current is not None and session.emergency_question is None
        assert session.emergency_choices == ()
        if current.id in ids:
            assert position.number == ids.index(current.id) + 1
        else:
            assert position.number == len(ids) + 1
            assert next_of(flow, answers[-1]) == current.id if answers else current == flow.questions[0]
        selected = session.selected
        by_id = {ch.id: ch for ch in current.choices}
        assert selected <= by_id.keys()
        assert not any(by_id[x].emergency for x in selected)
        if any(by_id[x].exclusive for x in selected):
            assert len(selected) == 1
    elif session.outcome is Outcome.DONE:
        assert session.current is None and session.review_ready
        assert answers and next_of(flow, answers[-1]) == END
        assert position == Progress(len(answers), len(answers))
        assert len(session.summary_lines()) == len(answers)
    else:
        assert session.current is None and not session.review_ready
        question = session.emergency_question
        assert question is not None
        assert len(session.emergency_choices) == 1
        assert session.emergency_choices[0].emergency
        assert session.emergency_choices[0] in question.choices


def apply(session: FlowSession, action: tuple[str, str | None]) -> None:
    name, arg = action
    def snapshot():
        return (session.outcome, session.current, session.selected, session.position, session.answers)

    before = snapshot()
    try:
        if arg is None:
            getattr(session, name)()
        else:
            getattr(session, name)(arg)
    except AnswerRequired as refused:  # the one documented refusal: nothing may change
        assert name == "done"
        assert refused.question == before[1]
        assert snapshot() == before
    check_invariants(session)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    flow=valid_flows(),
    picks=st.lists(st.tuples(st.booleans(), st.integers(0, 10_000)), max_size=40),
    data=st.data(),
)
def test_random_actions_keep_the_session_sound_and_forward_play_finishes(flow, picks, data):
    """Any sequence of offered actions only ever raises AnswerRequired, never repeats a
    question on the route, keeps number <= total; then moving forward ends the flow.

    Half the random picks are forward moves, so runs often reach the review and go on to
    edit (K-I4), Back, and red flags with "Change my answer" (K-C2)."""
    session = FlowSession(flow)
    check_invariants(session)
    for forward, pick in picks:
        if forward and session.outcome is Outcome.CONTINUE:
            apply(session, forward_action(session, pick))
        else:
            actions = allowed_actions(session)
            apply(session, actions[pick % len(actions)])

    budget = len(flow.questions) * 2 + len(picks)
    steps = len(picks)
    while session.outcome is Outcome.CONTINUE:
        steps += 1
        assert steps <= budget, "forward play did not finish the flow"
        apply(session, forward_action(session, data.draw(st.integers(0, 10), label="pick")))
    assert session.outcome in (Outcome.DONE, Outcome.EMERGENCY)


# --------------------------------------------------------------------------- the provider summary


def danger_part(question_id: str, *signs: str) -> dict:
    """A danger-sign question of a flow that asks them in two parts, both labelled "Danger signs"."""
    return q(question_id, *signs, c("none", exclusive=True), kind="multi", summary_label="Danger signs")


SPLIT_DANGER = make_flow(
    danger_part("danger-1", "fever", "rash"),
    danger_part("danger-2", "dark-urine", "stiff-jaw"),
    q("where", "calf", "foot", kind="multi"),
)


def answer_multi(session: FlowSession, *choice_ids: str) -> None:
    for choice_id in choice_ids:
        session.toggle(choice_id)
    session.done()


def test_questions_with_one_label_make_one_line_none_when_none_was_chosen_in_each():
    """A provider scans one line, "Danger signs: none", not "(part 1)" and "(part 2)" lines."""
    session = FlowSession(SPLIT_DANGER)
    answer_multi(session, "none")
    answer_multi(session, "none")
    answer_multi(session, "calf")
    assert session.summary_lines() == [SummaryLine("Danger signs", "none"), SummaryLine("Where", "calf")]


def test_a_merged_line_lists_what_was_chosen_and_drops_the_none_of_the_other_part():
    session = FlowSession(SPLIT_DANGER)
    answer_multi(session, "none")
    answer_multi(session, "dark-urine", "stiff-jaw")
    answer_multi(session, "foot")
    assert session.summary_lines() == [SummaryLine("Danger signs", "dark urine and stiff jaw"),
                                       SummaryLine("Where", "foot")]
    labels = [line.label for line in session.summary_lines()]
    assert len(labels) == len(set(labels))  # no label twice


def test_the_review_keeps_one_line_per_question_so_each_answer_can_be_changed():
    session = FlowSession(SPLIT_DANGER)
    answer_multi(session, "fever")
    answer_multi(session, "none")
    answer_multi(session, "calf")
    assert session.answer_lines() == [SummaryLine("Danger signs", "fever"), SummaryLine("Danger signs", "none"),
                                      SummaryLine("Where", "calf")]
    assert session.summary_lines()[0] == SummaryLine("Danger signs", "fever")


def test_the_summary_adds_no_words_of_its_own_to_what_staff_wrote():
    """Every phrase of a line is an answer's summary as written (or the kiosk's "not sure")."""
    session = FlowSession(SPLIT_DANGER)
    answer_multi(session, "rash")
    answer_multi(session, "stiff-jaw")
    answer_multi(session, "calf", "foot")
    assert session.summary_lines() == [SummaryLine("Danger signs", "rash and stiff jaw"),
                                       SummaryLine("Where", "calf and foot")]


def test_the_worst_case_summary_takes_each_questions_longest_answer_and_never_an_emergency():
    from kiosk.content.summary_words import worst_case_choices

    flow = make_flow(
        q("start", "yes", c("no-not-at-all"), c("help", emergency=True)),
        danger_part("danger-1", "fever", "rash"),
    )
    picked = {question.id: [choice.id for choice in chosen] for question, chosen in worst_case_choices(flow)}
    assert picked == {"start": ["no-not-at-all"], "danger-1": ["fever", "rash"]}
