#!/usr/bin/env python3
"""Report of bench/backlog.sh: p99 per request kind without (A) and during (B) a retention backlog.

usage: backlog_report.py WORKDIR
"""
import pathlib
import sys

from report import gatling_rows


def rows(work, phase):
    dir_file = work / f"gatling-{phase}-dir"
    if not dir_file.exists() or not dir_file.read_text().strip():
        return {}
    report = pathlib.Path(dir_file.read_text().strip())
    if not (report / "index.html").exists():
        return {}
    return {r["name"].split("@")[0]: r for r in gatling_rows(report) if not r["name"].startswith("warmup")}


def main():
    work = pathlib.Path(sys.argv[1])
    params = dict(line.split("=", 1) for line in (work / "params").read_text().splitlines() if "=" in line)
    a, b = rows(work, "a"), rows(work, "b")
    before = int((work / "backlog-before").read_text().strip() or 0)
    after = int((work / "backlog-after").read_text().strip() or 0)
    out = [f"# Retention backlog scenario {params.get('stamp', '')}", "",
           f"Command: `{params.get('command', 'bench/backlog.sh')}`  ",
           f"N = {int(params['n']):,} responses; backlog of {int(params['backlog']):,} expired notices inserted "
           "between phase A and phase B.", "",
           "| request | A: p50 / p99 ms (no backlog) | B: p50 / p99 ms (retention working) | p99 B / A (target <= 2) "
           "| errors A / B |", "|---|---|---|---|---|"]
    problems = []
    for kind in ("submit", "history"):
        ra, rb = a.get(kind), b.get(kind)
        if not ra or not rb:
            problems.append(f"no Gatling results for {kind}")
            continue
        ratio = rb["p99"] / ra["p99"] if ra["p99"] else float("inf")
        out.append(f"| {kind} | {ra['p50']:.0f} / {ra['p99']:.0f} | {rb['p50']:.0f} / {rb['p99']:.0f} | "
                   f"{ratio:.2f}x | {ra['ko']} / {rb['ko']} |")
        if ra["ko"] or rb["ko"]:
            problems.append(f"{kind} requests failed")
    out.append("")
    out.append(f"Backlog rows: {before:,} before phase B, {after:,} after it: retention removed {before - after:,} "
               "during the measured load.")
    log = (work / "retention.log").read_text().strip() if (work / "retention.log").exists() else ""
    if log:
        out += ["", "Retention log during phase B:", "", "```", log, "```"]
    out += ["", "Machine:", "", (work / "facts.md").read_text().rstrip()]
    if before == 0:
        problems.append("no backlog was loaded")
    if before - after <= 0:
        problems.append("retention removed nothing during phase B")
    (work / "health").write_text("\n".join(problems) + ("\n" if problems else ""))
    print("\n".join(out))


if __name__ == "__main__":
    main()
