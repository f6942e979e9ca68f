#!/usr/bin/env bash
# Renders the patient report and the study figure as a person sees them, and checks the pictures.
#
#   report/render-check.sh        (run by .ci/run after ./mvnw verify; about a minute)
#
# Steps: packaged app (target/quarkus-app, built when missing) on a throwaway database, configured by environment
# variables only -> a demo-like two-arm study seeded through the API (six patients, T0-T3, sessions, one late and
# one amended response, one alert acknowledged and resolved) -> the report (HTML, PDF) and the figure (SVG, PNG)
# fetched into target/rendered/ -> headless Chromium (Debian package `chromium`, installed when missing) renders the
# HTML report and the SVG figure to PNG -> report/PngCheck.java checks every PNG: the chart area is not blank and
# the expected colours (arm colours, the score line) are on it. The PNGs stay in target/rendered/ for a reviewer.
#
# Settings (environment): RENDER_PORT (8196), PGHOST/PGPORT/PGUSER, KEEP_DB=1, REBUILD=1.
set -euo pipefail

export BENCH_PORT="${RENDER_PORT:-8196}"
source "$(dirname "$0")/../bench/lib.sh"
OUT="$ROOT_DIR/target/rendered"
WORK="$OUT/work"
rm -rf "$OUT"
mkdir -p "$WORK"
: >"$WORK/app.log"
BLUE=0072B2
VERMILLION=D55E00

cleanup() { stop_app; drop_db; }
trap cleanup EXIT

if [[ ! -x /usr/bin/chromium ]]; then
  log "installing chromium (Debian package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

package_app
create_db
start_app "$WORK/app.log"
# The demo study's shape (README, "Demo study"): two arms, T0 at enrollment, T1-T3 the day after sessions 1, 3, 6.
ADMIN=$(mint_token render-admin admin)
STUDY_ID=$(api POST /api/v1/studies "$ADMIN" '{"name":"KAPT pilot (rendering demo)","description":"report/render-check.sh",
  "arms":[{"code":"psychedelic-im","label":"Psychedelic"},{"code":"psycholytic-sl","label":"Psycholytic"}]}' \
  | sed -E 's/.*"id":"([0-9a-f-]{36})".*/\1/' | head -c 36)
[[ "$STUDY_ID" =~ ^[0-9a-f-]{36}$ ]] || die "could not create the study"
tp() { printf '{"key":"%s","label":"%s","anchor":"%s","offsetDays":%d,"windowDaysBefore":0,"windowDaysAfter":%d,"instruments":["phq9","gad7","pcl5","bpi-sf"],"baseline":%s}' "$@"; }
api POST "/api/v1/studies/$STUDY_ID/protocol-versions" "$ADMIN" "{\"anchors\":[\"session-1\",\"session-3\",\"session-6\"],
  \"lateSubmissions\":\"accept_marked_late\",\"graceHours\":0,\"timepoints\":[$(tp T0 Baseline enrollment 0 7 true),
  $(tp T1 'After session 1' session-1 1 6 false),$(tp T2 'After session 3' session-3 1 6 false),
  $(tp T3 'After session 6' session-6 1 6 false)]}" >/dev/null
api PUT "/api/v1/studies/$STUDY_ID/staff/render-clinician" "$ADMIN" '{"role":"clinician"}' >/dev/null
CLIN=$(mint_token render-clinician clinician)

# submit SUBJECT TIMEPOINT INSTRUMENT ANSWERS_JSON COMPLETED_AT -> response id
submit() {
  local token out code
  token=$(mint_token "$1" patient)
  out=$(mktemp)
  code=$(curl -s -o "$out" -w '%{http_code}' --max-time 30 -X POST "$BASE_URL/api/v1/me/responses" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \
    --data "{\"timepointKey\":\"$2\",\"instrumentId\":\"$3\",\"instrumentVersion\":\"1.0\",\"answers\":$4,\"completedAt\":\"$5\"}")
  [[ "$code" == 201 ]] || { log "submit $1 $2 $3 -> $code: $(head -c 400 "$out")"; rm -f "$out"; return 1; }
  sed -E 's/^\{"id":"([0-9a-f-]{36})".*/\1/' "$out" | head -c 36
  rm -f "$out"
}

# items PREFIX COUNT TOTAL [LAST]: answers with items of 0-3 summing to TOTAL (LAST = value of the last item)
items() {
  local prefix="$1" count="$2" total="$3" last="${4:-}" i v rest json=""
  rest=$total
  [[ -n "$last" ]] && rest=$((total - last))
  for ((i = 1; i <= count; i++)); do
    if [[ -n "$last" && $i == "$count" ]]; then v=$last; else v=$((rest > 3 ? 3 : rest)); rest=$((rest - v)); fi
    json+="\"$prefix$i\":$v,"
  done
  printf '%s' "$json"
}
phq9() { printf '{%s"phq9_difficulty":1}' "$(items phq9_q 9 "$1" "${2:-0}")"; }
gad7() { printf '{%s"gad7_difficulty":1}' "$(items gad7_q 7 "$1")"; }
bpi() { # worst average interference-level
  printf '{"bpi_q1_pain_today":1,"bpi_q3_worst":%d,"bpi_q4_least":%d,"bpi_q5_average":%d,"bpi_q6_now":%d,"bpi_q8_relief_pct":30,' "$1" $(( $2 > 2 ? $2 - 2 : 0 )) "$2" "$2"
  printf '"bpi_q9a_general_activity":%d,"bpi_q9b_mood":%d,"bpi_q9c_walking_ability":%d,"bpi_q9d_normal_work":%d,"bpi_q9e_relations":%d,"bpi_q9f_sleep":%d,"bpi_q9g_enjoyment_of_life":%d}' "$3" "$3" "$3" "$3" "$3" "$3" "$3"
}
day() { date -u -d "$1 days ago" +%F; }
at() { date -u -d "$1 days ago 10:00" +%FT%TZ; }

# name arm PHQ-9 (T0..T3) GAD-7 (T0..T3)
PLAN=(
  "KAPT-001 psychedelic-im 21,14,9,6 16,11,8,5"
  "KAPT-002 psychedelic-im 17,12,10,7 13,10,8,6"
  "KAPT-003 psychedelic-im 19,13,8,5 14,9,7,4"
  "KAPT-004 psycholytic-sl 19,16,14,12 15,13,12,10"
  "KAPT-005 psycholytic-sl 15,14,11,10 12,11,10,9"
  "KAPT-006 psycholytic-sl 20,17,15,13 16,14,13,11"
)
ENROLLED=60   # days ago; sessions 1, 3 and 6 on days 7, 21 and 35 after enrollment; T1-T3 due the day after each
DUE=(60 52 38 24)
for row in "${PLAN[@]}"; do
  read -r code arm phq gad <<<"$row"
  sub="render-$code"
  pid=$(api POST "/api/v1/studies/$STUDY_ID/enrollments" "$CLIN" "{\"subjectCode\":\"$code\",\"identitySubject\":\"$sub\",
    \"arm\":\"$arm\",\"enrollmentDate\":\"$(day $ENROLLED)\",\"timeZone\":\"UTC\"}" | sed -E 's/.*"patientId":"([0-9a-f-]{36})".*/\1/')
  for s in "session-1 53" "session-3 39" "session-6 25"; do
    read -r anchor ago <<<"$s"
    api POST "/api/v1/patients/$pid/events" "$CLIN" "{\"anchor\":\"$anchor\",\"date\":\"$(day "$ago")\"}" >/dev/null
  done
  IFS=, read -ra P <<<"$phq"
  IFS=, read -ra G <<<"$gad"
  for t in 0 1 2 3; do
    when=$(at "${DUE[$t]}")
    [[ "$code" == KAPT-001 && $t == 2 ]] && when=$(at 10)   # answered late, after the window closed
    item9=0
    [[ "$code" == KAPT-001 && $t == 0 ]] && item9=1          # raises a PHQ-9 item 9 alert
    rid=$(submit "$sub" "T$t" phq9 "$(phq9 "${P[$t]}" "$item9")" "$when")
    submit "$sub" "T$t" gad7 "$(gad7 "${G[$t]}")" "$when" >/dev/null
    if [[ "$code" == KAPT-001 ]]; then
      submit "$sub" "T$t" bpi-sf "$(bpi $((8 - t)) $((6 - t)) $((7 - 2 * t)))" "$when" >/dev/null
      P1=$pid
    fi
    if [[ "$code" == KAPT-001 && $t == 1 ]]; then
      api POST "/api/v1/patients/$pid/responses/$rid/amendments" "$CLIN" \
        "{\"reason\":\"Paper form transcribed wrongly\",\"answers\":$(phq9 15)}" >/dev/null
    fi
  done
done
ALERT=$(api GET "/api/v1/alerts?studyId=$STUDY_ID&limit=200" "$CLIN" | python3 -c '
import json, sys
print(next(a["id"] for a in json.load(sys.stdin)["items"] if a["patientId"] == sys.argv[1] and a["rule"] == "item9_positive"))' "$P1")
api POST "/api/v1/alerts/$ALERT/acknowledge" "$CLIN" '{"note":"Called the patient"}' >/dev/null
api POST "/api/v1/alerts/$ALERT/resolve" "$CLIN" '{"note":"C-SSRS done, no acute risk"}' >/dev/null
log "seeded ${#PLAN[@]} patients through the API"

fetch() { # fetch PATH ACCEPT FILE
  local code
  code=$(curl -s -o "$3" -w '%{http_code}' --max-time 120 -H "Authorization: Bearer $CLIN" -H "Accept: $2" "$BASE_URL$1")
  [[ "$code" == 200 ]] || die "GET $1 -> $code: $(head -c 400 "$3")"
}
fetch "/api/v1/patients/$P1/report" text/html "$OUT/report.html"
fetch "/api/v1/patients/$P1/report" application/pdf "$OUT/report.pdf"
fetch "/api/v1/studies/$STUDY_ID/summary/figure?instrument=phq9" image/svg+xml "$OUT/figure-phq9.svg"
fetch "/api/v1/studies/$STUDY_ID/summary/figure?instrument=phq9" image/png "$OUT/figure-phq9-api.png"
fetch "/api/v1/studies/$STUDY_ID/summary/figure?instrument=gad7&format=png" '*/*' "$OUT/figure-gad7-api.png"

shot() { # shot FILE PNG WIDTH HEIGHT
  local profile
  profile=$(mktemp -d)
  timeout 120 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
    --user-data-dir="$profile" --window-size="$3,$4" --screenshot="$2" "file://$1" >>"$WORK/chromium.log" 2>&1 || true
  rm -rf "$profile"
  [[ -s "$2" ]] || { tail -n 20 "$WORK/chromium.log" >&2; die "chromium wrote no $2"; }
}
shot "$OUT/report.html" "$OUT/report-chromium.png" 1240 3400
shot "$OUT/figure-phq9.svg" "$OUT/figure-phq9-chromium.png" 900 540

check() { java "$ROOT_DIR/report/PngCheck.java" "$@"; }
check "$OUT/figure-phq9-chromium.png" "$BLUE" "$VERMILLION"
check "$OUT/figure-phq9-api.png" "$BLUE" "$VERMILLION"
check "$OUT/figure-gad7-api.png" "$BLUE" "$VERMILLION"
check "$OUT/report-chromium.png" "$BLUE"
head -c 5 "$OUT/report.pdf" | grep -q '%PDF-' || die "report.pdf is not a PDF"
if command -v pdftoppm >/dev/null 2>&1; then
  pdftoppm -png -r 60 "$OUT/report.pdf" "$OUT/report-pdf-page"
fi
log "rendered and checked: $(cd "$OUT" && ls -- *.png *.pdf *.html *.svg | tr '\n' ' ')"
echo "render-check: 4 passed, 0 failed"
