"""A private CUPS scheduler for the printing tests: its own folders, its own domain socket.

It never touches the system's cupsd (which may or may not run): everything lives in a fresh
folder under /tmp, the scheduler listens only on ``<folder>/cups.sock`` (no TCP port, so it
cannot clash), and clients reach it through ``CUPS_SERVER``. It must run as root (cupsd drops
to the ``lp`` user for filters and backends, which is why the folder is world-readable).

cups-pdf reads its settings only from ``/etc/cups`` (compiled in); a queue whose device URI is
``cups-pdf:/NAME`` reads ``/etc/cups/cups-pdf-NAME.conf``. Each queue gets such a file, with a
unique NAME, pointing every folder cups-pdf uses (output, its own spool, Ghostscript's temp,
its log) into the private folder; the file is removed on stop.

A test backend ``kiosktest`` is added beside the system's backends (a private ServerBin of
links): ``kiosktest:/paperout`` reports ``media-empty-error`` and never finishes, as a receipt
printer out of paper does; ``kiosktest:/hang`` never finishes and says nothing; ``kiosktest:/fail`` fails at once, as a
printer that cannot be reached does.

Also a script: ``python -m tests.printing.cupsd`` starts one, adds the KioskPDF queue, prints
the CUPS_SERVER line to use, and stops on Enter.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

CUPS_PDF_PPD = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"
SYSTEM_SERVERBIN = Path("/usr/lib/cups")

TEST_BACKEND = """#!/bin/sh
# kiosktest backend: pretends to be a printer that never finishes.
if [ $# -eq 0 ]; then
    echo 'direct kiosktest "Unknown" "Kiosk test printer"'
    exit 0
fi
case "$DEVICE_URI" in
    *paperout*) echo "STATE: +media-empty-error" >&2; echo "INFO: out of paper" >&2 ;;
    *fail*) echo "ERROR: printer not responding" >&2; exit 1 ;;  # CUPS_BACKEND_FAILED
esac
exec sleep 600
"""


def missing_tools() -> list[str]:
    return [t for t in ("cupsd", "lp", "lpstat", "lpadmin", "cupsdisable", "cancel", "pdftotext", "pdftohtml")
            if shutil.which(t) is None]


def why_not_here() -> str | None:
    """Why the real-CUPS tests cannot run here, or None when they can."""
    missing = missing_tools()
    if missing:
        return "CUPS is not installed (missing " + ", ".join(missing) + "): apt-get install cups cups-client " \
               "cups-bsd printer-driver-cups-pdf poppler-utils, as .ci/run does"
    if not (SYSTEM_SERVERBIN / "backend" / "cups-pdf").exists():
        return "cups-pdf is not installed: apt-get install printer-driver-cups-pdf"
    if os.geteuid() != 0:
        return "a private cupsd and cups-pdf's config in /etc/cups need root"
    return None


@dataclass
class PrivateCups:
    base: Path
    preserve_job_files: bool = False
    proc: subprocess.Popen | None = None
    pdf_confs: list[Path] = field(default_factory=list)

    # ----------------------------------------------------------------------- paths

    @property
    def socket(self) -> str:
        return str(self.base / "cups.sock")

    @property
    def spool(self) -> Path:
        return self.base / "spool"

    @property
    def out(self) -> Path:
        return self.base / "out"

    def private_dirs(self) -> list[Path]:
        """Every folder the scheduler, its filters and cups-pdf write into (but not the output).

        Ghostscript's temporary files (run by cups-pdf) go to /var/tmp: pointing cups-pdf's GSTmp
        elsewhere made Ghostscript fail here, so the spool test looks at /var/tmp as well."""
        return [self.spool, self.base / "cache", self.base / "state", self.base / "log",
                self.base / "pdfspool", self.base / "gstmp", self.base / "root"]

    def env(self) -> dict[str, str]:
        return {**os.environ, "CUPS_SERVER": self.socket, "LC_ALL": "C"}

    # ---------------------------------------------------------------------- control

    @classmethod
    def create(cls, preserve_job_files: bool = False) -> PrivateCups:
        base = Path(tempfile.mkdtemp(prefix="kiosk-cups-"))
        base.chmod(0o755)  # filters run as lp and must reach the spool
        cups = cls(base, preserve_job_files)
        cups._write_config()
        return cups

    def _write_config(self) -> None:
        b = self.base
        for d in ("root/ppd", "spool/tmp", "cache", "state", "log", "out", "pdfspool", "gstmp", "serverbin"):
            (b / d).mkdir(parents=True, exist_ok=True)
        for d in ("out", "pdfspool", "gstmp"):
            (b / d).chmod(0o1777)
        # ServerBin: the system's folders, with our test backend beside the real backends.
        serverbin = b / "serverbin"
        for entry in SYSTEM_SERVERBIN.iterdir():
            if entry.name != "backend":
                (serverbin / entry.name).symlink_to(entry)
        backends = serverbin / "backend"
        backends.mkdir()
        for entry in (SYSTEM_SERVERBIN / "backend").iterdir():
            (backends / entry.name).symlink_to(entry)
        test_backend = backends / "kiosktest"
        test_backend.write_text(TEST_BACKEND)
        test_backend.chmod(0o755)
        (b / "root" / "cups-files.conf").write_text(
            f"ServerRoot {b}/root\nRequestRoot {b}/spool\nTempDir {b}/spool/tmp\nCacheDir {b}/cache\n"
            f"StateDir {b}/state\nAccessLog {b}/log/access_log\nErrorLog {b}/log/error_log\n"
            f"PageLog {b}/log/page_log\nServerBin {serverbin}\nDataDir /usr/share/cups\n"
            "User lp\nGroup lp\nSystemGroup root\n"
        )
        # The kiosk's settings from docs/DEPLOYMENT.md, plus a socket of our own and no browsing;
        # preserve_job_files=True leaves CUPS's defaults (history and files kept a day).
        keep = "" if self.preserve_job_files else "PreserveJobFiles No\nPreserveJobHistory No\n"
        (b / "root" / "cupsd.conf").write_text(
            f"LogLevel warn\nListen {b}/cups.sock\nBrowsing No\nWebInterface No\n"
            f"{keep}MaxJobTime 300\nMaxJobs 20\n"
            "ErrorPolicy stop-printer\nJobKillDelay 5\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n"
        )

    def start(self, timeout: float = 20) -> None:
        root = self.base / "root"
        self.proc = subprocess.Popen(
            ["cupsd", "-f", "-c", str(root / "cupsd.conf"), "-s", str(root / "cups-files.conf")],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"cupsd exited with {self.proc.returncode}: {self.error_log()[-2000:]}")
            if Path(self.socket).exists():
                check = subprocess.run(["lpstat", "-r"], env=self.env(), capture_output=True, text=True, timeout=5)
                if "scheduler is running" in check.stdout:
                    return
            time.sleep(0.1)
        raise RuntimeError("private cupsd did not start: " + self.error_log()[-2000:])

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None

    def close(self) -> None:
        self.stop()
        for conf in self.pdf_confs:
            conf.unlink(missing_ok=True)
        shutil.rmtree(self.base, ignore_errors=True)

    def error_log(self) -> str:
        log = self.base / "log" / "error_log"
        return log.read_text(errors="replace") if log.exists() else ""

    def run(self, *argv: str, timeout: float = 20) -> subprocess.CompletedProcess:
        return subprocess.run(list(argv), env=self.env(), capture_output=True, text=True, timeout=timeout, check=True)

    # ----------------------------------------------------------------------- queues

    def add_pdf_queue(self, name: str = "KioskPDF") -> str:
        """A cups-pdf queue writing into ``self.out``; returns the queue name."""
        tag = "kiosktest" + uuid.uuid4().hex[:10]
        conf = Path("/etc/cups") / f"cups-pdf-{tag}.conf"
        conf.write_text(
            f"Out {self.out}\nAnonDirName {self.out}\nSpool {self.base}/pdfspool\n"
            f"Log {self.base}/log\nLogType 1\nGrp root\n"
        )
        self.pdf_confs.append(conf)
        self.run("lpadmin", "-p", name, "-v", f"cups-pdf:/{tag}", "-m", CUPS_PDF_PPD, "-E")
        return name

    def add_test_queue(self, name: str, behaviour: str) -> str:
        """A queue on the ``kiosktest`` backend: ``paperout``, ``hang`` or ``fail``."""
        self.run("lpadmin", "-p", name, "-v", f"kiosktest:/{behaviour}", "-m", "raw", "-E")
        return name

    def wait_for_pdf(self, before: set[Path], timeout: float = 30) -> Path:
        """The first new, complete PDF in ``self.out``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for path in sorted(set(self.out.glob("*.pdf")) - before):
                data = path.read_bytes()
                if data.rstrip().endswith(b"%%EOF"):
                    return path
            time.sleep(0.1)
        raise TimeoutError(f"no PDF from cups-pdf in {timeout} s; error_log:\n{self.error_log()[-2000:]}")


if __name__ == "__main__":
    reason = why_not_here()
    if reason:
        raise SystemExit(reason)
    cups = PrivateCups.create()
    try:
        cups.start()
        queue = cups.add_pdf_queue()
        print(f"private cupsd running; queue {queue}; PDFs in {cups.out}")
        print(f"export CUPS_SERVER={cups.socket}")
        input("Enter stops it and removes everything... ")
    finally:
        cups.close()
