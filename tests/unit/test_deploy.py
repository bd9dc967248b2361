"""The shipped deployment files: the systemd units and the content update script.

The unit must start the kiosk on a TTY at boot and restart it whenever it stops;
``systemd-analyze verify`` runs when it exists. The update script must publish content only
after ``kiosk validate`` passes, keep the last good content otherwise, and keep the staff PIN
hash of this kiosk.
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kiosk.content import release_record
from kiosk.visit.staff import hash_pin, set_pin_in_file
from tests.conftest import CONTENT, ROOT

DEPLOY = ROOT / "deploy"
UNIT = DEPLOY / "clinic-kiosk.service"


def read_unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser


def test_the_unit_restarts_the_kiosk_for_ever_on_a_tty():
    unit = read_unit(UNIT)
    service = unit["Service"]
    assert service["Restart"] == "always"
    from kiosk.host.exit_codes import MAINTENANCE

    assert service["RestartPreventExitStatus"] == str(MAINTENANCE)  # only staff's Quit stays down
    assert float(service["RestartSec"]) <= 5
    assert unit["Unit"]["StartLimitIntervalSec"] == "0"  # never gives up
    assert service["StandardInput"] == "tty" and service["TTYPath"].startswith("/dev/tty")
    # Textual draws on stderr: it must be the terminal (the kiosk's own log goes to the journal
    # through kiosk.host.journal_log, never to stderr).
    assert service["StandardInput"] == service["StandardOutput"] == service["StandardError"] == "tty"
    assert service["User"] not in ("root", "0")
    assert "TERM=linux" in service["Environment"] or "TERM=linux" in UNIT.read_text()
    assert service["PrivateNetwork"] == "yes"  # K-P3
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_the_unit_waits_for_ready_and_restarts_a_hung_kiosk():
    """Type=notify: started once the kiosk says READY=1; WatchdogSec: killed and restarted when its
    UI loop stops pinging (kiosk.host.systemd_notify). Only the main process may notify."""
    service = read_unit(UNIT)["Service"]
    assert service["Type"] == "notify" and service["NotifyAccess"] == "main"
    assert 10 <= int(service["WatchdogSec"]) <= 120
    assert service["Restart"] == "always"


def test_the_unit_keeps_data_in_its_state_directory_and_is_sandboxed():
    """Memory limit and the sandboxing that fits a kiosk with a tty and sound."""
    unit = read_unit(UNIT)
    service = unit["Service"]
    assert service["StateDirectory"] == "clinic-kiosk"  # $STATE_DIRECTORY, kiosk.host.data_place
    assert service["MemoryMax"].endswith("M") and int(service["MemoryMax"][:-1]) <= 1024
    expected = {"ProtectSystem": "strict", "ProtectHome": "yes", "PrivateTmp": "yes", "NoNewPrivileges": "yes",
                "PrivateNetwork": "yes", "RestrictAddressFamilies": "AF_UNIX", "DevicePolicy": "closed",
                "CapabilityBoundingSet": "", "LimitCORE": "0"}
    assert {key: service.get(key) for key in expected} == expected
    text = UNIT.read_text(encoding="utf-8")
    assert "DeviceAllow=/dev/tty1 rw" in text and "DeviceAllow=char-alsa rw" in text  # draw and speak
    assert "SupplementaryGroups=audio" in text


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_the_unit_scores_safe_in_systemd_analyze_security(tmp_path):
    """docs/DEPLOYMENT.md records the score; a change that weakens the sandbox shows here."""
    text = UNIT.read_text(encoding="utf-8").replace("/opt/clinic-kiosk/.venv/bin/kiosk", "/bin/true")
    (tmp_path / UNIT.name).write_text(text, encoding="utf-8")
    done = subprocess.run(["systemd-analyze", "security", "--offline=yes", "--threshold=10",
                           str(tmp_path / UNIT.name)], capture_output=True, text=True, timeout=60)
    line = [row for row in done.stdout.splitlines() if "Overall exposure level" in row]
    assert line, done.stdout + done.stderr
    score = float(line[0].split(":")[1].split()[0])
    assert score <= 1.0, line[0]


UPDATE = DEPLOY / "clinic-kiosk-update.service"
STAND_INS = {"/opt/clinic-kiosk/.venv/bin/kiosk": "/bin/true", "/usr/bin/cage": "/bin/true",
             "/opt/clinic-kiosk/deploy/update-content.sh": "/bin/true"}


def exposure(unit: Path, tmp_path: Path) -> str:
    """``systemd-analyze security --offline`` of a shipped unit, e.g. ``"0.7 SAFE"``."""
    text = unit.read_text(encoding="utf-8")
    for path, stand_in in STAND_INS.items():
        text = text.replace(path, stand_in)
    (tmp_path / unit.name).write_text(text, encoding="utf-8")
    done = subprocess.run(["systemd-analyze", "security", "--offline=yes", "--threshold=10",
                           str(tmp_path / unit.name)], capture_output=True, text=True, timeout=60)
    line = [row for row in done.stdout.splitlines() if "Overall exposure level" in row]
    assert line, done.stdout + done.stderr
    return " ".join(line[0].split(":")[1].split()[:2])


def test_the_update_unit_is_sandboxed_like_the_kiosk():
    """It fetches from the network and writes releases: nothing else (the script's own files
    and the kiosk's release record are the only places it may write)."""
    service = read_unit(UPDATE)["Service"]
    expected = {"ProtectSystem": "strict", "ProtectHome": "yes", "PrivateTmp": "yes", "NoNewPrivileges": "yes",
                "PrivateDevices": "yes", "CapabilityBoundingSet": "", "RestrictSUIDSGID": "yes",
                "RestrictNamespaces": "yes", "LockPersonality": "yes", "MemoryDenyWriteExecute": "yes",
                "RestrictAddressFamilies": "AF_UNIX AF_INET AF_INET6", "LimitCORE": "0"}
    assert {key: service.get(key) for key in expected} == expected
    assert service["ReadWritePaths"].split() == ["/srv/clinic-kiosk", "-/var/lib/clinic-kiosk/release"]
    assert service["User"] == "kiosk-content"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_each_units_exposure_is_the_one_the_guide_gives(tmp_path):
    guide = (ROOT / "docs" / "DEPLOYMENT.md").read_text(encoding="utf-8")
    for name in ("clinic-kiosk.service", "clinic-kiosk-serve.service", "clinic-kiosk-update.service",
                 "clinic-kiosk-browser.service"):
        score = exposure(DEPLOY / name, tmp_path)
        assert f"| `{name}` | {score} |" in guide, f"{name} measures {score}: update the table in the guide"
    assert float(exposure(UPDATE, tmp_path).split()[0]) <= 3.0  # was 9.2 UNSAFE with no sandbox


def test_the_unit_runs_the_kiosk_command_that_pyproject_installs():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    argv = read_unit(UNIT)["Service"]["ExecStart"].split()
    assert Path(argv[0]).name in scripts and argv[0].endswith("/.venv/bin/kiosk")
    from kiosk.cli import build_parser

    args = build_parser().parse_args(argv[1:])
    assert args.command == "run" and not args.dev  # locked kiosk mode
    assert str(args.content) == "/srv/clinic-kiosk/content"


def test_the_unit_sets_a_large_terminus_console_font():
    """K-V1: the font is Terminus Bold 16x32 from Debian's console-setup-linux."""
    text = UNIT.read_text(encoding="utf-8")
    assert "setfont" in text and "TerminusBold32x16" in text


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
@pytest.mark.parametrize("name", ["clinic-kiosk.service", "clinic-kiosk-update.service", "clinic-kiosk-update.timer"])
def test_systemd_accepts_the_units(tmp_path, name):
    # The kiosk is not installed under /opt here: point the commands at /bin/true.
    for unit in DEPLOY.glob("clinic-kiosk*"):
        text = unit.read_text(encoding="utf-8")
        for path in ("/opt/clinic-kiosk/.venv/bin/kiosk", "/opt/clinic-kiosk/deploy/update-content.sh"):
            text = text.replace(path, "/bin/true")
        (tmp_path / unit.name).write_text(text, encoding="utf-8")
    done = subprocess.run(["systemd-analyze", "verify", str(tmp_path / name)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr


# --------------------------------------------------------------------------- update-content.sh


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


@pytest.fixture
def install(tmp_path):
    """A fake /opt/clinic-kiosk: a venv whose kiosk and python run this checkout, and a content repo."""
    if shutil.which("git") is None or shutil.which("sh") is None:
        pytest.skip("git and sh are needed")
    program = tmp_path / "opt"
    base = tmp_path / "srv"
    base.mkdir()
    bin_dir = program / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for name, cmd in (("python", f'exec {sys.executable} "$@"'), ("kiosk", f'exec {sys.executable} -m kiosk "$@"')):
        script = bin_dir / name
        script.write_text(f"#!/bin/sh\nPYTHONPATH={ROOT} {cmd}\n", encoding="utf-8")
        script.chmod(0o755)
    origin = tmp_path / "origin"
    shutil.copytree(CONTENT, origin / "content", ignore=shutil.ignore_patterns("var"))
    settings = origin / "content" / "kiosk.yaml"
    text = settings.read_text(encoding="utf-8")
    assert "\ndata_dir:" not in text  # never inside the content folder by default
    settings.write_text(text + f"data_dir: {tmp_path / 'data'}\n", encoding="utf-8")
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "content")
    subprocess.run(["git", "clone", "-q", str(origin), str(base / "repo")], check=True)
    return base, origin


def update_env(base: Path, **more: str) -> dict[str, str]:
    """The update script's settings: the kiosk's data folder is named (on a kiosk it is
    /var/lib/clinic-kiosk), so the script's record lands where the kiosk reads it."""
    env = {**os.environ, "KIOSK_HOME": str(base.parent / "opt"), "CONTENT_HOME": str(base),
           "KIOSK_DATA": str(base.parent / "state"), **more}
    env.pop("CONTENT_SUBDIR", None)
    env.update(more)
    return env


def run_update(base: Path, **more: str) -> subprocess.CompletedProcess:
    env = update_env(base, **({"CONTENT_SUBDIR": "content"} | more))
    done = subprocess.run(["sh", str(DEPLOY / "update-content.sh")], capture_output=True, text=True, env=env,
                          timeout=120)
    assert "Traceback" not in done.stderr, done.stderr  # staff read the journal: words, never a traceback
    return done


def kiosk_record(base: Path, monkeypatch) -> release_record.ReleaseRecord:
    """The release record the kiosk reads (its data folder is the state folder above)."""
    monkeypatch.setenv("STATE_DIRECTORY", str(base.parent / "state"))
    return release_record.read(base / "content")


def test_update_publishes_checked_content_and_refuses_broken_content(install, monkeypatch):
    base, origin = install
    first = run_update(base)
    assert first.returncode == 0, first.stderr
    live = base / "content"
    assert live.is_symlink() and (live / "kiosk.yaml").is_file()
    good = os.readlink(live)

    # staff set a PIN on the kiosk; it must survive updates (it is never in the repository)
    pin_hash = hash_pin("2468", n=2**4)
    set_pin_in_file(live / "kiosk.yaml", pin_hash)

    settings = origin / "content" / "kiosk.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("clinic_name: Riverside Family Clinic",
                                                                     'clinic_name: "Broken'), encoding="utf-8")
    git(origin, "commit", "-q", "-am", "broken")
    refused = run_update(base)
    assert refused.returncode == 2
    assert "kiosk.yaml:" in refused.stderr and "refused" in refused.stderr
    assert os.readlink(live) == good  # the last good content stays live
    # staff mode can say what was refused and why, with the file named inside the release
    record = kiosk_record(base, monkeypatch)
    assert record.refused is not None
    assert record.refused.name == "git-" + git(origin, "rev-parse", "--short=12", "HEAD")
    assert record.refused.errors and all(e.startswith("kiosk.yaml:") for e in record.refused.errors)
    assert not list((base / "releases").glob(".incoming*"))

    settings.write_text(settings.read_text(encoding="utf-8").replace('clinic_name: "Broken',
                                                                     "clinic_name: Lakeside Clinic"), encoding="utf-8")
    git(origin, "commit", "-q", "-am", "fixed")
    fixed = run_update(base)
    assert fixed.returncode == 0, fixed.stderr
    assert os.readlink(live) != good
    text = (live / "kiosk.yaml").read_text(encoding="utf-8")
    assert "clinic_name: Lakeside Clinic" in text and pin_hash in text

    again = run_update(base)  # nothing new
    assert again.returncode == 0 and "is live" not in again.stderr


def test_update_from_a_shared_folder_publishes_only_changes(install, tmp_path):
    base, origin = install
    share = origin / "content"
    env = update_env(base, CONTENT_SOURCE=str(share))

    def update():
        return subprocess.run(["sh", str(DEPLOY / "update-content.sh")], capture_output=True, text=True,
                              env=env, timeout=120)

    first = update()
    assert first.returncode == 0 and "is live" in first.stderr, first.stderr
    live = os.readlink(base / "content")
    same = update()
    assert same.returncode == 0 and "is live" not in same.stderr
    assert os.readlink(base / "content") == live  # unchanged share: no new release, no reload
    (share / "topics" / "muscle-spasms.yaml").write_bytes(b"id: muscle-spasms\ntitle: Half wri")
    half = update()
    assert half.returncode == 2 and os.readlink(base / "content") == live


def test_update_refuses_a_data_folder_inside_the_content(install):
    """Usage counts must survive a content update: a relative data_dir is refused."""
    base, origin = install
    settings = origin / "content" / "kiosk.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text[: text.rindex("\ndata_dir:") + 1] + "data_dir: var\n", encoding="utf-8")
    git(origin, "commit", "-q", "-am", "relative data_dir")
    done = run_update(base)
    assert done.returncode == 2 and "data_dir" in done.stderr
    assert not (base / "content").exists()


def test_update_publishes_content_that_leaves_data_dir_out(install, monkeypatch):
    """The shipped kiosk.yaml has no data_dir: the kiosk's state folder is used, nothing to refuse."""
    base, origin = install
    settings = origin / "content" / "kiosk.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text[: text.rindex("\ndata_dir:") + 1], encoding="utf-8")
    git(origin, "commit", "-q", "-am", "no data_dir, as shipped")
    done = run_update(base)
    assert done.returncode == 0 and "is live" in done.stderr, done.stderr
    assert kiosk_record(base, monkeypatch).refused is None


def test_update_finds_the_content_without_content_subdir(install):
    """With CONTENT_SUBDIR unset the content is at the top of the repository or in content/."""
    base, origin = install
    done = run_update(base, CONTENT_SUBDIR="")  # set to nothing: the top, which has no kiosk.yaml
    assert done.returncode == 2 and "kiosk.yaml" in done.stderr
    env = update_env(base)
    assert "CONTENT_SUBDIR" not in env
    done = subprocess.run(["sh", str(DEPLOY / "update-content.sh")], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0 and "is live" in done.stderr, done.stderr
    assert (base / "content" / "topics").is_dir()

    git(origin, "mv", "content/kiosk.yaml", "content/topics", ".")
    git(origin, "commit", "-q", "-m", "content at the top")
    done = subprocess.run(["sh", str(DEPLOY / "update-content.sh")], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0 and "is live" in done.stderr, done.stderr


def test_update_says_plainly_what_is_wrong_with_content_subdir(install):
    base, origin = install
    done = run_update(base, CONTENT_SUBDIR="kiosk-content")
    assert done.returncode == 1
    assert "CONTENT_SUBDIR" in done.stderr and "kiosk-content" in done.stderr
    assert "fatal:" not in done.stderr  # git's own words are not the message
    assert not (base / "content").exists()

    git(origin, "mv", "content", "elsewhere")
    git(origin, "commit", "-q", "-m", "moved")
    env = update_env(base)
    done = subprocess.run(["sh", str(DEPLOY / "update-content.sh")], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "CONTENT_SUBDIR" in done.stderr and "/etc/default/clinic-kiosk-update" in done.stderr
