#!/usr/bin/env bash
# Benchmark: the service against the database it runs on, on the same SQL, as ratios measured in one run.
#
#   bench/run.sh            full run: N=1,000,000 responses, 20 s steps (a quiet machine; ~15-25 min)
#   bench/run.sh --smoke    seconds: N=2,000, 3 s steps, tiny pgbench runs (checks that the harness works)
#   N=20000 STEP_SECONDS=5 SUBMIT_STEPS=10,20,40,80 bench/run.sh
#
# Also: pgbench's minimal durable transaction (bench/pgbench/minimal.sql), the physical limit of a write.
# Steps: throwaway database pro_bench_<stamp> (dropped at the end unless KEEP_DB=1) -> packaged app started with
# environment variables only (Flyway creates the schema) -> study, arms, protocol through the API -> N responses
# loaded with generate_series (bench/sql/load.sql) -> EXPLAIN (ANALYZE, BUFFERS) of the history query -> pgbench
# with the submission transaction (bench/pgbench/submission.sql) and the history read (bench/pgbench/history.sql) ->
# Gatling (bench/gatling, open model) against the app: submission steps, then history steps -> one table, written
# with the machine facts to bench/results/<stamp>.md and bench/results/latest.md.
#
# Settings (environment): N, SUBMIT_STEPS, HISTORY_STEPS (comma-separated arrivals/s), STEP_SECONDS, PAUSE_SECONDS,
# WARMUP_SECONDS, WARMUP_RATE, PGBENCH_TIME, PGBENCH_WARMUP, PGBENCH_CLIENTS, PGBENCH_THREADS, PRO_DB_POOL_MAX, BENCH_PORT, KEEP_DB=1, REBUILD=1.
set -euo pipefail

source "$(dirname "$0")/lib.sh"

SMOKE=0
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) die "unknown argument $arg (try --help)" ;;
  esac
done

if [[ "$SMOKE" == 1 ]]; then
  N="${N:-2000}"; SUBMIT_STEPS="${SUBMIT_STEPS:-10,20}"; HISTORY_STEPS="${HISTORY_STEPS:-20}"
  STEP_SECONDS="${STEP_SECONDS:-3}"; PGBENCH_TIME="${PGBENCH_TIME:-3}"; PGBENCH_WARMUP="${PGBENCH_WARMUP:-2}"; WARMUP_SECONDS="${WARMUP_SECONDS:-3}"
  WARMUP_RATE="${WARMUP_RATE:-10}"
  PAUSE_SECONDS="${PAUSE_SECONDS:-1}"
fi
N="${N:-1000000}"
SUBMIT_STEPS="${SUBMIT_STEPS:-50,100,200,300,400,500,600,800,1000}"
HISTORY_STEPS="${HISTORY_STEPS:-100,200,300,400,500,600,700,800,1000}"
STEP_SECONDS="${STEP_SECONDS:-20}"
PAUSE_SECONDS="${PAUSE_SECONDS:-3}"
# Per endpoint. The JIT compiler needs thousands of calls of each path before it settles: at 40/s for 45 s it was
# still compiling (a core's worth) during the measured steps (bench/README.md, "Profile").
WARMUP_SECONDS="${WARMUP_SECONDS:-60}"
WARMUP_RATE="${WARMUP_RATE:-100}"
PGBENCH_TIME="${PGBENCH_TIME:-30}"
# Unmeasured pgbench run before each measured one, as the API gets its warm-up: right after the CHECKPOINT every
# first change of a page writes a full page image to the WAL, which would make pgbench look several times slower.
PGBENCH_WARMUP="${PGBENCH_WARMUP:-15}"
PGBENCH_THREADS="${PGBENCH_THREADS:-2}"
PGBENCH_MAX_TPS="${PGBENCH_MAX_TPS:-4000}"  # sizes the pool of fresh pgbench patients (16 tasks each)
export PRO_DB_POOL_MAX="${PRO_DB_POOL_MAX:-8}"
PGBENCH_CLIENTS="${PGBENCH_CLIENTS:-$PRO_DB_POOL_MAX}"  # as many connections as the service's pool: same SQL, same concurrency
(( N >= 40 )) || die "N must be at least 40"

STAMP="$(date -u +%Y%m%d-%H%M%S)"
RESULTS="$BENCH_DIR/results"
WORK="$RESULTS/work/$STAMP"
mkdir -p "$WORK"
: >"$WORK/app.log"

HIST=$(( (N + 39) / 40 ))
sum_rates() { local s=0 r; IFS=, read -ra rs <<<"$1"; for r in "${rs[@]}"; do s=$((s + r)); done; echo "$s"; }
SUBMIT_TOTAL=$(( ($(sum_rates "$SUBMIT_STEPS") * STEP_SECONDS + WARMUP_RATE * WARMUP_SECONDS) ))
SUBMITTERS=$(( SUBMIT_TOTAL * 12 / 10 / 16 + 10 ))
# pgbench patients: one range per pgbench run (warm-up and measured, before and after the API load): a task takes
# one submission
PER_CLIENT=$(( PGBENCH_MAX_TPS * (PGBENCH_TIME > PGBENCH_WARMUP ? PGBENCH_TIME : PGBENCH_WARMUP) / 16 / PGBENCH_CLIENTS + 10 ))
PGB_PHASE=$(( PER_CLIENT * PGBENCH_CLIENTS ))
PGB_PATIENTS=$(( 4 * PGB_PHASE ))

cleanup() {
  local rc=$?
  stop_app
  drop_db
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cat >"$WORK/params" <<EOF
stamp=$STAMP
command=$( [[ "$SMOKE" == 1 ]] && echo "bench/run.sh --smoke" || echo "N=$N SUBMIT_STEPS=$SUBMIT_STEPS HISTORY_STEPS=$HISTORY_STEPS STEP_SECONDS=$STEP_SECONDS PGBENCH_TIME=$PGBENCH_TIME bench/run.sh")
n=$N
hist=$HIST
clients=$PGBENCH_CLIENTS
threads=$PGBENCH_THREADS
pgtime=$PGBENCH_TIME
pgwarmup=$PGBENCH_WARMUP
step_seconds=$STEP_SECONDS
pool=$PRO_DB_POOL_MAX
EOF
machine_facts >"$WORK/facts.md"

package_app
create_db
start_app
setup_study
stop_app   # idle during loading and pgbench: the database gets the machine to itself

load_data "$N" "$SUBMITTERS" "$PGB_PATIENTS"
bpsql -c "SET search_path TO $BENCH_SCHEMA" -c "VACUUM ANALYZE" -c "CHECKPOINT"

# The history query as the service sends it (ResponseRepository.historySql, first page of GET /me/responses).
log "EXPLAIN of the history query"
PID_SAMPLE=$(bpsql -c "SELECT id FROM $BENCH_SCHEMA.patient WHERE identity_subject = '$((1000000000 + (HIST + 1) / 2))'")
HISTORY_SQL="SELECT r.* FROM (SELECT k.id, k.completed_at FROM response k WHERE k.patient_id = '$PID_SAMPLE'
  AND NOT EXISTS (SELECT 1 FROM response s WHERE s.supersedes_id = k.id)
  ORDER BY k.completed_at DESC, k.id DESC LIMIT 51) page JOIN response r ON r.id = page.id
  ORDER BY page.completed_at DESC, page.id DESC"
bpsql -c "SET search_path TO $BENCH_SCHEMA" -c "EXPLAIN (ANALYZE, BUFFERS) $HISTORY_SQL" >"$WORK/explain.txt"
if grep -q -- "-> *Sort\|^Sort\|^ *Sort " "$WORK/explain.txt"; then
  # not expected (the page's keys come from the index in order); show the plan at an SSD setting for comparison
  bpsql -c "SET search_path TO $BENCH_SCHEMA" -c "SET random_page_cost = 1.1" \
    -c "EXPLAIN (ANALYZE, BUFFERS) $HISTORY_SQL" >"$WORK/explain-ssd.txt"
fi

# pgbench runs twice: before the API load (right after loading) and after it (the database as the API left it,
# the application stopped). The report compares the API with the higher of the two.
pgbench_runs() {
  local label="$1" base="$2" suffix
  suffix=$([[ "$label" == after ]] && echo "-after" || echo "")
  export PGOPTIONS="-c search_path=$BENCH_SCHEMA"
  pgb() { pgbench -n -M prepared -c "$PGBENCH_CLIENTS" -j "$PGBENCH_THREADS" "$@" "$BENCH_DB"; }
  log "pgbench ($label the API load): submission transaction, -c $PGBENCH_CLIENTS -j $PGBENCH_THREADS," \
    "$PGBENCH_WARMUP s warm-up, -T $PGBENCH_TIME"
  pgb -T "$PGBENCH_WARMUP" -D cnt=0 -D base="$base" -D per_client="$PER_CLIENT" \
    -f "$BENCH_DIR/pgbench/submission.sql" >"$WORK/warmup-pgbench-submission$suffix.txt" 2>&1 \
    || log "pgbench warm-up (submission) failed"
  pgb -T "$PGBENCH_TIME" -r -D cnt=0 -D base="$((base + PGB_PHASE))" -D per_client="$PER_CLIENT" \
    -f "$BENCH_DIR/pgbench/submission.sql" >"$WORK/pgbench-submission$suffix.txt" 2>&1 \
    || log "pgbench (submission) failed: $(tail -n 3 "$WORK/pgbench-submission$suffix.txt")"
  log "pgbench ($label the API load): history read, $PGBENCH_WARMUP s warm-up, -T $PGBENCH_TIME"
  pgb -T "$PGBENCH_WARMUP" -D hist="$HIST" -f "$BENCH_DIR/pgbench/history.sql" \
    >"$WORK/warmup-pgbench-history$suffix.txt" 2>&1 || log "pgbench warm-up (history) failed"
  pgb -T "$PGBENCH_TIME" -r -D hist="$HIST" -f "$BENCH_DIR/pgbench/history.sql" \
    >"$WORK/pgbench-history$suffix.txt" 2>&1 \
    || log "pgbench (history) failed: $(tail -n 3 "$WORK/pgbench-history$suffix.txt")"
  log "pgbench ($label the API load): minimal durable transaction (one-row INSERT, COMMIT), -T $PGBENCH_TIME"
  pgb -T "$PGBENCH_WARMUP" -f "$BENCH_DIR/pgbench/minimal.sql" >"$WORK/warmup-pgbench-minimal$suffix.txt" 2>&1 \
    || log "pgbench warm-up (minimal) failed"
  pgb -T "$PGBENCH_TIME" -f "$BENCH_DIR/pgbench/minimal.sql" >"$WORK/pgbench-minimal$suffix.txt" 2>&1 \
    || log "pgbench (minimal) failed: $(tail -n 3 "$WORK/pgbench-minimal$suffix.txt")"
  unset PGOPTIONS
  grep -h "^tps" "$WORK"/pgbench-submission$suffix.txt "$WORK"/pgbench-history$suffix.txt \
    "$WORK"/pgbench-minimal$suffix.txt >&2 || true
}
bpsql -c "CREATE TABLE $BENCH_SCHEMA.bench_min_commit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  client int NOT NULL, at timestamptz NOT NULL)"
pgbench_runs before 0
bpsql -c "SET search_path TO $BENCH_SCHEMA" -c "VACUUM ANALYZE" -c "CHECKPOINT"

start_app
log "Gatling: submissions at $SUBMIT_STEPS/s, history at $HISTORY_STEPS/s, $STEP_SECONDS s each"
GATLING_OUT="$WORK/gatling"
(cd "$ROOT_DIR" && ./mvnw -B -q -f bench/gatling/pom.xml gatling:test \
  -Dbench.resultsFolder="$GATLING_OUT" \
  -Dbench.baseUrl="$BASE_URL" -Dbench.key="$BENCH_KEY" -Dbench.issuer="$BENCH_ISSUER" \
  -Dbench.audience="$BENCH_AUDIENCE" -Dbench.submitSteps="$SUBMIT_STEPS" -Dbench.historySteps="$HISTORY_STEPS" \
  -Dbench.stepSeconds="$STEP_SECONDS" -Dbench.pauseSeconds="$PAUSE_SECONDS" -Dbench.warmupSeconds="$WARMUP_SECONDS" \
  -Dbench.warmupRate="$WARMUP_RATE" \
  -Dbench.submitters="$SUBMITTERS" -Dbench.historyPatients="$HIST") >"$WORK/gatling.log" 2>&1 \
  || log "Gatling exited with $? (see $WORK/gatling.log)"
stop_app
pgbench_runs after "$((2 * PGB_PHASE))"
ls -d "$GATLING_OUT"/*/ 2>/dev/null | tail -n 1 >"$WORK/gatling-dir" || true
[[ -s "$WORK/gatling-dir" ]] || { tail -n 30 "$WORK/gatling.log" >&2; die "no Gatling report"; }

# A smoke run checks the harness; its figures mean nothing, so it leaves the committed reports alone.
if [[ "$SMOKE" == 1 ]]; then REPORT="$WORK/report.md"; else REPORT="$RESULTS/$STAMP.md"; fi
python3 "$BENCH_DIR/report.py" "$WORK" >"$REPORT"
[[ "$SMOKE" == 1 ]] || cp "$REPORT" "$RESULTS/latest.md"
cat "$REPORT"
log "written $REPORT (work files: $WORK)"
if [[ -s "$WORK/health" ]]; then
  log "harness problems: $(tr '\n' ';' <"$WORK/health")"
  [[ "$SMOKE" == 1 ]] && die "smoke run failed"
fi
exit 0
