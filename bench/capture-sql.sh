#!/usr/bin/env bash
# Prints the SQL statements the packaged service sends for one patient submission (POST /api/v1/me/responses) and
# one history read (GET /api/v1/me/responses), as PostgreSQL logs them with log_statement=all. This is how
# bench/pgbench/submission.sql and bench/pgbench/history.sql are kept equal to what the service does: rerun it after
# a change to those paths and compare.
#
#   bench/capture-sql.sh      (reads the server log, default /var/log/postgresql/postgresql-15-main.log: PG_LOG=...)
set -euo pipefail

source "$(dirname "$0")/lib.sh"

PG_LOG="${PG_LOG:-/var/log/postgresql/postgresql-15-main.log}"
[[ -r "$PG_LOG" ]] || die "cannot read the server log $PG_LOG (set PG_LOG)"
STAMP="$(date -u +%Y%m%d-%H%M%S)"
WORK="$BENCH_DIR/results/work/capture-$STAMP"
mkdir -p "$WORK"
: >"$WORK/app.log"

cleanup() { local rc=$?; stop_app; drop_db; exit $rc; }
trap cleanup EXIT
trap 'exit 130' INT TERM

package_app
create_db
start_app
setup_study
stop_app
load_data 40 2 0
bpsql -c "ALTER DATABASE $BENCH_DB SET log_statement = 'all'"
start_app

token=$(mint_token 3000000001 patient)
body='{"timepointKey":"T0","instrumentId":"phq9","instrumentVersion":"1.0","completedAt":"'"$(date -u -d '-2 days' +%Y-%m-%dT%H:%M:%SZ)"'",
  "answers":{"phq9_q1":1,"phq9_q2":2,"phq9_q3":1,"phq9_q4":0,"phq9_q5":3,"phq9_q6":1,"phq9_q7":0,"phq9_q8":1,"phq9_q9":0,"phq9_difficulty":1}}'
# A first request of each kind lets the driver do its one-off type lookups; the second one is captured.
for round in warm capture; do
  [[ "$round" == capture ]] && { sleep 0.5; mark=$(wc -l <"$PG_LOG"); }
  curl -s -o /dev/null -X POST "$BASE_URL/api/v1/me/responses" -H "Authorization: Bearer $token" \
    -H "Idempotency-Key: capture-$round-$STAMP" -H 'Content-Type: application/json' --data "$body"
  body=${body/\"T0\"/\"T1\"}
  [[ "$round" == capture ]] && { sleep 0.5; tail -n +"$((mark + 1))" "$PG_LOG" | grep "$BENCH_DB" >"$WORK/submission.log" || true; }
done
htoken=$(mint_token 1000000001 patient)
for round in warm capture; do
  [[ "$round" == capture ]] && { sleep 0.5; mark=$(wc -l <"$PG_LOG"); }
  curl -s -o /dev/null "$BASE_URL/api/v1/me/responses?limit=50" -H "Authorization: Bearer $htoken"
  [[ "$round" == capture ]] && { sleep 0.5; tail -n +"$((mark + 1))" "$PG_LOG" | grep "$BENCH_DB" >"$WORK/history.log" || true; }
done

for kind in submission history; do
  echo "== $kind: $(grep -c 'LOG:  execute\|LOG:  statement' "$WORK/$kind.log") statements"
  sed -E 's/^.*LOG:  (execute [^:]*|statement): //' "$WORK/$kind.log" | grep -v "DETAIL:" || true
done
