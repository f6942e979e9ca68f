#!/usr/bin/env python3
"""Builds the bench/run.sh results table from pgbench outputs, the Gatling report and the EXPLAIN output.

usage: report.py WORKDIR  (reads WORKDIR/{params,facts.md,pgbench-submission.txt,pgbench-history.txt,explain.txt,
       gatling-dir}; prints the markdown report)
"""
import html
import pathlib
import re
import sys

KNEE_P99_MS = 100


def tps(path):
    text = path.read_text() if path.exists() else ""
    m = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", text)
    failed = re.search(r"number of failed transactions: (\d+)", text)
    processed = re.search(r"number of transactions actually processed: (\d+)", text)
    aborted = "aborted" in text
    return (float(m.group(1)) if m else None, int(processed.group(1)) if processed else 0,
            int(failed.group(1)) if failed else 0, aborted)


def num(s):
    return float(s.replace(",", ""))


def gatling_rows(report_dir):
    """(name, total, ok, ko, min, p50, p75, p95, p99, max, mean) per request name, from the report's index.html."""
    page = (report_dir / "index.html").read_text()
    start = page.find('id="container_statistics_body"')
    if start < 0:
        start = page.find("StatsContainerId")
    body = page[start:page.find("</table>", page.find("</table>", start) + 1) if start >= 0 else None]
    rows = []
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = [html.unescape(re.sub(r"<[^>]+>", " ", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        cells = [re.sub(r"\s+", " ", c) for c in cells if c.strip() != ""]
        if len(cells) < 14:
            continue
        name = cells[0].split()[0]
        vals = cells[-13:]
        try:
            total, ok, ko = int(num(vals[0])), int(num(vals[1])), int(num(vals[2]))
            mn, p50, p75, p95, p99, mx, mean = (num(v) for v in vals[5:12])
        except ValueError:
            continue
        rows.append(dict(name=name, total=total, ok=ok, ko=ko, min=mn, p50=p50, p95=p95, p99=p99, max=mx))
    return rows


def gatling_errors(report_dir):
    page = (report_dir / "index.html").read_text()
    start = page.find('id="container_errors"')
    if start < 0:
        return []
    body = page[start:page.find("</table>", start)]
    errors = []
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = [re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", c))).strip()
                 for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        if len(cells) >= 2:
            errors.append(" | ".join(c for c in cells if c))
    return errors


def highest_passing(steps):
    """The highest step that passed, even if a lower one did not (steps carry "rate" and "pass").

    The knee rule stops at the first failed step, so one slow step (a pause of a second or two) below steps that
    pass makes it low; reports give this figure beside the knee so neither hides the other."""
    return max((r["rate"] for r in steps if r["pass"]), default=None)


def main():
    work = pathlib.Path(sys.argv[1])
    params = dict(line.split("=", 1) for line in (work / "params").read_text().splitlines() if "=" in line)
    sub_before, _, sub_failed, sub_aborted = tps(work / "pgbench-submission.txt")
    hist_before, _, hist_failed, hist_aborted = tps(work / "pgbench-history.txt")
    # pgbench ran before and after the API load; the API is compared with the higher figure
    sub_after, _, sub_failed2, sub_aborted2 = tps(work / "pgbench-submission-after.txt")
    hist_after, _, hist_failed2, hist_aborted2 = tps(work / "pgbench-history-after.txt")
    sub_failed, sub_aborted = sub_failed + sub_failed2, sub_aborted or sub_aborted2
    hist_failed, hist_aborted = hist_failed + hist_failed2, hist_aborted or hist_aborted2
    min_before, _, min_failed, min_aborted = tps(work / "pgbench-minimal.txt")
    min_after, _, _, _ = tps(work / "pgbench-minimal-after.txt")
    min_tps = max([t for t in (min_before, min_after) if t is not None], default=None)
    sub_tps = max([t for t in (sub_before, sub_after) if t is not None], default=None)
    hist_tps = max([t for t in (hist_before, hist_after) if t is not None], default=None)
    gdir = pathlib.Path((work / "gatling-dir").read_text().strip()) if (work / "gatling-dir").exists() else None
    rows = gatling_rows(gdir) if gdir and (gdir / "index.html").exists() else []

    def steps(prefix):
        out = []
        for r in rows:
            if r["name"].startswith(prefix + "@"):
                r["rate"] = int(r["name"].split("@")[1])
                r["pass"] = r["ko"] == 0 and r["p99"] <= KNEE_P99_MS
                out.append(r)
        return sorted(out, key=lambda r: r["rate"])

    submit, history = steps("submit"), steps("history")

    def knee(ss):
        best = None
        for r in ss:  # highest step that passes, with every lower step passing too
            if not r["pass"]:
                break
            best = r["rate"]
        return best

    sk, hk = knee(submit), knee(history)

    def ratio(a, b):
        return f"{a / b:.2f}x" if a and b else "n/a"

    def f(x):
        return "n/a" if x is None else (f"{x:,.0f}" if x >= 100 else f"{x:.1f}")

    out = []
    out.append(f"# PRO service benchmark {params.get('stamp', '')}")
    out.append("")
    out.append(f"Command: `{params.get('command', 'bench/run.sh')}`  ")
    out.append(f"N = {int(params['n']):,} responses ({params['hist']} patients with 40 each); pgbench -M prepared "
               f"-c {params['clients']} -j {params['threads']} -T {params['pgtime']} after a {params.get('pgwarmup', '0')} s "
               f"unmeasured warm-up; Gatling steps of "
               f"{params['step_seconds']} s (open model, constantUsersPerSec), pool max {params['pool']}.")
    out.append("")
    out.append("| measure | submission | history read |")
    out.append("|---|---|---|")
    out.append(f"| pgbench TPS, same SQL (one transaction), higher of the two runs | {f(sub_tps)} | {f(hist_tps)} |")
    out.append(f"| pgbench TPS before / after the API load | {f(sub_before)} / {f(sub_after)} | "
               f"{f(hist_before)} / {f(hist_after)} |")
    out.append(f"| pgbench failed / aborted | {sub_failed} / {'yes' if sub_aborted else 'no'} | "
               f"{hist_failed} / {'yes' if hist_aborted else 'no'} |")
    def knee_text(k, ss):
        return f(k) if k or not ss else f"< {ss[0]['rate']} (no step passed)"

    def ratio_text(k, ss, base):
        return ratio(k, base) if k or not ss or not base else f"< {ss[0]['rate'] / base:.2f}x"

    out.append(f"| API knee: highest step with p99 <= {KNEE_P99_MS} ms and no errors (req/s) | {knee_text(sk, submit)} | "
               f"{knee_text(hk, history)} |")
    out.append(f"| ratio API knee / pgbench TPS, same SQL | {ratio_text(sk, submit, sub_tps)} (target >= 0.5x) | "
               f"{ratio_text(hk, history, hist_tps)} (target >= 0.5x) |")
    out.append(f"| pgbench TPS, minimal durable transaction (one-row INSERT + COMMIT), higher of two runs | "
               f"{f(min_tps)} | |")
    out.append(f"| ratio API knee / minimal durable transaction | {ratio_text(sk, submit, min_tps)} (target >= 0.25x) | |")
    def at_half(k, ss, target):
        if not k:
            return "n/a"
        half = min(ss, key=lambda r: abs(r["rate"] - k / 2))
        return f"{f(half['p99'])} ms at {half['rate']}/s (target <= {target} ms)"

    out.append(f"| p99 at about half the knee | {at_half(sk, submit, 50)} | {at_half(hk, history, 25)} |")
    sb, hb = highest_passing(submit), highest_passing(history)
    if (sb, hb) != (sk, hk):
        out.append(f"| highest passing step, a lower step's failure ignored (req/s) | {f(sb)} | {f(hb)} |")
        out.append(f"| its ratio to pgbench TPS, same SQL | {ratio(sb, sub_tps)} | {ratio(hb, hist_tps)} |")
    if history:
        worst = max(r["p99"] for r in history if r["pass"]) if any(r["pass"] for r in history) else None
        out.append(f"| history p99, worst step within the knee | | {f(worst)} ms |")
    out.append(f"| highest step tried (req/s) | {f(submit[-1]['rate']) if submit else 'n/a'} | "
               f"{f(history[-1]['rate']) if history else 'n/a'} |")
    out.append("")
    out.append("| step (arrivals/s) | requests | OK | errors | p50 ms | p95 ms | p99 ms | max ms | within knee rule |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    for r in submit + history:
        out.append(f"| {r['name']} | {r['total']} | {r['ok']} | {r['ko']} | {f(r['p50'])} | {f(r['p95'])} | "
                   f"{f(r['p99'])} | {f(r['max'])} | {'yes' if r['pass'] else 'NO'} |")
    errors = gatling_errors(gdir) if gdir else []
    if errors:
        out.append("")
        out.append("Errors (Gatling):")
        out.append("")
        out.extend(f"- {e}" for e in errors[:10])
    out.append("")
    explain = (work / "explain.txt").read_text() if (work / "explain.txt").exists() else "(not run)"
    sort = re.search(r"^\s*(->\s*)?Sort\b", explain, re.M)
    # the page's keys come from the history index (alias k); the rows are then fetched by primary key (alias r)
    scan = re.search(r"Index (Only )?Scan (Backward )?using (\S+) on response k\b", explain)
    out.append("History query plan (EXPLAIN (ANALYZE, BUFFERS), one loaded patient): "
               + (f"index range scan on `{scan.group(3)}`" if scan else "**not an index range scan** of the history index")
               + (", **has a Sort node**" if sort else ", no Sort node") + ".")
    out.append("")
    out.append("```")
    out.append(explain.rstrip())
    out.append("```")
    ssd = work / "explain-ssd.txt"
    if ssd.exists():
        text = ssd.read_text()
        scan2 = re.search(r"Index (Only )?Scan (Backward )?using (\S+) on response k\b", text)
        sort2 = re.search(r"^\s*(->\s*)?Sort\b", text, re.M)
        out.append("")
        out.append("The same query with `SET random_page_cost = 1.1` (SSD; the server default is 4): "
                   + (f"index range scan on `{scan2.group(3)}`" if scan2 else "not an index range scan")
                   + (", has a Sort node" if sort2 else ", no Sort node") + ".")
        out.append("")
        out.append("```")
        out.append(text.rstrip())
        out.append("```")
    out.append("")
    out.append("Machine (figures on a shared 2-core machine swing by 2x; compare the ratios, not the absolutes):")
    out.append("")
    out.append((work / "facts.md").read_text().rstrip())
    # Harness health (bench/run.sh --smoke fails on it): the SQL still runs and the API still accepts the requests.
    problems = []
    if sub_tps is None or sub_aborted or sub_failed:
        problems.append("pgbench submission script failed (schema or SQL drift?)")
    if min_tps is None or min_aborted or min_failed:
        problems.append("pgbench minimal transaction failed")
    if hist_tps is None or hist_aborted or hist_failed:
        problems.append("pgbench history script failed (schema or SQL drift?)")
    if not submit or not history:
        problems.append("no Gatling results")
    if any(r["ko"] for r in submit + history):
        problems.append("Gatling requests failed: " + ", ".join(f"{r['name']}={r['ko']}" for r in submit + history if r["ko"]))
    if "Index" not in explain:
        problems.append("history query plan has no index scan")
    (work / "health").write_text("\n".join(problems) + ("\n" if problems else ""))
    print("\n".join(out))


if __name__ == "__main__":
    main()
