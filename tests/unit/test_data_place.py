"""Where the kiosk keeps its files: StateDirectory under systemd, the platform's data folder in
--dev, never inside the content folder unless kiosk.yaml says so; and every command agrees."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.host.data_place import APP_NAME, data_place

CONTENT = Path("/srv/clinic-kiosk/content")


@pytest.fixture(autouse=True)
def xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("STATE_DIRECTORY", raising=False)
    return tmp_path / "xdg"


def test_systemd_state_directory_when_run_by_the_unit():
    env = {"STATE_DIRECTORY": "/var/lib/clinic-kiosk"}
    assert data_place(CONTENT, None, environ=env) == Path("/var/lib/clinic-kiosk")
    # StateDirectory=a b gives "a:b": the first is ours
    assert data_place(CONTENT, None, environ={"STATE_DIRECTORY": "/var/lib/a:/var/lib/b"}) == Path("/var/lib/a")


def test_platform_data_folder_in_dev_and_outside_systemd(xdg):
    assert data_place(CONTENT, None, dev=True, environ={}) == xdg / APP_NAME
    assert data_place(CONTENT, None, environ={}) == xdg / APP_NAME
    # a preview started from a shell that happens to carry the unit's variable still stays out of it
    assert data_place(CONTENT, None, dev=True, environ={"STATE_DIRECTORY": "/var/lib/clinic-kiosk"}) == xdg / APP_NAME


@pytest.mark.parametrize("state", ["", "relative/dir"])
def test_an_empty_or_relative_state_directory_is_ignored(xdg, state):
    assert data_place(CONTENT, None, environ={"STATE_DIRECTORY": state}) == xdg / APP_NAME


@pytest.mark.parametrize("dev", [False, True])
@pytest.mark.parametrize("env", [{}, {"STATE_DIRECTORY": "/var/lib/clinic-kiosk"}])
def test_never_inside_the_content_folder_by_default(dev, env):
    place = data_place(CONTENT, None, dev=dev, environ=env)
    assert not place.is_relative_to(CONTENT)


def test_an_explicit_data_dir_in_kiosk_yaml_wins():
    env = {"STATE_DIRECTORY": "/var/lib/clinic-kiosk"}
    assert data_place(CONTENT, Path("/data/kiosk"), environ=env) == Path("/data/kiosk")
    assert data_place(CONTENT, "/data/kiosk", dev=True, environ=env) == Path("/data/kiosk")
    assert data_place(CONTENT, Path("var"), environ=env) == CONTENT / "var"  # as settings.data_folder does


def test_uses_os_environ_by_default(monkeypatch, tmp_path):
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path / "state"))
    assert data_place(CONTENT) == tmp_path / "state"


# ------------------------------------------------ every command asks kiosk.content.settings.data_folder

VALID = Path(__file__).resolve().parents[1] / "fixtures" / "content" / "valid"


class Decided(Exception):
    """Raised where a command has decided its data folder: the test needs nothing further."""


def _content(tmp_path: Path, data_dir: str | None) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(VALID, folder)
    if data_dir is not None:
        with (folder / "kiosk.yaml").open("a", encoding="utf-8") as settings:
            settings.write(f"\ndata_dir: {data_dir}\n")
    return folder


def _folders(content: str, monkeypatch) -> dict[str, Path]:
    """The data folder `kiosk run`, `kiosk serve`, `kiosk stats`, the controller and the last good
    copy each decide for ``content`` (as typed on the command line) in this environment."""
    from kiosk.content import last_good
    from kiosk.content.loader import load_library
    from kiosk.ui import launch
    from kiosk.visit import usage
    from kiosk.visit.controller import KioskController

    def decided(folder, *args, **kwargs):
        raise Decided(Path(folder))

    monkeypatch.setattr(launch, "configure_logging", decided)
    monkeypatch.setattr("kiosk.host.journal_log.configure_logging", decided)  # serve imports it when run
    monkeypatch.setattr(usage, "UsageLog", decided)
    monkeypatch.setattr(last_good, "save", lambda *args, **kwargs: None)  # no copy written behind the test
    folders = {}
    for name, argv in (("run", ["run", "--speech", "none"]), ("serve", ["serve"]), ("stats", ["stats"])):
        with pytest.raises(Decided) as done:
            main([*argv, "--content", content])
        decided_path = done.value.args[0]
        folders[name] = decided_path.parent if name == "stats" else decided_path  # stats: the counts file
    library = load_library(content, grade=False).library
    assert library is not None
    folders["controller"] = KioskController(library, keep_usage=False).data_dir
    folders["last good copy"] = last_good.copy_folder(content).parents[1]
    return folders


@pytest.fixture
def unit(monkeypatch, tmp_path):
    """The environment systemd gives the kiosk's unit (StateDirectory=), in a shell in tmp_path."""
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "state"


def test_every_command_agrees_on_the_data_folder(tmp_path, unit, monkeypatch):
    content = _content(tmp_path, None)
    relative, absolute = _folders("content", monkeypatch), _folders(str(content), monkeypatch)
    assert set(relative.values()) == set(absolute.values()) == {unit}


def test_data_dir_in_kiosk_yaml_is_the_folder_of_every_command_but_the_last_good_copy(tmp_path, unit, monkeypatch):
    """The last good copy must be found when kiosk.yaml itself does not load, so it stays in the
    folder the environment decides (on a deployed kiosk data_dir names that same folder)."""
    content = _content(tmp_path, "kiosk-data")
    monkeypatch.chdir(tmp_path)
    relative = _folders("content", monkeypatch)
    monkeypatch.chdir(tmp_path / "content" / "topics")  # somewhere else: the same folder from anywhere
    absolute = _folders(str(content), monkeypatch)
    for folders in (relative, absolute):
        assert folders.pop("last good copy") == unit
        assert set(folders.values()) == {content / "kiosk-data"}


def test_the_deployed_data_dir_makes_every_command_agree(tmp_path, unit, monkeypatch):
    """docs/DEPLOYMENT.md: data_dir is the unit's StateDirectory, so a shell's `kiosk stats` reads
    the counts the kiosk wrote."""
    _content(tmp_path, str(unit))
    assert set(_folders("content", monkeypatch).values()) == {unit}
