"""`kiosk run`'s launcher: a fresh kiosk after a failed app loop, with an apology, never a traceback."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.host import exit_codes
from kiosk.ui import launch
from kiosk.ui.app import KioskApp

CONTENT = Path(__file__).resolve().parents[2] / "content"


def args(**kw):
    base = dict(content=CONTENT, dev=False, idle_timeout=None, warning=None, speech="none")
    return argparse.Namespace(**{**base, **kw})


def test_a_failed_app_loop_starts_a_fresh_kiosk_that_apologises(monkeypatch, tmp_path):
    codes = iter([exit_codes.RESTART, exit_codes.RESTART, exit_codes.MAINTENANCE])
    started = []

    def fake_run(self, *a, **kw):
        started.append(self._show_apology)
        self._return_code = next(codes)

    monkeypatch.setattr(KioskApp, "run", fake_run)
    monkeypatch.setattr(launch, "data_folder", lambda content, data_dir, dev=False: tmp_path)
    assert launch.run_command(args()) == exit_codes.MAINTENANCE
    assert started == [False, True, True]


def test_broken_content_at_start_is_reported_not_run(tmp_path, capsys):
    (tmp_path / "kiosk.yaml").write_text("clinic_name: [\n", encoding="utf-8")
    assert launch.run_command(args(content=tmp_path)) == 2
    err = capsys.readouterr().err
    assert "kiosk.yaml:" in err and "Traceback" not in err
