"""Where the kiosk keeps its files: StateDirectory under systemd, the
platform's data folder in --dev, never inside the content folder unless kiosk.yaml says so."""

from __future__ import annotations

from pathlib import Path

import pytest

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
