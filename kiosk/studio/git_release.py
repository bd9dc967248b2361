"""Publishing into a content folder that is a git working copy: commit the files, then push.

Where kiosks take their content from a git repository (docs/DEPLOYMENT.md, section 7), staff
run the studio on a clone of that repository: a publish then commits the topic files it wrote,
with a message naming them, and pushes to the branch's upstream, from which every kiosk's
update service takes it (and checks it again). Each step's failure comes back as one plain
sentence; the files stay written either way. Runs ``git`` only; never imports Textual.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

#: Longest wait for one git command (a push over a slow network).
GIT_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class GitOutcome:
    ok: bool
    message: str


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True,
                          timeout=GIT_TIMEOUT_SECONDS, stdin=subprocess.DEVNULL)


def is_git_folder(folder: Path) -> bool:
    try:
        return _git(folder, "rev-parse", "--is-inside-work-tree").stdout.strip() == "true"
    except (OSError, subprocess.SubprocessError):
        return False


def commit_and_push(folder: Path, files: list[Path], message: str) -> GitOutcome:
    """``git add`` the files, commit them, and push when the branch has an upstream."""
    try:
        added = _git(folder, "add", "--", *(str(f) for f in files))
        if added.returncode:
            return GitOutcome(False, f"git could not add the files: {_last_line(added)}")
        committed = _git(folder, "commit", "-m", message, "--", *(str(f) for f in files))
        if committed.returncode:
            return GitOutcome(False, f"git could not commit: {_last_line(committed)}")
        upstream = _upstream(folder)
        if upstream is None:
            return GitOutcome(True, "Committed in git (this branch has no remote to push to).")
        pushed = _git(folder, "push")
        if pushed.returncode:
            return GitOutcome(False, f"Committed in git, but the push to {upstream} failed: "
                                     f"{_last_line(pushed)}. Push again when the network is back.")
        return GitOutcome(True, f"Committed and pushed to {upstream}; the kiosks take it at "
                                "their next content update.")
    except (OSError, subprocess.SubprocessError) as error:
        return GitOutcome(False, f"git did not run: {error}")


def _upstream(folder: Path) -> str | None:
    """``origin/main``: where a plain ``git push`` of this branch goes, or None when nowhere."""
    branch = _git(folder, "symbolic-ref", "--quiet", "--short", "HEAD").stdout.strip()
    if not branch:
        return None
    remote = _git(folder, "config", f"branch.{branch}.remote").stdout.strip()
    merge = _git(folder, "config", f"branch.{branch}.merge").stdout.strip()
    if not remote or not merge:
        return None
    return f"{remote}/{merge.removeprefix('refs/heads/')}"


def _last_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = [line.strip() for line in (done.stderr or done.stdout).splitlines() if line.strip()]
    return lines[-1] if lines else f"exit code {done.returncode}"
