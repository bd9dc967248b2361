"""The docs stand alone: a reader of a clone can follow every reference without anything else.

Three promises. Every accessibility ID (``K-S4`` and the like) that a test or a module cites is
defined in ``docs/ACCESSIBILITY.md``, and each test file that page names as a proof cites the ID.
Every relative link in ``README.md`` and ``docs/*.md`` opens a file inside the clone. And no file
of the repository points at design notes kept beside it on the machine it was written on, which no
clone has (``tools/`` is exempt: it holds the one-off scripts that rebuild shipped data).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

ACCESSIBILITY = ROOT / "docs" / "ACCESSIBILITY.md"
K_ID = re.compile(r"\bK-[A-Z]+[0-9]+\b")
#: ``**K-S4 — Title.**`` opens the definition of an ID.
DEFINITION = re.compile(r"^\*\*(K-[A-Z]+[0-9]+) — ", re.MULTILINE)
#: ``[words](target)`` and ``![words](target)``; the target ends at a space (a title) or ``)``.
MD_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)")
#: Written in two halves so that this file does not match itself.
OUTSIDE = re.compile(r"\.\./" + r"shared\b|\bshared/" + r"design\b")


def cited_ids() -> dict[str, set[str]]:
    """Each K- ID cited in tests/ or kiosk/, with the files that cite it."""
    cited: dict[str, set[str]] = {}
    for folder in ("tests", "kiosk"):
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file() or path.suffix not in {".py", ".tcss", ".md", ".yaml"}:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")  # some fixtures are not UTF-8 on purpose
            for found in K_ID.findall(text):
                cited.setdefault(found, set()).add(str(path.relative_to(ROOT)))
    return cited


def definitions() -> dict[str, str]:
    """Each ID defined in docs/ACCESSIBILITY.md, with its paragraph (up to the next blank line)."""
    text = ACCESSIBILITY.read_text(encoding="utf-8")
    return {m.group(1): text[m.start():].split("\n\n", 1)[0] for m in DEFINITION.finditer(text)}


def test_every_cited_accessibility_id_is_defined_in_the_docs():
    cited = cited_ids()
    assert len(cited) >= 20, "the scan finds the IDs the tests cite"
    missing = {k: sorted(files) for k, files in cited.items() if k not in definitions()}
    assert missing == {}, "define each ID in docs/ACCESSIBILITY.md"


def test_each_definition_says_its_source_and_names_proofs_that_cite_it():
    for key, paragraph in definitions().items():
        assert "Proved in: " in paragraph, key
        proofs = re.findall(r"`([\w/]+\.py)`", paragraph.split("Proved in: ", 1)[1])
        assert proofs, key
        for proof in proofs:
            path = ROOT / "tests" / proof
            assert path.is_file(), f"{key}: tests/{proof} does not exist"
            assert re.search(rf"\b{key}\b", path.read_text(encoding="utf-8")), f"tests/{proof} does not cite {key}"


def markdown_files() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("doc", markdown_files(), ids=lambda p: p.name)
def test_every_relative_link_opens_a_file_inside_the_clone(doc):
    broken = []
    for target in MD_LINK.findall(doc.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue  # a web address or a heading on the same page
        path = (doc.parent / target.split("#", 1)[0]).resolve()
        if not path.is_relative_to(ROOT) or not path.exists():
            broken.append(target)
    assert broken == []


def tracked_files() -> list[Path]:
    try:
        listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git clone: no list of tracked files")
    return [ROOT / name for name in listed.splitlines()]


def test_no_tracked_file_points_at_design_notes_outside_the_clone():
    offenders = []
    for path in tracked_files():
        if path.parts[len(ROOT.parts)] == "tools" or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # pictures, compiled catalogs, the syllable table
        offenders += [f"{path.relative_to(ROOT)}:{n}" for n, line in enumerate(text.splitlines(), 1)
                      if OUTSIDE.search(line)]
    assert offenders == []


#: An issue number in the forms the history used: "issue NN", "issues NN and NN", "issue #NN",
#: "(#NN)", and test names ending in ``_issueNN_findingN``.
ISSUE_NUMBER = re.compile(r"\b[Ii]ssues? #?[0-9]+|\(#[0-9]+\)|_issue" + r"[0-9]+")


def test_no_comment_cites_an_issue_number():
    """A clone has no issue tracker: a comment says why, not which ticket asked for it."""
    offenders = []
    for path in tracked_files():
        name = str(path.relative_to(ROOT))
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        offenders += [f"{name}:{n}" for n, line in enumerate(text.splitlines(), 1) if ISSUE_NUMBER.search(line)]
    assert offenders == []
