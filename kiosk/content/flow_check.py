"""Whole-flow checks that a single question cannot make: duplicate ids, dangling jumps,
unreachable questions, cycles and flows with no way to finish.

Pure functions over a :class:`~kiosk.content.model.Flow`; each problem comes back with the field
path it concerns (inside the flow, 0-based), so the loader can point staff at the file and line.
The graph checks run only once every id is unique and every jump lands on a question: until
then they would report faults that are only echoes of the first.
"""

from __future__ import annotations

from collections.abc import Iterator

from kiosk.content.model import END, Flow, Question

Path = tuple[str | int, ...]


def flow_problems(flow: Flow) -> Iterator[tuple[Path, str]]:
    """Yield ``(path inside the flow, message)`` for every structural fault."""
    ids = [q.id for q in flow.questions]
    known = set(ids) | {END}
    broken = False
    for qi, q in enumerate(flow.questions):
        if q.id == END:
            broken = True
            yield ("questions", qi, "id"), f"'{END}' is kept for finishing the flow; give this question another id"
        elif q.id in ids[:qi]:
            broken = True
            yield ("questions", qi, "id"), f"'{q.id}' is already the id of question {ids.index(q.id) + 1}"
        if q.next and q.next not in known:
            broken = True
            yield ("questions", qi, "next"), f"goes to '{q.next}', but there is no question with that id"
        for ci, c in enumerate(q.choices):
            if c.next and c.next not in known:
                broken = True
                yield (
                    ("questions", qi, "choices", ci, "next"),
                    f"goes to '{c.next}', but there is no question with that id",
                )
    if broken:
        return

    edges = {q.id: flow.targets(q) - {END} for q in flow.questions}
    reachable = _reachable(flow.questions[0].id, edges)
    for qi, q in enumerate(flow.questions):
        if q.id not in reachable:
            yield (
                ("questions", qi, "id"),
                f"no answer ever leads to question '{q.id}'; point a 'next' at it or remove it",
            )

    cycle = _find_cycle(flow.questions[0].id, edges)
    if cycle:
        yield _describe_cycle(flow, cycle)
        return

    for qi, q in enumerate(flow.questions):
        if q.id in reachable and not flow.targets(q):
            yield (
                ("questions", qi, "choices"),
                "every answer is an emergency, so the questions can never finish; "
                "add an answer that carries on, such as 'No'",
            )


def _reachable(start: str, edges: dict[str, set[str]]) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in edges[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _find_cycle(start: str, edges: dict[str, set[str]]) -> list[str] | None:
    """Return one cycle reachable from ``start`` as a list of ids (first repeated at the end)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    return visit(start)


def _describe_cycle(flow: Flow, cycle: list[str]) -> tuple[Path, str]:
    """Point at the jump that goes back: the one staff must change to break the circle.

    Going on to the next question always moves forward, so every circle holds at least one
    written ``next`` that names an earlier question (or the question itself).
    """
    order = {q.id: i for i, q in enumerate(flow.questions)}
    hops = list(zip(cycle, cycle[1:], strict=False))
    source, target = next((a, b) for a, b in hops if order[b] <= order[a])
    start = cycle.index(target)
    loop = " -> ".join(cycle[start:-1] + cycle[:start] + [target])
    message = f"goes back to '{target}', so the answers lead round in a circle: {loop}"
    question = flow.question(source)
    return (("questions", order[source], *_jump_field(question, target)), message)


def _jump_field(question: Question, target: str) -> Path:
    for ci, c in enumerate(question.choices):
        if c.next == target and not c.emergency:
            return ("choices", ci, "next")
    return ("next",)
