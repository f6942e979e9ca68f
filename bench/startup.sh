#!/usr/bin/env bash
# Start-up to ready on an existing schema: starts the packaged application RUNS times (default 5) on a throwaway
# database that an unmeasured first start migrated, and prints the time from launching the JVM to the first 200
# from /q/health/ready (polled every 0.25 s), the application's own "started in" figure and the number of classes
# the JVM loaded (from -Xlog:class+load, on one extra start, whose time is not counted).
#
#   bench/startup.sh          RUNS=10 bench/startup.sh          BENCH_JAVA_OPTS="-Xmx512m -XX:TieredStopAtLevel=1" bench/startup.sh
set -euo pipefail

source "$(dirname "$0")/lib.sh"

RUNS="${RUNS:-5}"
STAMP="$(date -u +%Y%m%d-%H%M%S)"
WORK="$BENCH_DIR/results/work/startup-$STAMP"
mkdir -p "$WORK"
: >"$WORK/app.log"

cleanup() { local rc=$?; stop_app; drop_db; exit $rc; }
trap cleanup EXIT
trap 'exit 130' INT TERM

package_app
create_db
start_app "$WORK/first.log"   # Flyway creates the schema: not measured
stop_app

times=()
for i in $(seq 1 "$RUNS"); do
  t0=$(date +%s%N)
  start_app "$WORK/run-$i.log"
  t1=$(date +%s%N)
  stop_app
  ms=$(( (t1 - t0) / 1000000 ))
  times+=("$ms")
  log "start $i: ready after ${ms} ms ($(grep -o 'started in [0-9.]*s' "$WORK/run-$i.log" | tail -n 1))"
done

BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx512m} -Xlog:class+load:file=$WORK/classes.txt" start_app "$WORK/classes.log"
stop_app
printf '%s\n' "${times[@]}" | sort -n | awk -v runs="$RUNS" '{ t[NR] = $1 } END {
  printf "start-up to ready over %d starts: median %d ms, min %d ms, max %d ms\n", runs, t[int((NR + 1) / 2)], t[1], t[NR] }'
echo "classes loaded by the JVM: $(wc -l <"$WORK/classes.txt") (from the CDS archive: $(grep -c 'shared objects file' "$WORK/classes.txt" || true))"
echo "largest sources:"
sed -E 's/.* source: //; s#.*/lib/main/##; s#^file:.*/##' "$WORK/classes.txt" | sort | uniq -c | sort -rn | head -n 8
