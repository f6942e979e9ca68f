#!/usr/bin/env python3
"""Helpers of bench/peers/run.sh (standard library only).

  peer.py templates BUNDLE.json OUTDIR
      From a searchset Bundle the service answered for one loaded patient, writes OUTDIR/create-<instrument>.json:
      one scheduled QuestionnaireResponse per instrument as the service serves it, without id, meta, text and the
      score-observation extensions (the server derives those), with the placeholders @SUBJECT@, @TIMEPOINT@ and
      @AUTHORED@. The Gatling creates and the peer's data set both use these bodies, so both servers store the same
      resources.
  peer.py load BASE TEMPLATES N SUBMITTERS [THREADS [PATIENTS_PER_BUNDLE]]
      Loads the peer through its FHIR API with transaction Bundles: ceil(N/40) patients Patient/bench-<subject>
      (subjects 1000000001..) with 40 QuestionnaireResponses each (16 scheduled: T0-T3 x four instruments, 24
      unscheduled), then SUBMITTERS patients without responses (3000000001..) for the create steps. Prints the
      load rate; exits non-zero on the first failed Bundle.
  peer.py report WORK
      The side-by-side table (markdown) from WORK/params, WORK/service/gatling-dir and WORK/hapi/gatling-dir.
"""
import concurrent.futures
import datetime
import json
import pathlib
import sys
import time
import urllib.request

INSTRUMENTS = ["phq9", "gad7", "pcl5", "bpi-sf"]
KNEE_P99_MS = 100


def cmd_templates(bundle_path, outdir):
    bundle = json.loads(pathlib.Path(bundle_path).read_text())
    out = pathlib.Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    found = {}
    for entry in bundle.get("entry", []):
        qr = entry["resource"]
        inst = qr["questionnaire"].split("|")[0].rsplit("/", 1)[-1]
        tp = [e for e in qr.get("extension", []) if e["url"].endswith("/StructureDefinition/timepoint-key")]
        # PHQ-9 item 9 answered "Not at all" (LA6568-5): a positive one raises a safety alert in the service on
        # every create, which the service's own benchmark (bench/gatling ProSimulation) does not do either
        q9 = [a.get("valueCoding", {}).get("code") for it in qr.get("item", []) if it["linkId"] == "phq9_q9"
              for a in it.get("answer", [])]
        if inst == "phq9" and q9 != ["LA6568-5"]:
            continue
        if inst in INSTRUMENTS and tp and inst not in found:
            found[inst] = qr
    missing = [i for i in INSTRUMENTS if i not in found]
    if missing:
        sys.exit(f"no scheduled response of {missing} in {bundle_path}")
    for inst, qr in found.items():
        qr = {k: v for k, v in qr.items() if k not in ("id", "meta", "text")}
        exts = []
        for e in qr.get("extension", []):
            if e["url"].endswith("/StructureDefinition/timepoint-key"):
                exts.append({"url": e["url"], "valueString": "@TIMEPOINT@"})
            elif not e["url"].endswith("/StructureDefinition/score-observation"):
                exts.append(e)
        qr["extension"] = exts
        qr["subject"] = {"reference": "@SUBJECT@"}
        qr["authored"] = "@AUTHORED@"
        (out / f"create-{inst}.json").write_text(json.dumps(qr, separators=(",", ":")))
    print(f"templates: {', '.join(sorted(found))} -> {out}")


def post(base, bundle):
    req = urllib.request.Request(base + "/", data=json.dumps(bundle, separators=(",", ":")).encode(),
                                 headers={"Content-Type": "application/fhir+json",
                                          "Accept": "application/fhir+json", "Prefer": "return=minimal"},
                                 method="POST")
    with urllib.request.urlopen(req, timeout=600) as resp:
        if resp.status != 200:
            raise RuntimeError(f"transaction answered {resp.status}")
        resp.read()


def cmd_load(base, templates, n, submitters, threads=2, per_bundle=5):
    n, submitters, threads, per_bundle = int(n), int(submitters), int(threads), int(per_bundle)
    tdir = pathlib.Path(templates)
    bodies = {i: (tdir / f"create-{i}.json").read_text() for i in INSTRUMENTS}
    hist = (n + 39) // 40
    start_day = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)

    def patient(sub):
        return {"fullUrl": f"Patient/bench-{sub}",
                "resource": {"resourceType": "Patient", "id": f"bench-{sub}",
                             "identifier": [{"system": "urn:pro-service:bench-subject", "value": str(sub)}]},
                "request": {"method": "PUT", "url": f"Patient/bench-{sub}"}}

    def responses(i):
        sub = 1000000000 + i
        count = min(40, n - (i - 1) * 40)
        out = []
        for k in range(count):
            inst = INSTRUMENTS[k % 4]
            when = start_day + datetime.timedelta(days=3 * k + i % 270, hours=10 + k % 8, seconds=i % 3600)
            body = (bodies[inst].replace("@SUBJECT@", f"Patient/bench-{sub}")
                    .replace("@AUTHORED@", when.strftime("%Y-%m-%dT%H:%M:%SZ")))
            qr = json.loads(body.replace("@TIMEPOINT@", f"T{k // 4}"))
            if k >= 16:  # unscheduled (a clinician administration): no task
                qr["extension"] = [e for e in qr["extension"]
                                   if not e["url"].endswith("/StructureDefinition/timepoint-key")]
            out.append({"resource": qr, "request": {"method": "POST", "url": "QuestionnaireResponse"}})
        return out

    def bundle_for(lo, hi, kind):
        entries = []
        for i in range(lo, hi):
            if kind == "h":
                entries.append(patient(1000000000 + i))
                entries.extend(responses(i))
            else:
                entries.append(patient(3000000000 + i))
        return {"resourceType": "Bundle", "type": "transaction", "entry": entries}

    jobs = [(lo, min(lo + per_bundle, hist + 1), "h") for lo in range(1, hist + 1, per_bundle)]
    jobs += [(lo, min(lo + 200, submitters + 1), "s") for lo in range(1, submitters + 1, 200)]
    t0 = time.monotonic()
    # The first Bundle alone: on a fresh schema HAPI 8 adds each resource type to HFJ_RESOURCE_TYPE at its first
    # use, and two transactions doing that at once collide on its unique index (HTTP 500); after one Bundle the
    # types of the data set are there.
    lo, hi, kind = jobs[0]
    post(base, bundle_for(lo, hi, kind))
    done_resources = (hi - lo) + sum(min(40, n - (i - 1) * 40) for i in range(lo, hi))
    last = t0
    with concurrent.futures.ThreadPoolExecutor(max_workers=threads) as pool:
        futures = {}
        it = iter(jobs[1:])
        # at most 2 x threads Bundles built ahead: memory stays flat for any N
        for job in it:
            futures[pool.submit(lambda j: (post(base, bundle_for(*j)), j)[1], job)] = job
            if len(futures) >= 2 * threads:
                doneset, _ = concurrent.futures.wait(futures, return_when=concurrent.futures.FIRST_COMPLETED)
                for f in doneset:
                    lo, hi, kind = futures.pop(f)
                    f.result()
                    done_resources += (hi - lo) + (sum(min(40, n - (i - 1) * 40) for i in range(lo, hi))
                                                   if kind == "h" else 0)
                now = time.monotonic()
                if now - last >= 30:
                    last = now
                    print(f"  {done_resources:,} resources, {done_resources / (now - t0):,.0f}/s", file=sys.stderr)
        for f in concurrent.futures.as_completed(futures):
            lo, hi, kind = futures[f]
            f.result()
            done_resources += (hi - lo) + (sum(min(40, n - (i - 1) * 40) for i in range(lo, hi))
                                           if kind == "h" else 0)
    secs = time.monotonic() - t0
    print(f"loaded {n} QuestionnaireResponses and {hist + submitters} Patients ({done_resources} resources) "
          f"in {secs:.1f} s: {n / secs:,.0f} QuestionnaireResponses/s "
          f"({threads} threads, {per_bundle} patients = {per_bundle * 41} entries per transaction)")


def cmd_report(work):
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
    import report as svc_report  # bench/report.py: the Gatling table parser and the knee rule
    work = pathlib.Path(work)
    params = dict(line.split("=", 1) for line in (work / "params").read_text().splitlines() if "=" in line)

    def rows(target):
        d = work / target / "gatling-dir"
        if not d.exists():
            return {}
        gdir = pathlib.Path(d.read_text().strip())
        if not (gdir / "index.html").exists():
            return {}
        out = {}
        for r in svc_report.gatling_rows(gdir):
            if "@" in r["name"] and not r["name"].startswith("warmup"):
                kind, rate = r["name"].split("@")
                r["rate"] = int(rate)
                r["pass"] = r["ko"] == 0 and r["p99"] <= KNEE_P99_MS
                out.setdefault(kind, []).append(r)
        for v in out.values():
            v.sort(key=lambda r: r["rate"])
        return out

    svc, hapi = rows("service"), rows("hapi")

    def knee(ss):
        best = None
        for r in ss:
            if not r["pass"]:
                break
            best = r["rate"]
        return best

    def f(x):
        return "n/a" if x is None else (f"{x:,.0f}" if x >= 100 else f"{x:.1f}")

    def knee_text(ss):
        k = knee(ss)
        return f(k) if k else (f"< {ss[0]['rate']} (no step passed)" if ss else "n/a")

    def ratio(a, b):
        ka, kb = knee(a), knee(b)
        if ka and kb:
            return f"{ka / kb:.2f}x"
        if ka and b:
            return f"> {ka / b[0]['rate']:.2f}x (peer: no step passed)"
        if kb and a:
            return f"< {a[0]['rate'] / kb:.2f}x (service: no step passed)"
        return "n/a"

    out = [f"# Service vs. HAPI FHIR JPA server {params.get('stamp', '')}", "",
           f"Command: `{params.get('command', 'bench/peers/run.sh')}`  ",
           f"N = {int(params['n']):,} QuestionnaireResponses on each side ({params['hist']} patients with 40 each); "
           f"Gatling steps of {params['step_seconds']} s (open model); the same FHIR R4 requests on both: "
           f"`POST QuestionnaireResponse` (create) and `GET QuestionnaireResponse?subject=Patient/x&_count=40"
           f"&_sort=-authored` (search, 40 resources per answer). Knee: highest step with p99 <= {KNEE_P99_MS} ms "
           f"and no errors, every lower step passing too.", "",
           "| measure | create | search by patient |", "|---|---|---|",
           f"| service knee (`/fhir/r4`, bearer token, audit) req/s | {knee_text(svc.get('create', []))} | "
           f"{knee_text(svc.get('search', []))} |",
           f"| HAPI FHIR JPA knee (`/fhir`, no auth) req/s | {knee_text(hapi.get('create', []))} | "
           f"{knee_text(hapi.get('search', []))} |",
           f"| **ratio service / HAPI** (knee rule) | **{ratio(svc.get('create', []), hapi.get('create', []))}** | "
           f"**{ratio(svc.get('search', []), hapi.get('search', []))}** |"]
    bp = {}
    for kind in ("create", "search"):
        a, b = svc_report.highest_passing(svc.get(kind, [])), svc_report.highest_passing(hapi.get(kind, []))
        bp[kind] = (f(a) if a else "none", f(b) if b else "none",
                    f"{a / b:.2f}x" if a and b else ("n/a" if not a else "peer: none passed"))
    out += [f"| highest passing step, a lower step's failure ignored: service / HAPI req/s | "
            f"{bp['create'][0]} / {bp['create'][1]} | {bp['search'][0]} / {bp['search'][1]} |",
            f"| ratio service / HAPI by highest passing step | {bp['create'][2]} | {bp['search'][2]} |"]
    for label, kind in (("create", "create"), ("search", "search")):
        a = {r["rate"]: r for r in svc.get(kind, [])}
        b = {r["rate"]: r for r in hapi.get(kind, [])}
        common = sorted(set(a) & set(b))
        if common:
            k = max([r for r in common if a[r]["pass"] and b[r]["pass"]], default=None)
            if k:
                out.append(f"| p99 at {k}/s ({label}, highest step both pass) service / HAPI | "
                           + (f"{f(a[k]['p99'])} / {f(b[k]['p99'])} ms |  |" if kind == "create"
                              else f" | {f(a[k]['p99'])} / {f(b[k]['p99'])} ms |"))
    out += ["", "| step (arrivals/s) | target | requests | OK | errors | p50 ms | p95 ms | p99 ms | max ms | "
            "within knee rule |", "|---|---|---|---|---|---|---|---|---|---|"]
    for kind in ("create", "search"):
        for target, data in (("service", svc), ("HAPI", hapi)):
            for r in data.get(kind, []):
                out.append(f"| {r['name']} | {target} | {r['total']} | {r['ok']} | {r['ko']} | {f(r['p50'])} | "
                           f"{f(r['p95'])} | {f(r['p99'])} | {f(r['max'])} | {'yes' if r['pass'] else 'NO'} |")
    load = work / "hapi" / "load.txt"
    if load.exists():
        lines = [x for x in load.read_text().splitlines() if x.startswith(("loaded", "peer database"))]
        out += ["", "Peer load (through its FHIR API, transaction Bundles): " + "; ".join(lines)]
    svc_load = work / "service" / "load.txt"
    if svc_load.exists():
        lines = [x.split(" ", 1)[1] for x in svc_load.read_text().splitlines() if " loaded in " in x]
        out += ["", "Service load (SQL, bench/sql/load.sql): " + "; ".join(lines)]
    for target in ("service", "hapi"):
        d = work / target / "gatling-dir"
        if d.exists():
            gdir = pathlib.Path(d.read_text().strip())
            if (gdir / "index.html").exists():
                errs = svc_report.gatling_errors(gdir)
                if errs:
                    out += ["", f"Errors ({target}):", ""] + [f"- {e}" for e in errs[:10]]
    out += ["", "Machine (one run, one machine; compare the ratio, not the absolutes):", "",
            (work / "facts.md").read_text().rstrip()]
    problems = []
    for target, data in (("service", svc), ("HAPI", hapi)):
        if not data.get("create") or not data.get("search"):
            problems.append(f"no Gatling results for {target}")
        bad = [f"{r['name']}={r['ko']}" for k in ("create", "search") for r in data.get(k, []) if r["ko"]]
        if bad:
            problems.append(f"{target} requests failed: {', '.join(bad)}")
    (work / "health").write_text("\n".join(problems) + ("\n" if problems else ""))
    print("\n".join(out))


if __name__ == "__main__":
    cmds = {"templates": cmd_templates, "load": cmd_load, "report": cmd_report}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        sys.exit(__doc__)
    cmds[sys.argv[1]](*sys.argv[2:])
