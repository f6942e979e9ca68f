#!/usr/bin/env bash
# Start-up to ready with the JDK's ahead-of-time cache (JDK 25, JEP 483/514) beside the default start on Java 17.
#
#   bench/startup-aot.sh           RUNS=7 bench/startup-aot.sh
#
# 1. Packages a second copy of the service as Quarkus's aot-jar (-Dquarkus.package.jar.aot.enabled=true, into
#    target/aot; the usual target/quarkus-app is left alone).
# 2. Training run on JDK 25 with -XX:AOTCacheOutput: the service starts on a throwaway database, answers a study set-up
#    and a few authenticated reads, and is stopped; the JVM writes target/aot/app.aot as it exits.
# 3. RUNS starts of each, interleaved (Java 17 + fast-jar, then JDK 25 + aot-jar + cache), on the schema the first
#    start migrated; prints the medians. The cache belongs to that JDK build and that jar: rebuild both together.
# Needs a JDK 25 (AOT_JAVA_HOME, default: the first /usr/lib/jvm/*25*). Not part of ./mvnw verify or .ci/run.
set -euo pipefail

source "$(dirname "$0")/lib.sh"

RUNS="${RUNS:-5}"
AOT_JAVA_HOME="${AOT_JAVA_HOME:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -n 1)}"
[[ -x "$AOT_JAVA_HOME/bin/java" ]] || die "no JDK 25 found: set AOT_JAVA_HOME"
STAMP="$(date -u +%Y%m%d-%H%M%S)"
WORK="$BENCH_DIR/results/work/startup-aot-$STAMP"
mkdir -p "$WORK"
: >"$WORK/app.log"
AOT_APP="$ROOT_DIR/target/aot"

cleanup() { local rc=$?; stop_app; drop_db; exit $rc; }
trap cleanup EXIT
trap 'exit 130' INT TERM

package_app
if [[ ! -f "$AOT_APP/quarkus-run.jar" || "${REBUILD:-0}" == 1 ]]; then
  log "packaging the aot-jar copy into target/aot"
  (cd "$ROOT_DIR" && ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.aot.enabled=true \
    -Dquarkus.package.output-directory=aot >"$WORK/package.log" 2>&1) || { tail -n 30 "$WORK/package.log"; die "packaging failed"; }
fi
[[ -f "$AOT_APP/quarkus-run.jar" ]] || die "no $AOT_APP/quarkus-run.jar after packaging"

create_db
start_app "$WORK/first.log"   # Flyway creates the schema: not measured
stop_app

log "training run on $AOT_JAVA_HOME (writes app.aot at exit)"
rm -f "$AOT_APP/app.aot"
BENCH_JAVA="$AOT_JAVA_HOME/bin/java" BENCH_APP_JAR="$AOT_APP/quarkus-run.jar" \
  BENCH_JAVA_OPTS="-Xmx512m -XX:AOTCacheOutput=$AOT_APP/app.aot" start_app "$WORK/training.log"
setup_study
clinician=$(mint_token bench-clinician clinician)
for _ in $(seq 1 20); do
  api GET /api/v1/whoami "$clinician" >/dev/null
  api GET "/api/v1/studies/$STUDY_ID" "$clinician" >/dev/null || true
  api GET "/api/v1/studies/$STUDY_ID/adherence" "$clinician" >/dev/null || true
  api GET /api/v1/instruments "$clinician" >/dev/null || true
done
kill "$APP_PID"
for _ in $(seq 1 360); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
APP_PID=""
[[ -f "$AOT_APP/app.aot" ]] || { tail -n 30 "$WORK/training.log"; die "the training run wrote no app.aot"; }
log "app.aot: $(du -h "$AOT_APP/app.aot" | cut -f1)"

plain=(); aot=()
for i in $(seq 1 "$RUNS"); do
  t0=$(date +%s%N); start_app "$WORK/plain-$i.log"; t1=$(date +%s%N); stop_app
  plain+=( $(( (t1 - t0) / 1000000 )) )
  t0=$(date +%s%N)
  BENCH_JAVA="$AOT_JAVA_HOME/bin/java" BENCH_APP_JAR="$AOT_APP/quarkus-run.jar" \
    BENCH_JAVA_OPTS="-Xmx512m -XX:AOTCache=$AOT_APP/app.aot -XX:AOTMode=on" start_app "$WORK/aot-$i.log"
  t1=$(date +%s%N); stop_app
  aot+=( $(( (t1 - t0) / 1000000 )) )
  log "start $i: Java 17 ${plain[-1]} ms, JDK 25 + AOT cache ${aot[-1]} ms" \
    "($(grep -o 'started in [0-9.]*s' "$WORK/aot-$i.log" | tail -n 1))"
done
median() { printf '%s\n' "$@" | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'; }
echo "start-up to ready over $RUNS starts each (median): Java 17 fast-jar $(median "${plain[@]}") ms;" \
  "JDK 25 aot-jar with app.aot $(median "${aot[@]}") ms"
