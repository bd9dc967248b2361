"""``python -m bench`` (``make bench``): every figure of the kiosk beside its reference, one run.

Prints progress on stderr, then the table (figure | kiosk | reference | ratio | target |
PASS/FAIL) and the machine on stdout. Always exits 0 when the bench itself ran: a missed
target is a finding to act on, not a broken build. ``--json FILE`` also writes the raw figures.
See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from bench import library_gen, report
from bench.startup import ROOT

SHIPPED = ROOT / "content"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-up runs per variant (median; default 7)")
    parser.add_argument("--samples", type=int, default=200, help="keys timed for key-to-screen (default 200)")
    parser.add_argument("--speech-runs", type=int, default=7, help="speech trials (median; default 7)")
    parser.add_argument("--topics", type=int, default=1000, help="topics in the generated library (default 1000)")
    parser.add_argument("--skip", action="append", default=[], choices=["startup", "loading", "latency", "speech"])
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the raw figures here")
    args = parser.parse_args(argv)

    began = time.monotonic()
    info = report.machine()
    rows: list[report.Row] = []
    raw: dict = {"machine": info}
    big = f"{args.topics:,} topics"
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        generated = library_gen.generate_library(Path(tmp) / "content", args.topics)
        log(f"generated {big} in {generated}")

        if "loading" not in args.skip:
            from bench import loading

            log("load + validate ...")
            for label, folder, target in ((big, generated, 1.0), ("shipped content", SHIPPED, None)):
                times = loading.measure(folder, budget=8.0)
                raw[f"load {label}"] = times.__dict__
                note = (f"first call in a fresh process; warm (a staff reload): median "
                        f"{times.warm_median:.3f} s of {len(times.warm)}" if times.warm else (times.error or ""))
                rows.append(report.Row(f"Load + validate, {label}", times.cold, times.ref_median, "s",
                                       max_value=target, note=note + "; reference: the YAML read alone"))
                if times.validate is not None:
                    rows.append(report.Row(f"kiosk validate (with reading grades), {label}", times.validate,
                                           times.ref_median, "s", note="staff's check; the kiosk skips grading"))

        if "startup" not in args.skip:
            from bench import startup

            log("start-up (whole processes) ...")
            variants = [("bare", ["bare"]), ("shipped", ["kiosk", str(SHIPPED)]), ("big", ["kiosk", str(generated)])]
            runs = startup.measure(variants, args.runs, log=log)
            raw["startup"] = {name: r.__dict__ for name, r in runs.items()}
            bare, shipped, many = runs["bare"], runs["shipped"], runs["big"]

            def n(r) -> str:
                return f"median of {len(r.first_paint)}" + (f"; errors: {r.errors[0]}" if r.errors else "")

            rows.append(report.Row("Start to first paint, shipped content", shipped.median("first_paint"),
                                   bare.median("first_paint"), "s", max_ratio=1.5,
                                   note=f"{n(shipped)} (bare: {n(bare)}); to exit: "
                                        f"{shipped.median('wall'):.3f} s vs {bare.median('wall'):.3f} s"))
            rows.append(report.Row(f"Start to first paint, {big}", many.median("first_paint"),
                                   bare.median("first_paint"), "s", max_ratio=2.0, note=n(many)))
            mb = 1 / 1024
            rows.append(report.Row("Peak RSS at first paint, shipped content",
                                   shipped.median("hwm_kb") and shipped.median("hwm_kb") * mb,
                                   bare.median("hwm_kb") and bare.median("hwm_kb") * mb, "MB", max_ratio=1.5,
                                   note="VmHWM of the kiosk process (its speech engine child not included)"))
            rows.append(report.Row(f"Peak RSS at first paint, {big}",
                                   many.median("hwm_kb") and many.median("hwm_kb") * mb,
                                   bare.median("hwm_kb") and bare.median("hwm_kb") * mb, "MB"))

        if "latency" not in args.skip:
            from bench import latency
            from kiosk.loader import load_library

            log(f"key-to-screen: loading {big} in this process ...")
            library = load_library(generated, grade=False).library
            log(f"key-to-screen: {args.samples} keys ...")
            lat = latency.measure(library, args.samples)
            shown, settled = latency.summary(lat.values("shown")), latency.summary(lat.values("settled"))
            turns, screens = latency.summary(lat.values("shown", "turn")), latency.summary(lat.values("shown", "screen"))
            raw["latency"] = {"shown": shown, "settled": settled, "turns": turns, "screens": screens,
                              "missing": lat.missing, "deepest_keys": lat.deepest_keys}
            ms = 1000
            rows.append(report.Row(f"Key to screen, median ({big})", shown["median"] * ms, unit="ms",
                                   note=f"{shown['n']} keys: page turns median {turns['median'] * ms:.1f} ms "
                                        f"p95 {turns['p95'] * ms:.1f} ms; screen changes median "
                                        f"{screens['median'] * ms:.1f} ms p95 {screens['p95'] * ms:.1f} ms; "
                                        f"max {shown['max'] * ms:.1f} ms"
                                        + (f"; {lat.missing} keys never showed the expected text (settled used)"
                                           if lat.missing else "")))
            rows.append(report.Row(f"Key to screen, p95 ({big})", shown["p95"] * ms, unit="ms", max_value=50))
            rows.append(report.Row(f"Key to screen settled, p95 ({big})", settled["p95"] * ms, unit="ms",
                                   note=f"last frame the key caused; median {settled['median'] * ms:.1f} ms, "
                                        f"max {settled['max'] * ms:.1f} ms"))
            rows.append(report.Row(f"Keys from home to the deepest page ({big})", lat.deepest_keys, unit="keys",
                                   note="no groups set: 8 (More topics) page by page, then the topic's contents"))
            resets = latency.summary(lat.values("shown", "reset"))
            raw["latency"]["resets"] = resets
            rows.append(report.Row(f"Finish to a fresh home, median ({big})", resets["median"] * ms, unit="ms",
                                   note=f"{resets['n']} resets (a new visit: every screen rebuilt, K-P1); "
                                        f"max {resets['max'] * ms:.1f} ms; not a key-to-screen sample"))
            del library

        if "speech" not in args.skip:
            from bench import speech
            from kiosk.loader import load_library

            log("speech (real engine, null-sink player) ...")
            result = speech.measure(load_library(SHIPPED, grade=False).library, args.speech_runs)
            raw["speech"] = result.__dict__
            ms = 1000
            med = speech.median
            first, ref_first = med(result.first_audio), med(result.ref_espeak)
            stop, ref_stop = med(result.stopped), med(result.ref_kill)
            problem = f"; {result.error}" if result.error else ""
            rows.append(report.Row("Speech: page key to first sentence's WAV", first and first * ms,
                                   ref_first and ref_first * ms, "ms", max_ratio=1.5,
                                   note=f"median of {len(result.first_audio)}; reference: espeak-ng -w, same "
                                        f"sentence ({result.sentence!r}), whole process{problem}"))
            rows.append(report.Row("Speech: key press to speech stopped", stop and stop * ms,
                                   ref_stop and ref_stop * ms, "ms", max_value=150,
                                   note=f"median of {len(result.stopped)}, max "
                                        f"{max(result.stopped, default=0) * ms:.1f} ms; reference: SIGTERM "
                                        f"to a bare child until it is gone"))

    info["load average"] += f" (start) / {report.machine()['load average']} (end)"
    print()
    print(report.table(rows))
    print()
    print("Machine: " + report.machine_line(info))
    print(f"Bench time: {time.monotonic() - began:.0f} s")
    if args.json:
        raw["rows"] = [{**r.__dict__, "ratio": r.ratio, "verdict": r.verdict} for r in rows]
        args.json.write_text(json.dumps(raw, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
