#!/usr/bin/env bash
# Scenario "retention backlog": the API's latency while the notification retention works off a large backlog of
# expired notices, against the same load without the backlog. Issue: maintenance must never compete with clinicians
# and patients (platform/BackgroundBudget).
#
#   bench/backlog.sh            N=100,000 responses, BACKLOG=500,000 expired notices, 60 s of load per phase
#   bench/backlog.sh --smoke    seconds: N=2,000, BACKLOG=20,000, 5 s phases (checks that the scenario works)
#
# Phase A: the loaded installation (notices within the retention period only), submissions at SUBMIT_RATE/s and
# history reads at HISTORY_RATE/s for STEP_SECONDS each. Then BACKLOG expired notices are inserted
# (bench/sql/backlog.sql). Phase B: the same load with retention starting 5 s after start-up and running every 10 s.
# Reported: p99 of each request kind in A and B, the ratio B/A (target <= 2), and how many backlog rows retention
# removed during B. Written to bench/results/backlog-<stamp>.md (smoke runs: under bench/results/work/ only).
#
# Settings (environment): N, BACKLOG, SUBMIT_RATE, HISTORY_RATE, STEP_SECONDS, WARMUP_SECONDS, PRO_DB_POOL_MAX,
# PRO_BACKGROUND_* and PRO_NOTIFY_RETENTION_* (passed through to the service), BENCH_PORT, KEEP_DB=1, REBUILD=1.
set -euo pipefail

source "$(dirname "$0")/lib.sh"

SMOKE=0
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) die "unknown argument $arg (try --help)" ;;
  esac
done
if [[ "$SMOKE" == 1 ]]; then
  N="${N:-2000}"; BACKLOG="${BACKLOG:-20000}"; STEP_SECONDS="${STEP_SECONDS:-5}"; WARMUP_SECONDS="${WARMUP_SECONDS:-3}"
fi
N="${N:-100000}"
BACKLOG="${BACKLOG:-500000}"
SUBMIT_RATE="${SUBMIT_RATE:-20}"
HISTORY_RATE="${HISTORY_RATE:-100}"
STEP_SECONDS="${STEP_SECONDS:-60}"
WARMUP_SECONDS="${WARMUP_SECONDS:-30}"
WARMUP_RATE="${WARMUP_RATE:-20}"
export PRO_DB_POOL_MAX="${PRO_DB_POOL_MAX:-8}"

STAMP="$(date -u +%Y%m%d-%H%M%S)"
RESULTS="$BENCH_DIR/results"
WORK="$RESULTS/work/backlog-$STAMP"
mkdir -p "$WORK"
: >"$WORK/app.log"
HIST=$(( (N + 39) / 40 ))
PER_PHASE=$(( (SUBMIT_RATE * STEP_SECONDS + WARMUP_RATE * WARMUP_SECONDS) * 12 / 10 / 16 + 10 ))

cleanup() {
  local rc=$?
  stop_app
  drop_db
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

package_app
create_db
start_app
setup_study
stop_app
load_data "$N" "$((2 * PER_PHASE))" 0
bpsql -c "SET search_path TO $BENCH_SCHEMA" -c "VACUUM ANALYZE" -c "CHECKPOINT"

# gatling_phase NAME SUBMITTER_BASE: one step of each request kind at the scenario's rates
gatling_phase() {
  local name="$1" base="$2"
  log "phase $name: submissions at $SUBMIT_RATE/s, history at $HISTORY_RATE/s, $STEP_SECONDS s each"
  (cd "$ROOT_DIR" && ./mvnw -B -q -f bench/gatling/pom.xml gatling:test \
    -Dbench.resultsFolder="$WORK/gatling-$name" \
    -Dbench.baseUrl="$BASE_URL" -Dbench.key="$BENCH_KEY" -Dbench.issuer="$BENCH_ISSUER" \
    -Dbench.audience="$BENCH_AUDIENCE" -Dbench.submitSteps="$SUBMIT_RATE" -Dbench.historySteps="$HISTORY_RATE" \
    -Dbench.stepSeconds="$STEP_SECONDS" -Dbench.pauseSeconds=1 -Dbench.warmupSeconds="$WARMUP_SECONDS" \
    -Dbench.warmupRate="$WARMUP_RATE" -Dbench.submitterBase="$base" -Dbench.submitters="$PER_PHASE" \
    -Dbench.historyPatients="$HIST") >"$WORK/gatling-$name.log" 2>&1 \
    || log "Gatling exited with $? (see $WORK/gatling-$name.log)"
  ls -d "$WORK/gatling-$name"/*/ 2>/dev/null | tail -n 1 >"$WORK/gatling-$name-dir" || true
}
expired() {
  bpsql -c "SELECT count(*) FROM $BENCH_SCHEMA.outbox_event WHERE dedup_key LIKE 'bench-backlog:%'"
}

# Phase A: no backlog (retention runs, and finds nothing to remove)
PRO_NOTIFY_RETENTION_FIRST_RUN_AFTER=5s PRO_NOTIFY_RETENTION_EVERY=10s start_app "$WORK/app-a.log"
gatling_phase a 3000000001
stop_app

log "inserting $BACKLOG expired notices"
bpsql -v backlog="$BACKLOG" -v study="'$STUDY_ID'" -c "SET search_path TO $BENCH_SCHEMA" -f "$BENCH_DIR/sql/backlog.sql"
bpsql -c "SET search_path TO $BENCH_SCHEMA" -c "VACUUM ANALYZE" -c "CHECKPOINT"
echo "$(expired)" >"$WORK/backlog-before"

# Phase B: the same load while retention works off the backlog
PRO_NOTIFY_RETENTION_FIRST_RUN_AFTER=5s PRO_NOTIFY_RETENTION_EVERY=10s start_app "$WORK/app-b.log"
gatling_phase b "$((3000000001 + PER_PHASE))"
echo "$(expired)" >"$WORK/backlog-after"
stop_app

cat >"$WORK/params" <<PARAMS
stamp=$STAMP
command=$( [[ "$SMOKE" == 1 ]] && echo "bench/backlog.sh --smoke" || echo "N=$N BACKLOG=$BACKLOG SUBMIT_RATE=$SUBMIT_RATE HISTORY_RATE=$HISTORY_RATE STEP_SECONDS=$STEP_SECONDS bench/backlog.sh")
n=$N
backlog=$BACKLOG
PARAMS
machine_facts >"$WORK/facts.md"
grep -h "Notification retention" "$WORK/app-b.log" >"$WORK/retention.log" || true
if [[ "$SMOKE" == 1 ]]; then REPORT="$WORK/report.md"; else REPORT="$RESULTS/backlog-$STAMP.md"; fi
python3 "$BENCH_DIR/backlog_report.py" "$WORK" >"$REPORT"
cat "$REPORT"
log "written $REPORT (work files: $WORK)"
if [[ -s "$WORK/health" ]]; then
  log "harness problems: $(tr '\n' ';' <"$WORK/health")"
  [[ "$SMOKE" == 1 ]] && die "smoke run failed"
fi
exit 0
