#!/usr/bin/env bash
# Fault harness: nothing acknowledged is lost, nothing is stored twice, and the service degrades cleanly.
#
#   FAULT_OK=1 bench/fault.sh            phases of ~20 s
#   FAULT_OK=1 bench/fault.sh --smoke    phases of a few seconds
#   FAULT_OK=1 PHASES=app bench/fault.sh only the application crash (leaves PostgreSQL alone)
#
# !! Phase "db" kills -9 the PostgreSQL postmaster of the LOCAL CLUSTER (pg_ctlcluster ... main) and restarts it.
# !! On a shared machine that breaks everybody's connections for a few seconds: it refuses to run without FAULT_OK=1.
#
# Load: W bash+curl clients submit fresh tasks of fresh patients (POST /api/v1/me/responses) in a loop; each
# submission has its own Idempotency-Key and is retried with the SAME key and body (curl --max-time, short back-off)
# until it gets a 2xx. Every 2xx goes to the ledger (key -> response id).
#   phase db : kill -9 the postmaster under load; while it is away, check readiness is DOWN and a submission gets
#              503 application/problem+json with Retry-After within a bound (not a hang); restart PostgreSQL; check
#              the application recovers without a restart.
#   phase app: kill -9 the application under load; restart it; the clients keep retrying with the same keys.
# Then the ledger is checked against the database: every acknowledged key is stored with the acknowledged response
# id (0 lost), no key or task is stored twice (0 duplicated); stored-but-never-acknowledged submissions are counted.
set -euo pipefail

source "$(dirname "$0")/lib.sh"

SMOKE=0
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) die "unknown argument $arg (try --help)" ;;
  esac
done
[[ "${FAULT_OK:-0}" == 1 ]] || die "refusing to run: this script kills -9 the local PostgreSQL postmaster and the \
application. Set FAULT_OK=1 if nobody else depends on this PostgreSQL right now (PHASES=app leaves it alone)."

PHASES="${PHASES:-db,app}"
WORKERS="${WORKERS:-4}"
if [[ "$SMOKE" == 1 ]]; then
  LOAD_BEFORE="${LOAD_BEFORE:-2}"; DB_OUTAGE="${DB_OUTAGE:-3}"; LOAD_AFTER="${LOAD_AFTER:-3}"
else
  LOAD_BEFORE="${LOAD_BEFORE:-8}"; DB_OUTAGE="${DB_OUTAGE:-5}"; LOAD_AFTER="${LOAD_AFTER:-10}"
fi
MAX_TIME="${MAX_TIME:-10}"                 # curl --max-time per attempt: a request that takes longer is a hang
OUTAGE_BOUND="${OUTAGE_BOUND:-8}"          # a request during the outage must be answered (503) within this (s)
PG_VERSION="${PG_VERSION:-$(ls /etc/postgresql | sort -V | tail -n 1)}"
PG_DATA="${PG_DATA:-/var/lib/postgresql/$PG_VERSION/main}"
SUBMITTERS="${SUBMITTERS:-1000}"

STAMP="$(date -u +%Y%m%d-%H%M%S)"
RESULTS="$BENCH_DIR/results"
WORK="$RESULTS/work/fault-$STAMP"
mkdir -p "$WORK"
: >"$WORK/app.log"
LEDGER="$WORK/ledger.tsv"      # idempotency key <TAB> response id, one line per acknowledged (2xx) submission
ATTEMPTS="$WORK/attempts.tsv"  # epoch ms <TAB> worker <TAB> key <TAB> http status (000 = no answer) <TAB> seconds
READY="$WORK/ready.tsv"        # epoch ms <TAB> readiness status
: >"$LEDGER"; : >"$ATTEMPTS"; : >"$READY"
STOP="$WORK/stop"
FAILURES=()
note() { log "$*"; echo "- $*" >>"$WORK/notes.md"; }
fail() { FAILURES+=("$*"); note "FAIL: $*"; }

cleanup() {
  local rc=$?
  touch "$STOP"
  [[ -n "${PROBE_PID:-}" ]] && kill "$PROBE_PID" 2>/dev/null || true
  for p in "${WORKER_PIDS[@]:-}"; do [[ -n "$p" ]] && kill "$p" 2>/dev/null || true; done
  pg_isready -q -h "$PGHOST" -p "$PGPORT" || pg_start || true
  stop_app
  drop_db
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ms() { date +%s%3N; }
pg_start() { pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start; }

# ---- one client: submission i = task (i % 16) of patient 3000000001 + i / 16, retried with one key until 2xx ----
ANSWERS=(
  '{"phq9_q1":1,"phq9_q2":2,"phq9_q3":1,"phq9_q4":0,"phq9_q5":3,"phq9_q6":1,"phq9_q7":0,"phq9_q8":1,"phq9_q9":0,"phq9_difficulty":1}'
  '{"gad7_q1":1,"gad7_q2":2,"gad7_q3":1,"gad7_q4":0,"gad7_q5":3,"gad7_q6":1,"gad7_q7":0,"gad7_difficulty":1}'
  '{"pcl5_q1":1,"pcl5_q2":2,"pcl5_q3":1,"pcl5_q4":0,"pcl5_q5":3,"pcl5_q6":1,"pcl5_q7":0,"pcl5_q8":1,"pcl5_q9":2,"pcl5_q10":1,"pcl5_q11":0,"pcl5_q12":1,"pcl5_q13":2,"pcl5_q14":1,"pcl5_q15":0,"pcl5_q16":1,"pcl5_q17":2,"pcl5_q18":1,"pcl5_q19":0,"pcl5_q20":1}'
  '{"bpi_q1_pain_today":1,"bpi_q3_worst":6,"bpi_q4_least":2,"bpi_q5_average":4,"bpi_q6_now":3,"bpi_q8_relief_pct":40,"bpi_q9a_general_activity":5,"bpi_q9b_mood":4,"bpi_q9c_walking_ability":3,"bpi_q9d_normal_work":5,"bpi_q9e_relations":2,"bpi_q9f_sleep":6,"bpi_q9g_enjoyment_of_life":4}'
)
INSTRUMENTS=(phq9 gad7 pcl5 bpi-sf)
COMPLETED="$(date -u -d '-2 days' +%Y-%m-%dT%H:%M:%SZ)"

worker() {
  local w="$1" i=$(($1 + PHASE_OFFSET)) token="" token_sub="" out="$WORK/w$1.body"
  while [[ ! -f "$STOP" ]]; do
    local sub=$((3000000001 + i / 16)) task=$((i % 16))
    (( (i - PHASE_OFFSET) / 16 < SUBMITTERS / 2 )) || { log "worker $w: out of submitter patients"; return 0; }
    [[ "$sub" == "$token_sub" ]] || { token=$(mint_token "$sub" patient); token_sub="$sub"; }
    local key="fault-$STAMP-$i"
    local body="{\"timepointKey\":\"T$((task / 4))\",\"instrumentId\":\"${INSTRUMENTS[task % 4]}\",\"instrumentVersion\":\"1.0\",\"answers\":${ANSWERS[task % 4]},\"completedAt\":\"$COMPLETED\"}"
    local tries=0 deadline=$((SECONDS + 120))
    while :; do
      local res code secs
      res=$(curl -s -o "$out" -w '%{http_code} %{time_total}' --max-time "$MAX_TIME" -X POST "$BASE_URL/api/v1/me/responses" \
        -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H "Idempotency-Key: $key" \
        --data "$body" 2>/dev/null) || true
      code="${res%% *}"; secs="${res##* }"; [[ -n "$code" ]] || code=000
      printf '%s\t%s\t%s\t%s\t%s\n' "$(ms)" "$w" "$key" "$code" "$secs" >>"$ATTEMPTS"
      if [[ "$code" == 2* ]]; then
        printf '%s\t%s\n' "$key" "$(sed -E 's/^\{"id":"([0-9a-f-]{36})".*/\1/' "$out" | head -c 36)" >>"$LEDGER"
        break
      fi
      if [[ "$code" == 4* && "$code" != 408 && "$code" != 429 ]]; then
        printf '%s\t%s\t%s\t%s\t%s\n' "$(ms)" "$w" "$key" "REJECTED-$code" "$(head -c 300 "$out")" >>"$ATTEMPTS"
        break
      fi
      tries=$((tries + 1))
      (( SECONDS < deadline )) || { printf '%s\t%s\t%s\tGAVE-UP\t\n' "$(ms)" "$w" "$key" >>"$ATTEMPTS"; break; }
      sleep 0.$((2 + RANDOM % 3))
    done
    i=$((i + WORKERS))
  done
}

readiness_probe() {
  while [[ ! -f "$STOP" ]]; do
    printf '%s\t%s\n' "$(ms)" "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$BASE_URL/q/health/ready" || true)" >>"$READY"
    sleep 0.25
  done
}

WORKER_PIDS=()
PHASE_OFFSET=0
# Each phase submits its own tasks: phase n starts at submission n * 16 * SUBMITTERS / 2 (fresh patients and keys).
start_load() {
  rm -f "$STOP"
  readiness_probe & PROBE_PID=$!
  for ((w = 0; w < WORKERS; w++)); do worker "$w" & WORKER_PIDS+=($!); done
  log "load: $WORKERS clients"
}
# Workers finish (with retries) the submission they are on, then stop.
stop_load() {
  touch "$STOP"
  for p in "${WORKER_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  WORKER_PIDS=()
  kill "$PROBE_PID" 2>/dev/null || true; wait "$PROBE_PID" 2>/dev/null || true
}
acked() { wc -l <"$LEDGER" | tr -d ' '; }

# ---- setup ----------------------------------------------------------------------------------------------------
{
  echo "# Fault run $STAMP"
  echo
  echo "Command: \`FAULT_OK=1 PHASES=$PHASES bench/fault.sh$([[ "$SMOKE" == 1 ]] && echo ' --smoke')\`; $WORKERS curl clients (--max-time $MAX_TIME s, same key on every retry)."
  echo
} >"$WORK/notes.md"
package_app
create_db
start_app
setup_study
load_data 40 "$SUBMITTERS" 0
bpsql -c "ANALYZE"

# ---- phase db: kill -9 the postmaster under load ---------------------------------------------------------------
if [[ ",$PHASES," == *",db,"* ]]; then
  note "phase db: load for ${LOAD_BEFORE}s, kill -9 the postmaster, ${DB_OUTAGE}s outage, restart, load for ${LOAD_AFTER}s"
  start_load
  sleep "$LOAD_BEFORE"
  before=$(acked)
  PM_PID=$(head -n 1 "$PG_DATA/postmaster.pid")
  T_KILL=$(ms)
  kill -9 "$PM_PID"
  note "killed postmaster $PM_PID at $(date -u +%T) ($before submissions acknowledged so far)"
  # wait for the backends to notice the postmaster is gone (they exit on their own)
  for _ in $(seq 1 40); do pg_isready -q -h "$PGHOST" -p "$PGPORT" || break; sleep 0.25; done
  sleep 1
  # During the outage: readiness DOWN, a submission answered 503 problem+json + Retry-After, not a hang.
  ready_code=$(curl -s -o "$WORK/ready-outage.json" -w '%{http_code}' --max-time 5 "$BASE_URL/q/health/ready" || echo 000)
  [[ "$ready_code" == 503 ]] && grep -q '"DOWN"' "$WORK/ready-outage.json" \
    && note "readiness during the outage: 503, status DOWN" \
    || fail "readiness during the outage answered $ready_code: $(head -c 200 "$WORK/ready-outage.json")"
  probe_token=$(mint_token 3000000001 patient)
  res=$(curl -s -D "$WORK/outage.headers" -o "$WORK/outage.body" -w '%{http_code} %{time_total}' --max-time 30 \
    -X POST "$BASE_URL/api/v1/me/responses" -H "Authorization: Bearer $probe_token" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: fault-$STAMP-outage-probe" --data "{\"timepointKey\":\"T0\",\"instrumentId\":\"phq9\",\"instrumentVersion\":\"1.0\",\"answers\":${ANSWERS[0]},\"completedAt\":\"$COMPLETED\"}" || echo "000 30")
  code="${res%% *}"; secs="${res##* }"
  ctype=$(grep -i '^content-type:' "$WORK/outage.headers" | tr -d '\r' | cut -d' ' -f2- || true)
  retry=$(grep -i '^retry-after:' "$WORK/outage.headers" | tr -d '\r' | cut -d' ' -f2- || true)
  if [[ "$code" == 503 && "$ctype" == application/problem+json* && -n "$retry" ]] \
      && awk -v s="$secs" -v b="$OUTAGE_BOUND" 'BEGIN { exit !(s <= b) }'; then
    note "a submission during the outage: 503 $ctype, Retry-After: $retry, answered in ${secs}s, body $(head -c 160 "$WORK/outage.body")"
  else
    fail "a submission during the outage: status $code, content type '$ctype', Retry-After '$retry', ${secs}s (bound ${OUTAGE_BOUND}s)"
  fi
  elapsed=$(( ($(ms) - T_KILL) / 1000 ))
  (( elapsed < DB_OUTAGE )) && sleep $((DB_OUTAGE - elapsed))
  for attempt in 1 2 3 4 5 6; do
    pg_start && break
    log "pg_ctlcluster start failed (attempt $attempt); backends may still be exiting"; sleep 1
  done
  T_PG=$(ms)
  pg_isready -h "$PGHOST" -p "$PGPORT" -t 30 >/dev/null || fail "PostgreSQL did not come back"
  note "PostgreSQL restarted after $(( (T_PG - T_KILL) / 1000 ))s down"
  recovered=""
  for _ in $(seq 1 120); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$BASE_URL/q/health/ready")" == 200 ]] && { recovered=$(ms); break; }
    sleep 0.25
  done
  [[ -n "$recovered" ]] && note "application ready again $(( (recovered - T_PG) ))ms after PostgreSQL was back (no restart)" \
    || fail "application not ready 30 s after PostgreSQL came back"
  sleep "$LOAD_AFTER"
  stop_load
  down=$(awk -F'\t' -v t="$T_KILL" '$1 >= t && $2 != 200' "$READY" | wc -l)
  codes=$(awk -F'\t' -v t="$T_KILL" -v u="$T_PG" '$1 >= t && $1 <= u + 2000 { c[$4]++ } END { for (k in c) printf "%s=%d ", k, c[k] }' "$ATTEMPTS")
  slow=$(awk -F'\t' -v m="$OUTAGE_BOUND" '$5 + 0 > m' "$ATTEMPTS" | wc -l)
  note "phase db: readiness probes not 200 after the kill: $down; client attempts from the kill until 2 s after the restart, by status: $codes; attempts slower than ${OUTAGE_BOUND}s: $slow; acknowledged so far: $(acked)"
fi

# ---- phase app: kill -9 the application under load ------------------------------------------------------------
if [[ ",$PHASES," == *",app,"* ]]; then
  PHASE_OFFSET=$((16 * SUBMITTERS / 2))
  note "phase app: load for ${LOAD_BEFORE}s, kill -9 the application, restart it, load for ${LOAD_AFTER}s"
  start_load
  sleep "$LOAD_BEFORE"
  before=$(acked)
  T_KILL=$(ms)
  echo "$T_KILL" >"$WORK/app-kill-ms"
  kill -9 "$APP_PID"
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
  note "killed the application at $(date -u +%T) ($before acknowledged so far); restarting it"
  start_app
  note "application ready again $(( ($(ms) - T_KILL) ))ms after the kill"
  sleep "$LOAD_AFTER"
  stop_load
  codes=$(awk -F'\t' -v t="$T_KILL" '$1 >= t { c[$4]++ } END { for (k in c) printf "%s=%d ", k, c[k] }' "$ATTEMPTS")
  note "phase app: client attempts after the kill by status: $codes"
fi

# ---- the ledger against the database ----------------------------------------------------------------------------
bpsql -c "CREATE TABLE bench_ledger (idempotency_key text, response_id uuid)" \
  -c "\\copy bench_ledger FROM '$LEDGER'"
read -r LEDGER_N LOST MISMATCH DUP_KEYS DUP_TASKS STORED UNACKED <<<"$(bpsql -F ' ' -c "SET search_path TO $BENCH_SCHEMA, public" -c "
  WITH mine AS (SELECT i.idempotency_key, i.response_id FROM response_idempotency i
                WHERE i.idempotency_key LIKE 'fault-$STAMP-%')
  SELECT (SELECT count(DISTINCT idempotency_key) FROM bench_ledger),
         (SELECT count(*) FROM bench_ledger l WHERE NOT EXISTS (SELECT 1 FROM response r WHERE r.id = l.response_id)),
         (SELECT count(*) FROM bench_ledger l LEFT JOIN mine m USING (idempotency_key)
           WHERE m.response_id IS DISTINCT FROM l.response_id),
         (SELECT count(*) FROM (SELECT idempotency_key FROM bench_ledger GROUP BY 1 HAVING count(DISTINCT response_id) > 1) d),
         (SELECT count(*) FROM (SELECT 1 FROM response r JOIN mine m ON m.response_id = r.id
                                 GROUP BY r.enrollment_id, r.timepoint_key, r.instrument_id HAVING count(*) > 1) d),
         (SELECT count(*) FROM mine),
         (SELECT count(*) FROM mine m WHERE NOT EXISTS (SELECT 1 FROM bench_ledger l WHERE l.idempotency_key = m.idempotency_key))")"
# Keys that had an attempt without an answer before their 2xx; of those sent around the application kill (a failed
# attempt after it), the ones whose response was committed before the kill: acknowledged by an idempotent replay.
awk -F'\t' '$4 == "000" || $4 ~ /^5/ { seen[$3] = 1 } $4 ~ /^2/ && seen[$3] { print $3 }' "$ATTEMPTS" | sort -u >"$WORK/retried-keys"
RETRIED_ACKED=$(wc -l <"$WORK/retried-keys" | tr -d ' ')
awk -F'\t' -v t="$(cat "$WORK/app-kill-ms" 2>/dev/null || echo 0)" '$4 == "000" && $1 >= t { seen[$3] = 1 } $4 ~ /^2/ && seen[$3] { print $3 }' \
  "$ATTEMPTS" | sort -u >"$WORK/retried-app-keys"
bpsql -c "CREATE TABLE bench_retried (idempotency_key text)" -c "\\copy bench_retried FROM '$WORK/retried-app-keys'"
REPLAYED=0
if [[ -f "$WORK/app-kill-ms" ]]; then
  REPLAYED=$(bpsql -c "SELECT count(*) FROM $BENCH_SCHEMA.response r JOIN bench_ledger l ON l.response_id = r.id
    JOIN bench_retried t USING (idempotency_key) WHERE r.received_at < to_timestamp($(cat "$WORK/app-kill-ms") / 1000.0)")
fi
GAVE_UP=$(grep -c $'\tGAVE-UP' "$ATTEMPTS" || true)
REJECTED=$(grep -c $'\tREJECTED-' "$ATTEMPTS" || true)
RETRIES=$(( $(wc -l <"$ATTEMPTS") - LEDGER_N - GAVE_UP - REJECTED ))
(( LOST == 0 )) || fail "$LOST acknowledged submissions are not in the database"
(( MISMATCH == 0 )) || fail "$MISMATCH acknowledged keys map to another response id in the database"
(( DUP_KEYS == 0 && DUP_TASKS == 0 )) || fail "duplicates: $DUP_KEYS keys with two ids, $DUP_TASKS tasks stored twice"
(( REJECTED == 0 )) || fail "$REJECTED submissions were refused with a 4xx (see attempts.tsv)"
{
  echo
  echo "| ledger check | count |"
  echo "|---|---|"
  echo "| acknowledged (2xx) submissions in the ledger | $LEDGER_N |"
  echo "| lost (acknowledged, not in the database) | $LOST |"
  echo "| acknowledged id differs from the stored one | $MISMATCH |"
  echo "| duplicated (key with two ids / task stored twice) | $DUP_KEYS / $DUP_TASKS |"
  echo "| stored by these clients | $STORED |"
  echo "| stored but never acknowledged (client gave up) | $UNACKED |"
  echo "| retried attempts (no answer, 5xx) / gave up / refused 4xx | $RETRIES / $GAVE_UP / $REJECTED |"
  echo "| acknowledged only after retrying (no answer or 5xx first) | $RETRIED_ACKED |"
  echo "| in flight at the application kill, committed before it, acknowledged by replay after the restart | $REPLAYED |"
  echo
  if ((${#FAILURES[@]} == 0)); then echo "Result: PASS (0 lost, 0 duplicated)"; else echo "Result: FAIL (${#FAILURES[@]} problems)"; fi
  echo
  echo "Machine:"
  echo
  machine_facts
} >>"$WORK/notes.md"
if [[ "$SMOKE" != 1 ]]; then
  cp "$WORK/notes.md" "$RESULTS/fault-$STAMP.md"
  cp "$WORK/notes.md" "$RESULTS/fault-latest.md"
fi
cat "$WORK/notes.md"
log "written $WORK/notes.md (work files: $WORK)"
((${#FAILURES[@]} == 0))
