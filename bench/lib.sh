# Shared helpers of bench/run.sh and bench/fault.sh (sourced, not run). Bash, set -euo pipefail in the callers.
# Everything is configured by environment variables with defaults that work on the development machines:
#   PGHOST/PGPORT/PGUSER   PostgreSQL to create the throwaway database on (127.0.0.1 / 5432 / postgres)
#   BENCH_PORT             HTTP port of the application under test (8197)
#   KEEP_DB=1              keep the throwaway database at the end

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$BENCH_DIR/.." && pwd)"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
BENCH_PORT="${BENCH_PORT:-8197}"
BENCH_SCHEMA="${BENCH_SCHEMA:-pro}"
BENCH_ISSUER="${BENCH_ISSUER:-https://pro.local/bench-issuer}"
BENCH_AUDIENCE="${BENCH_AUDIENCE:-pro-service}"
BENCH_KEY="${BENCH_KEY:-$ROOT_DIR/src/test/resources/jwt/dev-private.pem}"
BASE_URL="http://127.0.0.1:$BENCH_PORT"
APP_PID=""
BENCH_DB=""

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# psql against the throwaway database: quiet, stop at the first error, unaligned output.
bpsql() { psql -X -q -v ON_ERROR_STOP=1 -At -d "$BENCH_DB" "$@"; }

create_db() {
  BENCH_DB="${BENCH_DB_NAME:-pro_bench_$(date -u +%Y%m%d_%H%M%S)_$$}"
  log "creating database $BENCH_DB on $PGHOST:$PGPORT"
  psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $BENCH_DB"
}

drop_db() {
  [[ -n "$BENCH_DB" ]] || return 0
  if [[ "${KEEP_DB:-0}" == 1 ]]; then
    log "KEEP_DB=1: keeping database $BENCH_DB"
  else
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 \
      || log "could not drop $BENCH_DB (drop it by hand)"
  fi
}

package_app() {
  if [[ ! -f "$ROOT_DIR/target/quarkus-app/quarkus-run.jar" || "${REBUILD:-0}" == 1 ]]; then
    log "packaging the application (./mvnw -B package -DskipTests -q)"
    (cd "$ROOT_DIR" && ./mvnw -B package -DskipTests -q)
  fi
}

# Starts the packaged application on the throwaway database, configured by environment variables only. It connects
# as the local superuser that owns the throwaway schema, hence PRO_DB_ALLOW_OWNER_ROLE (production refuses that).
start_app() {
  local logfile="${1:-$WORK/app.log}"
  ( cd "$ROOT_DIR" && exec env \
      PRO_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" \
      PRO_DB_USER="$PGUSER" \
      PRO_DB_SCHEMA="$BENCH_SCHEMA" \
      PRO_JWT_KEY_LOCATION="file:src/test/resources/jwt/dev-public.pem" \
      PRO_JWT_ISSUER="$BENCH_ISSUER" \
      PRO_JWT_AUDIENCE="$BENCH_AUDIENCE" \
      PRO_HTTP_PORT="$BENCH_PORT" \
      PRO_NOTIFY_ENABLED="${PRO_NOTIFY_ENABLED:-true}" \
      PRO_DB_ALLOW_OWNER_ROLE="${PRO_DB_ALLOW_OWNER_ROLE:-true}" \
      "${BENCH_JAVA:-java}" ${BENCH_JAVA_OPTS:--Xmx512m} -jar "${BENCH_APP_JAR:-target/quarkus-app/quarkus-run.jar}" \
      >>"$logfile" 2>&1 ) &
  APP_PID=$!
  log "application starting (pid $APP_PID, port $BENCH_PORT, log $logfile)"
  wait_ready 90 || { tail -n 40 "$logfile" >&2; die "application did not become ready"; }
}

stop_app() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}

# Waits until /q/health/ready answers 200 (at most $1 seconds).
wait_ready() {
  local limit="${1:-60}" i
  for ((i = 0; i < limit * 4; i++)); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE_URL/q/health/ready")" == 200 ]] && return 0
    sleep 0.25
  done
  return 1
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# An RS256 token signed with the test key: mint_token SUBJECT ROLE [TTL_SECONDS]
mint_token() {
  local sub="$1" role="$2" ttl="${3:-7200}" now header claims sig
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  claims=$(printf '{"iss":"%s","aud":"%s","sub":"%s","groups":["%s"],"iat":%d,"exp":%d}' \
    "$BENCH_ISSUER" "$BENCH_AUDIENCE" "$sub" "$role" "$now" "$((now + ttl))" | b64url)
  sig=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$BENCH_KEY" -binary | b64url)
  printf '%s.%s.%s' "$header" "$claims" "$sig"
}

# api METHOD PATH TOKEN [JSON]: prints the body, fails on a non-2xx status.
api() {
  local method="$1" path="$2" token="$3" body="${4:-}" out code
  out=$(mktemp)
  code=$(curl -s -o "$out" -w '%{http_code}' --max-time 30 -X "$method" "$BASE_URL$path" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' ${body:+--data "$body"})
  if [[ "$code" != 2* ]]; then
    log "$method $path -> $code: $(head -c 600 "$out")"
    rm -f "$out"
    return 1
  fi
  cat "$out"
  rm -f "$out"
}

# Creates the study (two arms), its protocol (T0-T3 x all four instruments, late accepted) and the staff member
# bench-clinician through the API; sets STUDY_ID.
setup_study() {
  local admin
  admin=$(mint_token bench-admin admin)
  STUDY_ID=$(api POST /api/v1/studies "$admin" '{"name":"Bench study","description":"bench/run.sh load data",
    "arms":[{"code":"psychedelic-im","label":"Psychedelic"},{"code":"psycholytic-sl","label":"Psycholytic"}]}' \
    | sed -E 's/.*"id":"([0-9a-f-]{36})".*/\1/' | head -c 36)
  [[ "$STUDY_ID" =~ ^[0-9a-f-]{36}$ ]] || die "could not create the study"
  local all='["phq9","gad7","pcl5","bpi-sf"]'
  api POST "/api/v1/studies/$STUDY_ID/protocol-versions" "$admin" "{\"anchors\":[\"session-1\",\"session-3\",\"session-6\"],
    \"lateSubmissions\":\"accept_marked_late\",\"graceHours\":0,\"timepoints\":[
    {\"key\":\"T0\",\"label\":\"Baseline\",\"anchor\":\"enrollment\",\"offsetDays\":0,\"windowDaysBefore\":0,\"windowDaysAfter\":7,\"instruments\":$all,\"baseline\":true},
    {\"key\":\"T1\",\"label\":\"After session 1\",\"anchor\":\"session-1\",\"offsetDays\":1,\"windowDaysBefore\":0,\"windowDaysAfter\":6,\"instruments\":$all},
    {\"key\":\"T2\",\"label\":\"After session 3\",\"anchor\":\"session-3\",\"offsetDays\":1,\"windowDaysBefore\":0,\"windowDaysAfter\":6,\"instruments\":$all},
    {\"key\":\"T3\",\"label\":\"After session 6\",\"anchor\":\"session-6\",\"offsetDays\":1,\"windowDaysBefore\":0,\"windowDaysAfter\":6,\"instruments\":$all}]}" >/dev/null
  api PUT "/api/v1/studies/$STUDY_ID/staff/bench-clinician" "$admin" '{"role":"clinician"}' >/dev/null
  log "study $STUDY_ID created through the API"
}

# Loads the data set (bench/sql/load.sql): HIST_PATIENTS patients with N responses between them, SUBMITTERS fresh
# patients for the API load (16 open tasks each) and PGB_PATIENTS fresh patients for pgbench.
load_data() {
  local n="$1" submitters="$2" pgb="$3"
  log "loading $n responses, $submitters API submitters, $pgb pgbench patients"
  local t0=$SECONDS
  bpsql -v n="$n" -v submitters="$submitters" -v pgb="$pgb" -v study="'$STUDY_ID'" \
    -c "SET search_path TO $BENCH_SCHEMA" -f "$BENCH_DIR/sql/load.sql"
  log "loaded in $((SECONDS - t0)) s"
}

machine_facts() {
  echo "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "- git commit: $(cd "$ROOT_DIR" && git rev-parse --short HEAD)$(cd "$ROOT_DIR" && git diff --quiet HEAD -- src pom.xml || echo ' (+ uncommitted changes)')"
  echo "- cores (nproc): $(nproc); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- memory: $(free -m | awk '/^Mem:/ {print $2 " MiB total, " $7 " MiB available"}')"
  echo "- JDK: $(java -version 2>&1 | head -n 1)"
  echo "- psql: $(psql --version)"
  echo "- server: $(psql -X -At -d postgres -c 'SHOW server_version') (synchronous_commit=$(psql -X -At -d postgres -c 'SHOW synchronous_commit'), shared_buffers=$(psql -X -At -d postgres -c 'SHOW shared_buffers'))"
  echo "- pgbench: $(pgbench --version)"
}

# CPU time by process group, to tell how the two cores are shared between the service, PostgreSQL and the load
# generator: cpu_snapshot FILE writes "group ticks" lines (utime + stime of live processes, clock ticks), and
# cpu_shares BEFORE AFTER SECONDS [RATE] prints each group's share of one core over the interval (and, given the
# request rate, the application's CPU time per request). Groups: the application
# (APP_PID), postgres (every postgres process), load generator (JVMs running Gatling or bench/loadgen), other.
# Processes that end between the snapshots are missed; the application, PostgreSQL's pooled backends and the
# generator live through a measurement.
cpu_snapshot() {
  python3 - "$APP_PID" >"$1" <<'PY'
import os, sys, collections
app = sys.argv[1]
ticks = collections.Counter()
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        stat = open(f"/proc/{pid}/stat").read()
        cmd = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        continue
    fields = stat[stat.rindex(")") + 2:].split()
    used = int(fields[11]) + int(fields[12])
    comm = stat[stat.index("(") + 1:stat.rindex(")")]
    if pid == app:
        group = "application"
    elif comm.startswith("postgres") or cmd.startswith("postgres"):
        group = "postgresql"
    elif "gatling" in cmd or "loadgen" in cmd.lower():
        group = "load generator"
    else:
        group = "other"
    ticks[group] += used
for g, t in ticks.items():
    print(f"{g}\t{t}")
PY
}

cpu_shares() {
  python3 - "$1" "$2" "$3" "$(getconf CLK_TCK)" "${4:-0}" <<'PY'
import sys
def read(path):
    return {l.split("\t")[0]: int(l.split("\t")[1]) for l in open(path) if "\t" in l}
a, b, secs, hz, rate = read(sys.argv[1]), read(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
parts = []
for g in ("application", "postgresql", "load generator", "other"):
    used = (b.get(g, 0) - a.get(g, 0)) / hz
    parts.append(f"{g} {100 * used / secs:.0f}%")
print("CPU by process (100% = one core): " + ", ".join(parts))
if rate:
    app = (b.get("application", 0) - a.get("application", 0)) / hz
    print(f"application CPU per request at {rate}/s: {1000 * app / (secs * rate):.1f} ms")
PY
}
