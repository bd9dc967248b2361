"""The ``kiosk`` command: ``validate`` and ``schema`` (exit codes, what staff read, the shipped
schemas) and the conventions every sub-command keeps (``--help``, ``--content``, exit codes)."""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import build_parser, main
from kiosk.content.schema import Topic
from kiosk.content.settings_schema import KioskSettings
from kiosk.host import exit_codes

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "content"
VALID = FIXTURES / "valid"
BROKEN = sorted(p for p in (FIXTURES / "broken").iterdir() if p.is_dir())
SHIPPED = ROOT / "content"
SUMMARY = re.compile(r"^OK: (\d+) topic\(s\), (\d+) page\(s\), (\d+) question\(s\), (\d+) warning\(s\)$", re.M)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_valid_content_prints_grades_and_a_summary(capsys):
    code, out, err = run(capsys, "validate", str(VALID))
    assert (code, err) == (0, "")
    assert SUMMARY.findall(out) == [("1", "2", "4", "0")]
    assert re.search(r"^demo \(en\): reading grade \d+\.\d \(Flesch-Kincaid\), SMOG \d+\.\d$", out, re.M)


@pytest.mark.parametrize("case", BROKEN, ids=lambda p: p.name)
def test_validate_broken_content_prints_every_problem(case, capsys, monkeypatch):
    monkeypatch.chdir(case)
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    code, out, err = run(capsys, "validate", ".")
    printed = [line for line in (err + out).splitlines()
               if line.startswith(("topics", "kiosk.yaml")) and ": note: " not in line]
    days_ago = re.compile(r"reviewed \d+ days ago")  # counted from today here, from a fixed day in expected.txt
    assert [days_ago.sub("reviewed N days ago", line) for line in printed] == [
        days_ago.sub("reviewed N days ago", line) for line in expected
    ]
    only_warnings = all(": warning: " in line for line in expected)
    assert code == (0 if only_warnings else 2)
    if only_warnings:
        assert SUMMARY.search(out)
    else:
        assert f"{len(expected)} error(s), 0 warning(s) in .: the kiosk will keep its last good content." in err
    assert "Traceback" not in out + err


def test_validate_a_missing_folder_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, "validate", str(tmp_path / "nowhere"))
    assert code == 2
    assert f"{tmp_path / 'nowhere'}: (folder): no such content folder" in err


def test_validate_says_one_line_if_the_checker_itself_fails(capsys, monkeypatch):
    import kiosk.content.loader

    def broken_loader(folder, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(kiosk.content.loader, "load_library", broken_loader)  # the one content path's loader
    code, out, err = run(capsys, "validate", str(VALID))
    assert code == 1
    assert err.splitlines() == [f"kiosk validate could not check {VALID}: "
                                "RuntimeError: disk on fire. Please report this."]
    assert "Traceback" not in out + err


@pytest.mark.parametrize(
    ("folder", "code", "says"),
    [
        (VALID, 0, "OK: 1 topic(s), 2 page(s), 4 question(s), 0 warning(s)"),
        (FIXTURES / "broken" / "two-files-two-problems", 2, "2 error(s), 0 warning(s)"),
        (FIXTURES / "broken" / "yaml-syntax-error", 2, "topics/demo.yaml:5: (syntax):"),
        (FIXTURES / "broken" / "not-utf8", 2, "topics/demo.yaml:6: (file): is not UTF-8 text"),
    ],
)
def test_validate_as_a_real_command(folder, code, says):
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", str(folder)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == code, done.stderr
    assert says in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def _hostile_folder(tmp_path: Path) -> Path:
    import shutil

    folder = tmp_path / "c"
    shutil.copytree(VALID, folder)
    bomb = ['lol: &l0 "lol lol lol lol lol lol lol lol lol lol"']
    bomb += [f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 10)]
    (folder / "topics" / "bomb.yaml").write_text("\n".join(bomb) + "\n", encoding="utf-8")
    demo = (folder / "topics" / "demo.yaml").read_text(encoding="utf-8")
    (folder / "topics" / "huge.yaml").write_text(demo + "# " + "x" * 50 * 1024 * 1024 + "\n", encoding="utf-8")
    (folder / "topics" / "x\x1b[2J.yaml").write_text(demo.replace("title: Hiccups", '"ti\\e]0;pwned\\atle": x'),
                                                     encoding="utf-8")
    return folder


def test_validate_refuses_an_alias_bomb_a_50_mb_file_and_escapes_at_once(tmp_path):
    """A content bomb through the real command: before, the bomb took 3.7 GB and ended in
    MemoryError, the 50 MB file ran past 120 s, and both names and fields reached the terminal raw."""
    import time

    folder = _hostile_folder(tmp_path)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kiosk", "validate", "c"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert time.perf_counter() - started < 10
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[:2] == [
        "c/topics/bomb.yaml:2: (syntax): aliases are not allowed in content; write the text out",
        "c/topics/huge.yaml: (file): is 50.0 MB, more than the 1 MB a content file may be (a long topic is about "
        "25 KB); split it, or remove what is not content",
    ]
    assert "c/topics/x\\x1b[2J.yaml:5: (top): a field name has the character U+001B (escape); delete it" in lines
    assert "\x1b" not in done.stdout + done.stderr and "\x07" not in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert folder.is_dir()


# --------------------------------------------------------------------------- schema


def test_schema_writes_both_files_with_the_models_fields(capsys, tmp_path):
    code, out, _ = run(capsys, "schema", "--content", str(tmp_path))
    assert code == 0
    for name, model in (("kiosk", KioskSettings), ("topic", Topic)):
        path = tmp_path / "schema" / f"{name}.schema.json"
        assert f"wrote {path}" in out
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert set(schema["properties"]) == set(model.model_fields)
        assert schema["additionalProperties"] is False  # editors flag unknown keys as the loader does


def test_schema_into_an_unwritable_place_exits_2(capsys, tmp_path):
    blocker = tmp_path / "content"
    blocker.write_text("a file, not a folder\n")
    code, _, err = run(capsys, "schema", "--content", str(blocker))
    assert code == 2
    assert "cannot write the schemas" in err


def test_shipped_schemas_match_the_models(capsys, tmp_path):
    shipped = sorted((SHIPPED / "schema").glob("*.schema.json"))
    if not shipped:
        pytest.skip("content/schema/ is not written yet")
    run(capsys, "schema", "--content", str(tmp_path))
    for name in ("kiosk.schema.json", "topic.schema.json"):
        fresh = (tmp_path / "schema" / name).read_text(encoding="utf-8")
        assert (SHIPPED / "schema" / name).read_text(encoding="utf-8") == fresh, f"run `make schema`: {name} is stale"


def test_shipped_yaml_files_name_their_schema():
    files = [SHIPPED / "kiosk.yaml", *sorted((SHIPPED / "topics").glob("*.yaml"))]
    files = [f for f in files if f.exists()]
    if not files:
        pytest.skip("the shipped content is not written yet")
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{path.name} line 1 should name its schema, not {first!r}"
        kind = "kiosk" if path.name == "kiosk.yaml" else "topic"
        target = (path.parent / match.group(1)).resolve()
        assert target == (SHIPPED / "schema" / f"{kind}.schema.json").resolve(), f"{path.name} names {match.group(1)}"


def test_version_prints_the_package_version(capsys):
    from kiosk import __version__

    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0 and capsys.readouterr().out == f"kiosk {__version__}\n"


@pytest.mark.parametrize("argv, dev, content", [
    ([], False, None),
    (["--dev"], True, None),
    (["--dev", "--content", "elsewhere"], True, "elsewhere"),
    (["run", "--dev"], True, None),
])
def test_options_without_a_command_mean_run(monkeypatch, argv, dev, content):
    """``kiosk --dev`` is ``kiosk run --dev`` (it used to exit 2: unrecognised argument)."""
    import kiosk.ui.launch

    seen = []
    monkeypatch.setattr(kiosk.ui.launch, "run_command", lambda args: seen.append(args) or 0)
    assert main(argv) == 0
    (args,) = seen
    assert args.command == "run" and args.dev is dev
    assert content is None or str(args.content) == content


def test_the_installed_command_accepts_dev_and_version():
    done = subprocess.run([sys.executable, "-m", "kiosk", "--version"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("kiosk ")
    done = subprocess.run([sys.executable, "-m", "kiosk", "--dev", "--help"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and "--idle-timeout" in done.stdout  # `run`'s help: --dev went to `run`


@pytest.mark.parametrize("argv, words", [
    (["run", "--warning", "3"], "--warning must be at least 20 seconds"),
    (["run", "--idle-timeout", "0"], "--idle-timeout must be more than 0"),
    (["run", "--warning", "-1", "--dev"], "--warning must be more than 0"),
])
def test_trial_values_that_would_break_the_kiosk_are_refused_plainly(capsys, argv, words):
    """`--warning 3` was once accepted and `--idle-timeout 0` ended in a traceback."""
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_validate_tells_staff_when_no_pin_is_set(capsys, tmp_path):
    """With no PIN set, staff learn it here (patients are shown nothing)."""
    code, out, err = run(capsys, "validate", str(VALID))
    assert "staff.pin_hash: note: no staff PIN is set" in out and "kiosk set-pin --content" in out


def test_validate_reports_each_topics_pages_and_keys_to_its_deepest_page(capsys):
    """Validate counts what home shows, as home counts it (kiosk.content.library_nav)."""
    code, out, _ = run(capsys, "validate", str(VALID))
    assert code == 0
    assert "home (en): 1 topic(s) as 1 topic(s) on 1 page(s)" in out
    assert "demo (en): 2 page(s); last page 3 key(s) from home: 1 2 2" in out  # topic, contents, page 2


@pytest.mark.parametrize(("groups", "warned", "deepest"), [(0, True, 22), (10, False, 6)])
def test_validate_warns_about_a_library_of_many_home_pages_without_groups(capsys, tmp_path, groups, warned, deepest):
    """More than one page of topics and no groups: a warning (not an error).
    (English topics only: home offers no language key.)"""
    from bench.library_gen import generate_library

    folder = generate_library(tmp_path / "lib", 100, groups=groups)
    code, out, _ = run(capsys, "validate", str(folder))
    assert code == 0
    assert ("need 20 pages on the home screen and no groups are set" in out) is warned
    assert f"the deepest page takes {deepest} key(s) from home" in out


# ---------------------------------------------------------------- conventions of every command


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    (action,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


SUBCOMMANDS = sorted(_subcommands())


def test_the_commands_are_the_ones_these_tests_know():
    assert SUBCOMMANDS == sorted(["run", "validate", "schema", "say", "set-pin", "stats", "print-test",
                                  "alert-test", "serve", "studio", "metrics"])


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_command_help_has_a_one_line_description_and_examples(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    after_usage = out.split("\n\n")[1]  # argparse: usage, blank line, description
    assert "\n" not in after_usage.strip() and after_usage.strip().endswith(".")
    assert after_usage.strip() != ""
    examples = out.split("\nExamples:\n", 1)
    assert len(examples) == 2, out
    lines = [line for line in examples[1].splitlines() if line.strip().startswith("kiosk ")]
    assert lines and all(line.split()[1] == command for line in lines)
    for line in lines:  # each example parses as written (comments after two spaces aside)
        argv = line.strip().split("  ")[0].split(" > ")[0].split()[1:]
        build_parser().parse_args(argv)


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_command_takes_the_content_folder_as_content(command, tmp_path):
    extra = {"say": ["muscle-spasms", "--out", "x.wav"]}.get(command, [])
    args = build_parser().parse_args([command, *extra, "--content", str(tmp_path)])
    assert args.content == tmp_path


def test_validate_takes_the_folder_on_its_own_too(capsys):
    assert run(capsys, "validate", "--content", str(VALID))[0] == exit_codes.OK
    assert run(capsys, "validate", str(VALID))[0] == exit_codes.OK


def test_validate_refuses_the_folder_given_twice(capsys):
    with pytest.raises(SystemExit) as done:
        main(["validate", str(VALID), "--content", str(VALID)])
    assert done.value.code == 2
    assert "give the content folder once" in capsys.readouterr().err


def test_validate_without_a_folder_checks_the_default_one(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)  # ./content unless $KIOSK_CONTENT said otherwise when kiosk.cli loaded
    monkeypatch.setattr("kiosk.cli.DEFAULT_CONTENT", VALID)
    code, out, _ = run(capsys, "validate")
    assert code == exit_codes.OK and SUMMARY.findall(out) == [("1", "2", "4", "0")]


#: Every module of the kiosk: any function returning an exit code names it from the one module.
CODE_MODULES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "kiosk").rglob("*.py"))


@pytest.mark.parametrize("module", CODE_MODULES)
def test_exit_codes_are_named_from_the_one_module(module):
    """No ``return 2`` in a command or ``main``, no ``exit_code = 64``: a code is a name from kiosk.host.exit_codes."""
    tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
    literals = []
    for node in ast.walk(tree):
        exits = node.name == "main" or node.name.endswith("_command") if isinstance(node, ast.FunctionDef) else False
        if exits and node.returns is not None and ast.unparse(node.returns) == "int":
            for ret in ast.walk(node):
                if isinstance(ret, ast.Return) and isinstance(ret.value, ast.Constant):
                    literals.append(f"{node.name}:{ret.lineno}")
        is_int = isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and type(node.value.value) is int
        if is_int and any("EXIT" in ast.unparse(t).upper() for t in node.targets):
            literals.append(f"{ast.unparse(node)}:{node.lineno}")
    assert literals == []


def test_the_app_the_server_and_the_units_agree_on_the_exit_codes():
    from kiosk.ui import app
    from kiosk.web import serve

    # no module keeps a copy of a code under its own name: every use reads kiosk.host.exit_codes
    assert [name for name in vars(app) if name.endswith("EXIT_CODE")] == []
    assert [name for name in vars(serve) if name.endswith("EXIT_CODE")] == []
    codes = [v for k, v in vars(exit_codes).items() if k.isupper()]
    assert len(codes) == len(set(codes)), "two names for one code"
    stays_down = {"clinic-kiosk.service": f"{exit_codes.MAINTENANCE}",
                  # the browser unit also stays down when the web extra is missing: a restart cannot help
                  "clinic-kiosk-serve.service": f"{exit_codes.MAINTENANCE} {exit_codes.UNAVAILABLE}"}
    for unit, codes in stays_down.items():
        text = (ROOT / "deploy" / unit).read_text(encoding="utf-8")
        assert re.findall(r"^RestartPreventExitStatus=(.+)$", text, re.M) == [codes]


#: Run ``kiosk serve`` in an interpreter where textual_serve cannot be imported (a console kiosk).
_WITHOUT_WEB = """
import sys
class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("textual_serve", "aiohttp"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, Blocker())
from kiosk.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_serve_without_the_web_extra_says_what_to_install(tmp_path):
    done = subprocess.run([sys.executable, "-c", _WITHOUT_WEB, "serve", "--content", str(VALID), "--port", "9"],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == exit_codes.UNAVAILABLE
    assert done.stdout == ""
    assert done.stderr.splitlines() == ["kiosk serve needs the web extra: pip install 'clinic-kiosk[web]'"]


def test_serve_help_names_the_extra_even_without_it(tmp_path):
    done = subprocess.run([sys.executable, "-c", _WITHOUT_WEB, "serve", "--help"],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0 and "pip install 'clinic-kiosk[web]'" in done.stdout


def test_validate_reports_the_core_and_the_summary_in_screens_at_40x12(capsys):
    code, out, _ = run(capsys, "validate", str(VALID))
    assert code == 0
    line = re.search(r"^demo \(en\): core (\d+) screen\(s\) at 40x12 \(aim for 30 or fewer\); provider summary up "
                     r"to (\d+) screen\(s\) at 40x12, every question answered with its longest answers "
                     r"\(aim for 6 or fewer\)$", out, re.M)
    assert line is not None
    assert 2 <= int(line.group(1)) <= 30 and 1 <= int(line.group(2)) <= 6


def test_validate_warns_when_the_core_or_the_summary_takes_too_many_screens(capsys, tmp_path):
    import shutil

    content = tmp_path / "c"
    shutil.copytree(VALID, content)
    path = content / "topics" / "demo.yaml"
    text = path.read_text(encoding="utf-8")
    page = "  - heading: More on hiccups\n    body: |\n" + "".join(
        f"      Hiccups line {n} says a little more about them.\n\n" for n in range(8))
    phrase = "a long extra answer phrase that goes on and on " * 4
    long_answers = "".join(f"        - id: extra-{n}\n          label: Extra {n}\n"
                           f"          summary: {phrase}number {n}\n" for n in range(4))
    text = text.replace("red_flags:\n", page * 6 + "red_flags:\n", 1)
    text = text.replace("          summary: nothing yet\n          exclusive: true\n",
                        "          summary: nothing yet\n          exclusive: true\n" + long_answers, 1)
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(content))
    assert code == 0  # warnings: the kiosk can still use it
    lines = text.splitlines()
    core = re.search(r"demo\.yaml:(\d+): pages: warning: the core takes (\d+) screens at 40x12, more than 30;", out)
    assert core is not None and int(core.group(2)) > 30 and lines[int(core.group(1)) - 1] == "pages:"
    summary = re.search(r"demo\.yaml:(\d+): flow: warning: the provider summary takes up to (\d+) screens at 40x12 "
                        r"\(every question answered with its longest answers\), more than 6;", out)
    assert summary is not None and int(summary.group(2)) > 6 and lines[int(summary.group(1)) - 1] == "flow:"
