#!/usr/bin/env bash
# Profiles the packaged application under a steady load with Java Flight Recorder (built into the JDK) and prints
# where the CPU time goes: the hottest methods of the application's own code and the hottest frames overall.
#
#   bench/profile.sh                        submissions at 100/s and history reads at 200/s, 20 s each
#   SUBMIT_RATE=150 HISTORY_RATE=0 SECONDS_EACH=30 bench/profile.sh
#   JFR=0 SUBMIT_RATE=100 HISTORY_RATE=0 bench/profile.sh     CPU per request and connection states, no profiler
#   HISTORY_QUERY="limit=50&answers=false" ...                 the history request with another query string
#
# Same throwaway database, data set and Gatling simulation as bench/run.sh (N defaults to 20,000 here). Writes the
# recording and the summary under bench/results/work/profile-<stamp>/ (not committed).
set -euo pipefail

source "$(dirname "$0")/lib.sh"

N="${N:-20000}"
SUBMIT_RATE="${SUBMIT_RATE:-100}"
HISTORY_RATE="${HISTORY_RATE:-200}"
SECONDS_EACH="${SECONDS_EACH:-20}"
export PRO_DB_POOL_MAX="${PRO_DB_POOL_MAX:-8}"

STAMP="$(date -u +%Y%m%d-%H%M%S)"
WORK="$BENCH_DIR/results/work/profile-$STAMP"
mkdir -p "$WORK"
: >"$WORK/app.log"

steps_of() { (( $1 > 0 )) && echo "$1" || echo ""; }
WARMUP_RATE="${WARMUP_RATE:-50}"
WARMUP_SECONDS="${WARMUP_SECONDS:-20}"
SUBMITTERS=$(( (SUBMIT_RATE * SECONDS_EACH + WARMUP_RATE * WARMUP_SECONDS) * 12 / 10 / 16 + 10 ))
HIST=$(( (N + 39) / 40 ))

cleanup() { local rc=$?; stop_app; drop_db; exit $rc; }
trap cleanup EXIT
trap 'exit 130' INT TERM

package_app
create_db
start_app
setup_study
stop_app
load_data "$N" "$SUBMITTERS" 0
bpsql -c "SET search_path TO $BENCH_SCHEMA" -c "VACUUM ANALYZE" -c "CHECKPOINT"

start_app
log "load: warm-up ${WARMUP_SECONDS} s at ${WARMUP_RATE}/s, then submissions at ${SUBMIT_RATE}/s and history at" \
  "${HISTORY_RATE}/s, ${SECONDS_EACH} s each; recording after the warm-up"
(cd "$ROOT_DIR" && ./mvnw -B -q -f bench/gatling/pom.xml gatling:test \
  -Dbench.resultsFolder="$WORK/gatling" -Dbench.baseUrl="$BASE_URL" -Dbench.key="$BENCH_KEY" \
  -Dbench.issuer="$BENCH_ISSUER" -Dbench.audience="$BENCH_AUDIENCE" \
  -Dbench.submitSteps="$(steps_of "$SUBMIT_RATE")" -Dbench.historySteps="$(steps_of "$HISTORY_RATE")" \
  -Dbench.historyQuery="${HISTORY_QUERY:-limit=50}" \
  -Dbench.stepSeconds="$SECONDS_EACH" -Dbench.pauseSeconds=1 -Dbench.warmupSeconds="$WARMUP_SECONDS" \
  -Dbench.warmupRate="$WARMUP_RATE" -Dbench.submitters="$SUBMITTERS" -Dbench.historyPatients="$HIST") \
  >"$WORK/gatling.log" 2>&1 &
GATLING_PID=$!
# Gatling starts in a few seconds; the warm-up (JIT, pool) is not recorded.
sleep $(( WARMUP_SECONDS * 2 + 8 ))
JFR="${JFR:-1}"  # JFR=0: no recording, only the CPU and connection figures below (no profiler overhead in them)
(( JFR )) && jcmd "$APP_PID" JFR.start name=bench settings=profile filename="$WORK/app.jfr" >/dev/null
# Inside the first measured step (from 2 s after its start, for SECONDS_EACH - 4 s): CPU by process (the service,
# PostgreSQL, the generator) and the service's CPU per request at the step's rate; and what the service's database
# connections are doing, sampled every 100 ms from pg_stat_activity: "active" (PostgreSQL works or waits on a lock
# or I/O), "idle in transaction" (PostgreSQL waits for the service inside a transaction), "idle" (not in use, or
# held by the service between transactions).
sleep 2
WINDOW=$(( SECONDS_EACH - 4 ))
cpu_snapshot "$WORK/cpu-before.txt"
(
  end=$(( SECONDS + WINDOW ))
  while (( SECONDS < end )); do
    psql -X -At -F '|' -d "$BENCH_DB" -c "SELECT state, coalesce(wait_event_type, '-'), coalesce(wait_event, '-')
      FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
      AND application_name NOT LIKE 'psql%'" 2>/dev/null || true
    sleep 0.1
  done >"$WORK/pg-activity.txt"
) &
ACT_PID=$!
sleep "$WINDOW"
cpu_snapshot "$WORK/cpu-after.txt"
wait "$ACT_PID" || true
FIRST_RATE=$(( SUBMIT_RATE > 0 ? SUBMIT_RATE : HISTORY_RATE ))
cpu_shares "$WORK/cpu-before.txt" "$WORK/cpu-after.txt" "$WINDOW" "$FIRST_RATE" | tee "$WORK/cpu.txt"
total_samples=$(wc -l <"$WORK/pg-activity.txt")
{
  echo "service connections during the step, share of samples (state|wait_type|wait_event):"
  sort "$WORK/pg-activity.txt" | uniq -c | sort -rn | head -n 10 \
    | awk -v total="$total_samples" '{ n = $1; sub(/^ *[0-9]+ /, ""); printf "  %5.1f%%  %s\n", 100 * n / total, $0 }'
} | tee "$WORK/pg-activity-summary.txt"
wait "$GATLING_PID" || log "Gatling exited with an error (see $WORK/gatling.log)"
(( JFR )) && jcmd "$APP_PID" JFR.stop name=bench >/dev/null
stop_app
grep -E "^> (submit|history)@" "$WORK/gatling.log" | tail -n 2 || true
if (( ! JFR )); then
  log "summary in $WORK"
  exit 0
fi
jfr print --events jdk.CPULoad "$WORK/app.jfr" | awk '/jvmUser/ {u += $3; n++} /machineTotal/ {m += $3} END {
  if (n) printf "CPU while recording: application JVM %.0f%%, whole machine %.0f%% (of %d cores)\n", u / n, m / n, '"$(nproc)"' }'
jfr print --stack-depth 64 --events jdk.ExecutionSample "$WORK/app.jfr" >"$WORK/samples.txt"
python3 - "$WORK/samples.txt" <<'EOF' | tee "$WORK/summary.txt"
import collections, re, sys
text = open(sys.argv[1]).read()
stacks = [re.findall(r"^\s+([\w$.<>/]+)\(", block, re.M) for block in text.split("jdk.ExecutionSample")[1:]]
stacks = [s for s in stacks if s]
total = len(stacks)
top = collections.Counter(s[0] for s in stacks)
own = collections.Counter()
for s in stacks:
    mine = next((f for f in s if f.startswith("org.proservice.")), None)
    if mine:
        own[mine] += 1
print(f"{total} samples")
print("\nhottest frames (self):")
for f, c in top.most_common(25):
    print(f"  {100 * c / total:5.1f}%  {f}")
print("\napplication methods on the stack (innermost org.proservice frame):")
for f, c in own.most_common(30):
    print(f"  {100 * c / total:5.1f}%  {f}")
inclusive = collections.Counter()
for s in stacks:
    for f in set(s):
        if f.startswith("org.proservice.") and "_" not in f.rsplit(".", 2)[-2]:
            inclusive[f] += 1
print("\napplication methods, inclusive (share of samples with the method anywhere on the stack):")
for f, c in inclusive.most_common(40):
    print(f"  {100 * c / total:5.1f}%  {f}")
EOF
log "recording and summary in $WORK"
