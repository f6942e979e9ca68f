#!/usr/bin/env bash
# The service and its peer, side by side: the same FHIR R4 requests against the service's /fhir/r4 and against a
# HAPI FHIR JPA server on PostgreSQL (bench/peers/hapi, built from Maven Central artefacts), each on its own
# throwaway database holding the same data set, one after the other on the same machine, as ratios of one run.
#
#   bench/peers/run.sh            full: N=1,000,000 responses on each side, 20 s steps (a quiet machine; see
#                                 bench/README.md for the duration, most of it loading the peer through its API)
#   bench/peers/run.sh --smoke    N=2,000, 3 s steps (checks that the harness works; its figures mean nothing)
#   N=100000 CREATE_STEPS=25,50,100 SEARCH_STEPS=50,100,200 bench/peers/run.sh
#
# Steps: (1) service: throwaway database pro_peer_svc_<stamp>, the packaged app (bench/lib.sh), study through the
# API, N responses by bench/sql/load.sql, then one loaded patient's responses fetched through /fhir/r4 become the
# request bodies of both sides (bench/peers/peer.py templates); Gatling (bench/gatling FhirPeerSimulation): create
# steps (POST /fhir/r4/QuestionnaireResponse, a fresh task each, patient token), then search steps
# (GET /fhir/r4/QuestionnaireResponse?subject=Patient/x&_count=40&_sort=-authored). (2) peer: database
# pro_peer_hapi_<stamp>, HAPI started (Hibernate creates its schema), the same N responses and patients loaded
# through its FHIR API in transaction Bundles (load rate measured), restarted, the same Gatling steps without a token.
# (3) bench/peers/peer.py report: knees, p99s and the ratio service / HAPI -> bench/peers/results/<stamp>.md
# (smoke runs only under bench/peers/results/work/). Both databases are dropped at the end unless KEEP_DB=1.
#
# Settings (environment): N, CREATE_STEPS, SEARCH_STEPS (comma-separated arrivals/s, the same for both),
# STEP_SECONDS, PAUSE_SECONDS, PHASE_PAUSE_SECONDS (60), WARMUP_SECONDS, WARMUP_RATE, LOAD_THREADS (2),
# LOAD_PATIENTS_PER_BUNDLE (5), LOAD_MASS_INGESTION=1 (HAPI's mass ingestion mode while loading),
# BENCH_PORT (service, 8095), PEER_PORT (8094),
# PEER_POOL_MAX (10), PEER_JAVA_OPTS (-Xmx1g), PEER_JAVA_HOME, PRO_DB_POOL_MAX (8), KEEP_DB=1, ONLY=service|hapi
# (Gatling against one side only; ONLY=hapi still loads the service, whose FHIR answer gives the request bodies).
set -euo pipefail

export BENCH_PORT="${BENCH_PORT:-8095}"
source "$(dirname "$0")/../lib.sh"
PEERS_DIR="$BENCH_DIR/peers"

SMOKE=0
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) die "unknown argument $arg (try --help)" ;;
  esac
done

if [[ "$SMOKE" == 1 ]]; then
  N="${N:-2000}"; CREATE_STEPS="${CREATE_STEPS:-10,20}"; SEARCH_STEPS="${SEARCH_STEPS:-20}"
  STEP_SECONDS="${STEP_SECONDS:-3}"; WARMUP_SECONDS="${WARMUP_SECONDS:-3}"; WARMUP_RATE="${WARMUP_RATE:-10}"
  PAUSE_SECONDS="${PAUSE_SECONDS:-1}"; PHASE_PAUSE_SECONDS="${PHASE_PAUSE_SECONDS:-2}"
fi
N="${N:-1000000}"
CREATE_STEPS="${CREATE_STEPS:-25,50,100,200,300,400,500}"
SEARCH_STEPS="${SEARCH_STEPS:-50,100,200,300,400,600,800}"
STEP_SECONDS="${STEP_SECONDS:-20}"
PAUSE_SECONDS="${PAUSE_SECONDS:-3}"
PHASE_PAUSE_SECONDS="${PHASE_PAUSE_SECONDS:-60}"  # after the last create step: its backlog drains before searches
WARMUP_SECONDS="${WARMUP_SECONDS:-45}"
WARMUP_RATE="${WARMUP_RATE:-20}"
LOAD_THREADS="${LOAD_THREADS:-2}"
LOAD_PATIENTS_PER_BUNDLE="${LOAD_PATIENTS_PER_BUNDLE:-5}"
PEER_PORT="${PEER_PORT:-8094}"
export PRO_DB_POOL_MAX="${PRO_DB_POOL_MAX:-8}"
ONLY="${ONLY:-}"
(( N >= 40 )) || die "N must be at least 40"

STAMP="$(date -u +%Y%m%d-%H%M%S)"
RESULTS="$PEERS_DIR/results"
WORK="$RESULTS/work/$STAMP"
mkdir -p "$WORK/service" "$WORK/hapi" "$WORK/templates"
: >"$WORK/app.log"

HIST=$(( (N + 39) / 40 ))
sum_rates() { local s=0 r; IFS=, read -ra rs <<<"$1"; for r in "${rs[@]}"; do s=$((s + r)); done; echo "$s"; }
CREATE_TOTAL=$(( $(sum_rates "$CREATE_STEPS") * STEP_SECONDS + WARMUP_RATE * WARMUP_SECONDS ))
SUBMITTERS=$(( CREATE_TOTAL * 12 / 10 / 16 + 10 ))

PEER_PID=""
PEER_DB=""
stop_peer() {
  if [[ -n "$PEER_PID" ]] && kill -0 "$PEER_PID" 2>/dev/null; then
    kill "$PEER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$PEER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$PEER_PID" 2>/dev/null || true
  fi
  PEER_PID=""
}
drop_peer_db() {
  [[ -n "$PEER_DB" ]] || return 0
  if [[ "${KEEP_DB:-0}" == 1 ]]; then
    log "KEEP_DB=1: keeping database $PEER_DB"
  else
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $PEER_DB WITH (FORCE)" >/dev/null 2>&1 \
      || log "could not drop $PEER_DB (drop it by hand)"
  fi
  PEER_DB=""
}
cleanup() {
  local rc=$?
  stop_app
  stop_peer
  drop_db
  drop_peer_db
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_peer [extra env...]: the peer on PEER_DB, ready when /fhir/metadata answers 200
start_peer() {
  ( exec env PEER_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PEER_DB" PEER_DB_USER="$PGUSER" \
      PEER_PORT="$PEER_PORT" "$@" "$PEERS_DIR/hapi/start.sh" >>"$WORK/hapi/peer.log" 2>&1 ) &
  PEER_PID=$!
  log "peer starting (pid $PEER_PID, port $PEER_PORT, log $WORK/hapi/peer.log)"
  local i
  for ((i = 0; i < 240 * 4; i++)); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PEER_PORT/fhir/metadata")" == 200 ]] \
      && { log "peer ready"; return 0; }
    kill -0 "$PEER_PID" 2>/dev/null || break
    sleep 0.25
  done
  tail -n 40 "$WORK/hapi/peer.log" >&2
  die "the peer did not become ready"
}

# gatling TARGET BASE_URL ID_SCHEME: the FhirPeerSimulation steps against one side
gatling() {
  local target="$1" base="$2" scheme="$3"
  log "Gatling ($target): creates at $CREATE_STEPS/s, searches at $SEARCH_STEPS/s, $STEP_SECONDS s each"
  (cd "$ROOT_DIR" && ./mvnw -B -q -f bench/gatling/pom.xml gatling:test \
    -Dbench.simulation=proservice.bench.FhirPeerSimulation \
    -Dbench.resultsFolder="$WORK/$target/gatling" -Dbench.baseUrl="$base" -Dbench.idScheme="$scheme" \
    -Dbench.templates="$WORK/templates" -Dbench.key="$BENCH_KEY" -Dbench.issuer="$BENCH_ISSUER" \
    -Dbench.audience="$BENCH_AUDIENCE" -Dbench.createSteps="$CREATE_STEPS" -Dbench.searchSteps="$SEARCH_STEPS" \
    -Dbench.stepSeconds="$STEP_SECONDS" -Dbench.pauseSeconds="$PAUSE_SECONDS" -Dbench.phasePauseSeconds="$PHASE_PAUSE_SECONDS" \
    -Dbench.warmupSeconds="$WARMUP_SECONDS" -Dbench.warmupRate="$WARMUP_RATE" \
    -Dbench.submitters="$SUBMITTERS" -Dbench.historyPatients="$HIST") >"$WORK/$target/gatling.log" 2>&1 \
    || log "Gatling ($target) exited with $? (see $WORK/$target/gatling.log)"
  ls -d "$WORK/$target/gatling"/*/ 2>/dev/null | tail -n 1 >"$WORK/$target/gatling-dir" || true
  [[ -s "$WORK/$target/gatling-dir" ]] || { tail -n 30 "$WORK/$target/gatling.log" >&2; die "no Gatling report ($target)"; }
}

cat >"$WORK/params" <<PARAMS
stamp=$STAMP
command=$( [[ "$SMOKE" == 1 ]] && echo "bench/peers/run.sh --smoke" || echo "N=$N CREATE_STEPS=$CREATE_STEPS SEARCH_STEPS=$SEARCH_STEPS STEP_SECONDS=$STEP_SECONDS bench/peers/run.sh")
n=$N
hist=$HIST
step_seconds=$STEP_SECONDS
PARAMS
machine_facts >"$WORK/facts.md"
echo "- peer JDK: $("${PEER_JAVA_HOME:+$PEER_JAVA_HOME/bin/}java" -version 2>&1 | head -n 1)" >>"$WORK/facts.md"
echo "- HAPI FHIR: $(sed -n 's:.*<hapi.version>\(.*\)</hapi.version>.*:\1:p' "$PEERS_DIR/hapi/pom.xml"), pool max ${PEER_POOL_MAX:-10} (service: $PRO_DB_POOL_MAX)" >>"$WORK/facts.md"

# Both sides are built before anything is measured.
package_app
if [[ ! -f "$PEERS_DIR/hapi/target/pro-peer-hapi-1.0.0-SNAPSHOT.jar" || "${REBUILD:-0}" == 1 ]]; then
  log "building the peer (./mvnw -B -q -f bench/peers/hapi/pom.xml package -DskipTests)"
  (cd "$ROOT_DIR" && ./mvnw -B -q -f bench/peers/hapi/pom.xml package -DskipTests)
fi

# ---- (1) the service --------------------------------------------------------------------------------------------
BENCH_DB_NAME="pro_peer_svc_$(date -u +%Y%m%d_%H%M%S)_$$"
create_db
start_app "$WORK/service/app.log"
setup_study
stop_app
load_data "$N" "$SUBMITTERS" 0 2>&1 | tee "$WORK/service/load.txt" >&2
bpsql -c "SET search_path TO $BENCH_SCHEMA" -c "VACUUM ANALYZE" -c "CHECKPOINT"
start_app "$WORK/service/app.log"
curl -sf --max-time 30 -H "Authorization: Bearer $(mint_token 1000000001 patient)" -H 'Accept: application/fhir+json' \
  "$BASE_URL/fhir/r4/QuestionnaireResponse?_count=40" >"$WORK/templates/source-bundle.json" \
  || die "could not read a loaded patient's responses through /fhir/r4"
python3 "$PEERS_DIR/peer.py" templates "$WORK/templates/source-bundle.json" "$WORK/templates" >&2
if [[ "$ONLY" != hapi ]]; then
  gatling service "$BASE_URL/fhir/r4" service
fi
stop_app
drop_db
BENCH_DB=""

# ---- (2) the peer -----------------------------------------------------------------------------------------------
if [[ "$ONLY" != service ]]; then
  PEER_DB="pro_peer_hapi_$(date -u +%Y%m%d_%H%M%S)_$$"
  log "creating database $PEER_DB"
  psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $PEER_DB"
  start_peer PEER_MASS_INGESTION="$([[ "${LOAD_MASS_INGESTION:-0}" == 1 ]] && echo true || echo false)"
  log "loading the peer through its FHIR API: $N QuestionnaireResponses, $HIST + $SUBMITTERS patients"
  set +e
  python3 "$PEERS_DIR/peer.py" load "http://127.0.0.1:$PEER_PORT/fhir" "$WORK/templates" "$N" "$SUBMITTERS" \
    "$LOAD_THREADS" "$LOAD_PATIENTS_PER_BUNDLE" 2>&1 | tee "$WORK/hapi/load.txt" >&2
  LOAD_RC="${PIPESTATUS[0]}"
  set -e
  [[ "$LOAD_RC" == 0 ]] || die "loading the peer failed (see $WORK/hapi/load.txt and $WORK/hapi/peer.log)"
  stop_peer
  psql -X -q -v ON_ERROR_STOP=1 -d "$PEER_DB" -c "VACUUM ANALYZE" -c "CHECKPOINT"
  psql -X -At -d "$PEER_DB" -c "SELECT 'peer database: ' || pg_size_pretty(pg_database_size(current_database()))
    || ', ' || (SELECT count(*) FROM hfj_resource WHERE res_type = 'QuestionnaireResponse') || ' QuestionnaireResponses'" \
    | tee -a "$WORK/hapi/load.txt" >&2
  start_peer
  gatling hapi "http://127.0.0.1:$PEER_PORT/fhir" hapi
  stop_peer
  drop_peer_db
fi

# ---- (3) the report ---------------------------------------------------------------------------------------------
if [[ "$SMOKE" == 1 || -n "$ONLY" ]]; then REPORT="$WORK/report.md"; else REPORT="$RESULTS/$STAMP.md"; fi
python3 "$PEERS_DIR/peer.py" report "$WORK" >"$REPORT"
[[ "$SMOKE" == 1 || -n "$ONLY" ]] || cp "$REPORT" "$RESULTS/latest.md"
cat "$REPORT"
log "written $REPORT (work files: $WORK)"
if [[ -s "$WORK/health" ]]; then
  log "harness problems: $(tr '\n' ';' <"$WORK/health")"
  [[ "$SMOKE" == 1 ]] && die "smoke run failed"
fi
exit 0
