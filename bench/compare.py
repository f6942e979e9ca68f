#!/usr/bin/env python3
"""Compares the history-read latency of two bench/run.sh runs step by step, e.g. N=1,000,000 against N=10,000:
the target is history p99 at 1M rows <= 1.5x p99 at 10k rows.

usage: bench/compare.py LARGE_WORKDIR SMALL_WORKDIR   (bench/results/work/<stamp> of each run; prints markdown)
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import report  # noqa: E402


def history_rows(work):
    gdir = pathlib.Path((work / "gatling-dir").read_text().strip())
    rows = {}
    for r in report.gatling_rows(gdir):
        if r["name"].startswith("history@"):
            rows[int(r["name"].split("@")[1])] = r
    params = dict(line.split("=", 1) for line in (work / "params").read_text().splitlines() if "=" in line)
    return int(params["n"]), params.get("stamp", work.name), rows


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    n_large, stamp_large, large = history_rows(pathlib.Path(sys.argv[1]))
    n_small, stamp_small, small = history_rows(pathlib.Path(sys.argv[2]))
    print(f"History reads: N = {n_large:,} (run {stamp_large}) against N = {n_small:,} (run {stamp_small}); "
          "target p99 ratio <= 1.5x.")
    print()
    print(f"| step (req/s) | p50 ms ({n_large:,} / {n_small:,}) | p99 ms ({n_large:,}) | p99 ms ({n_small:,}) "
          "| p99 ratio | errors |")
    print("|---|---|---|---|---|---|")
    for rate in sorted(set(large) & set(small)):
        a, b = large[rate], small[rate]
        ratio = f"{a['p99'] / b['p99']:.2f}x" if b["p99"] else "n/a"
        print(f"| {rate} | {a['p50']:.0f} / {b['p50']:.0f} | {a['p99']:.0f} | {b['p99']:.0f} | {ratio} | "
              f"{a['ko']} / {b['ko']} |")


if __name__ == "__main__":
    main()
