"""``python -m bench`` (``make bench``): every figure of the kiosk beside its reference, one run.

Prints progress on stderr, then the table (figure | kiosk | reference | ratio | target |
PASS/FAIL) and the machine on stdout. A missed target is a finding to act on, not a broken
build: it exits 0 then. A row that could not measure (n/a: a screen the bench did not expect,
an engine missing) is a broken bench: it exits 1 and says which rows and why.
``--json FILE`` also writes the raw figures.
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


def scaled(value: float | None, factor: float) -> float | None:
    """``value * factor``, or ``value`` itself when it is None (or 0)."""
    return value and value * factor


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-up runs per variant (median; default 7)")
    parser.add_argument("--samples", type=int, default=200, help="keys timed for key-to-screen (default 200)")
    parser.add_argument("--speech-runs", type=int, default=7, help="speech trials (median; default 7)")
    parser.add_argument("--topics", type=int, default=1000, help="topics in the generated library (default 1000)")
    parser.add_argument("--reference-keys", type=int, default=120,
                        help="screen pushes and pops of the key-to-screen reference app (default 120)")
    parser.add_argument("--reloads", type=int, default=20, help="staff reloads for the memory figure (default 20)")
    parser.add_argument("--skip", action="append", default=[],
                        choices=["startup", "loading", "latency", "reloads", "speech", "idle"])
    parser.add_argument("--idle-seconds", type=float, default=60,
                        help="seconds over which idle CPU is measured (default 60)")
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
                                   scaled(shipped.median("hwm_kb"), mb),
                                   scaled(bare.median("hwm_kb"), mb), "MB", max_ratio=1.4,
                                   note="VmHWM of the kiosk process (its speech engine child not included)"))
            rows.append(report.Row(f"Peak RSS at first paint, {big}",
                                   scaled(many.median("hwm_kb"), mb),
                                   scaled(bare.median("hwm_kb"), mb), "MB"))

        if "latency" not in args.skip:
            from bench import latency
            from kiosk.content.loader import load_library

            log(f"key-to-screen: loading {big} in this process ...")
            library = load_library(generated, grade=False).library
            half = args.reference_keys // 2 // 2 * 2  # even: each half ends back on its home
            log(f"key-to-screen: reference app, {half} keys ...")
            ref = latency.measure_reference(library, half)
            log(f"key-to-screen: {args.samples} keys ...")
            lat = latency.measure(library, args.samples)
            log(f"key-to-screen: reference app, {args.reference_keys - half} keys ...")
            ref.samples += latency.measure_reference(library, args.reference_keys - half).samples
            ref_all = latency.summary(ref.values("shown"))
            ref_push = latency.summary([s.shown for s in ref.samples if s.key != "escape" and s.shown is not None])
            ref_pop = latency.summary([s.shown for s in ref.samples if s.key == "escape" and s.shown is not None])
            kiosk_push = latency.summary([s.shown if s.shown is not None else s.settled for s in lat.samples
                                          if s.kind == "screen" and s.key not in ("escape", "0")])
            kiosk_pop = latency.summary([s.shown if s.shown is not None else s.settled for s in lat.samples
                                         if s.kind == "screen" and s.key in ("escape", "0")])
            shown, settled = latency.summary(lat.values("shown")), latency.summary(lat.values("settled"))
            turns = latency.summary(lat.values("shown", "turn"))
            screens = latency.summary(lat.values("shown", "screen"))
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
            raw["latency"]["reference"] = {"all": ref_all, "push": ref_push, "pop": ref_pop, "missing": ref.missing}
            raw["latency"]["kiosk_push"], raw["latency"]["kiosk_pop"] = kiosk_push, kiosk_pop
            rows.append(report.Row(f"Screen change p95, key to screen ({big})", screens["p95"] * ms,
                                   ref_all["p95"] * ms, "ms", max_ratio=1.3,
                                   note=f"kiosk {screens['n']} screen changes: push p95 "
                                        f"{kiosk_push['p95'] * ms:.1f} ms (n={kiosk_push['n']}), back p95 "
                                        f"{kiosk_pop['p95'] * ms:.1f} ms "
                                        f"(n={kiosk_pop['n']}), median {screens['median'] * ms:.1f} ms; reference: "
                                        f"bare Textual app pushing/popping a screen with the same page text and a "
                                        f"4-line OptionList, {ref_all['n']} keys (half before, half after the kiosk), "
                                        f"push p95 {ref_push['p95'] * ms:.1f} ms, pop p95 "
                                        f"{ref_pop['p95'] * ms:.1f} ms, "
                                        f"median {ref_all['median'] * ms:.1f} ms"
                                        + (f"; {ref.missing} reference keys never showed their text" if ref.missing
                                           else "")))
            rows.append(report.Row(f"Key to screen settled, p95 ({big})", settled["p95"] * ms, unit="ms",
                                   note=f"last frame the key caused; median {settled['median'] * ms:.1f} ms, "
                                        f"max {settled['max'] * ms:.1f} ms"))
            from kiosk.content.library_nav import MORE_KEY

            rows.append(report.Row(f"Keys from home to the deepest page ({big})", lat.deepest_keys, unit="keys",
                                   note=f"no groups set: {MORE_KEY} (More topics) page by page, "
                                        "then the topic's contents"))
            resets = latency.summary(lat.values("shown", "reset"))
            raw["latency"]["resets"] = resets
            rows.append(report.Row(f"Finish to a fresh home, median ({big})", resets["median"] * ms, unit="ms",
                                   note=f"{resets['n']} resets (a new visit: every screen rebuilt, K-P1); "
                                        f"max {resets['max'] * ms:.1f} ms; not a key-to-screen sample"))
            del library

        if "idle" not in args.skip:
            from concurrent.futures import ThreadPoolExecutor

            from bench import idle
            from kiosk.content.loader import load_library

            log(f"idle CPU over {args.idle_seconds:g} s (bare app, shipped content, {big}, side by side) ...")
            shipped_library = load_library(SHIPPED, grade=False).library
            assert shipped_library is not None
            name = shipped_library.settings.clinic_name  # the generated library has the same
            secs = args.idle_seconds
            with ThreadPoolExecutor(3) as pool:
                bare_idle = pool.submit(idle.measure_bare, secs)
                shipped_idle = pool.submit(idle.measure_kiosk, SHIPPED, name, Path(tmp) / "idle-shipped", secs)
                big_idle = pool.submit(idle.measure_kiosk, generated, name, Path(tmp) / "idle-big", secs)
            ref_idle = bare_idle.result()
            raw["idle"] = {"bare": ref_idle.__dict__, "shipped": shipped_idle.result().__dict__,
                           "big": big_idle.result().__dict__}
            for label, res, target in ((big, big_idle.result(), 0.2), ("shipped content", shipped_idle.result(), None)):
                why = "; ".join(f"{who}: {r.error}" for who, r in (("kiosk", res), ("bare app", ref_idle)) if r.error)
                rows.append(report.Row(f"Idle CPU, untouched, {label}", res.percent, ref_idle.percent, "%",
                                       max_value=target,
                                       note=f"% of one core over {secs:g} s, whole process tree (speech engine "
                                            f"child included), in a pty, from {res.waited:.0f} s after the first "
                                            f"screen (start-up work over); reference: the bare app at rest"
                                            + (f"; {why}" if why else "")))
                rows.append(report.Row(f"RSS at rest, a minute untouched, {label}", res.rss_mb, ref_idle.rss_mb, "MB",
                                       note="VmRSS after the idle figure: every screen's code read (the warm-up "
                                            "after the first screen), start-up work over; reference: the bare app"))

        if "reloads" not in args.skip:
            from bench import reloads

            log(f"memory over {args.reloads} staff reloads (shipped content, fresh process) ...")
            mem = reloads.measure(SHIPPED, args.reloads)
            raw["reloads"] = mem.__dict__
            secs = sorted(mem.seconds)
            rows.append(report.Row(f"RSS after {args.reloads} staff reloads minus after the first", mem.growth_mb,
                                   unit="MB", max_value=5,
                                   note=(mem.error or
                                         f"content worker + swap at idle home, each after a staff edit; VmRSS after "
                                         f"gc.collect(): first {mem.rss_kb[0] / 1024:.1f} MB, last "
                                         f"{mem.rss_kb[-1] / 1024:.1f} MB; reload to live median "
                                         f"{secs[len(secs) // 2] * 1000:.0f} ms")))
            if mem.graded_rss_kb:
                graded = ", ".join(f"{kb / 1024:.1f}" for kb in mem.graded_rss_kb)
                rows.append(report.Row(f"RSS after {len(mem.graded_rss_kb)} graded reloads minus after the first "
                                       f"plain one", mem.graded_growth_mb, unit="MB",
                                       note="staff's 'Content warnings' (grade=True, the pronouncing dictionary); "
                                            f"RSS after each: {graded} MB"))

        if "speech" not in args.skip:
            from bench import speech
            from kiosk.content.loader import load_library

            for label, folder in (("shipped content", SHIPPED), (big, generated)):
                log(f"speech (real engine, null-sink player), {label} ...")
                result = speech.measure(load_library(folder, grade=False).library, args.speech_runs)
                raw[f"speech {label}"] = result.__dict__
                ms = 1000
                med = speech.median
                first, ref_first = med(result.first_audio), med(result.ref_espeak)
                stop, ref_stop = med(result.stopped), med(result.ref_kill)
                problem = f"; {result.error}" if result.error else ""
                if result.sentence and not result.ref_espeak:
                    problem += "; espeak-ng (the reference) is not installed"
                rows.append(report.Row(f"Speech: page key to first sentence's WAV, {label}", first and first * ms,
                                       ref_first and ref_first * ms, "ms", max_ratio=1.0,
                                       note=f"median of {len(result.first_audio)}, WAV handed to the player "
                                            f"(said before in the visit: from the clip cache); reference: "
                                            f"espeak-ng -w, same sentence ({result.sentence!r}), whole "
                                            f"process{problem}"))
                new = med(result.first_audio_new)
                rows.append(report.Row(f"Speech: page key to first WAV, sentence not heard before, {label}",
                                       new and new * ms, ref_first and ref_first * ms, "ms",
                                       note=f"median of {len(result.first_audio_new)}; the visit's clip cache "
                                            f"emptied before each key, so the engine synthesises it: the "
                                            f"engine's own figure{problem}"))
                rows.append(report.Row(f"Speech: key press to speech stopped, {label}", stop and stop * ms,
                                       ref_stop and ref_stop * ms, "ms", max_value=20,
                                       note=f"median of {len(result.stopped)}, max "
                                            f"{max(result.stopped, default=0) * ms:.1f} ms; reference: SIGTERM "
                                            f"to a bare child until it is gone{problem}"))

    info["load average"] += f" (start) / {report.machine()['load average']} (end)"
    print()
    print(report.table(rows))
    print()
    print("Machine: " + report.machine_line(info))
    print(f"Bench time: {time.monotonic() - began:.0f} s")
    if args.json:
        raw["rows"] = [{**r.__dict__, "ratio": r.ratio, "verdict": r.verdict} for r in rows]
        args.json.write_text(json.dumps(raw, indent=2, default=str) + "\n", encoding="utf-8")
    if report.unmeasured(rows):
        log("bench: these rows could not measure (a broken bench, not a missed target):\n"
            + report.unmeasured_reasons(rows))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
