#!/usr/bin/env bash
# A local Keycloak for development and the end-to-end test (DEV/TEST ONLY: it imports idp/keycloak/pro-realm.json,
# whose users, passwords and client secret are test material). See docs/identity-provider.md.
#
#   idp/keycloak.sh start    fetch (once, from Maven Central) and start Keycloak on 127.0.0.1, import the realm,
#                            wait until the realm answers; prints the settings for the service
#   idp/keycloak.sh env      the same settings as shell assignments (eval "$(idp/keycloak.sh env)")
#   idp/keycloak.sh stop     stop the Keycloak this script started
#   idp/keycloak.sh status
#
# Settings (environment):
#   PRO_KEYCLOAK_VERSION   org.keycloak:keycloak-quarkus-dist version (default 26.7.3)
#   PRO_KEYCLOAK_PORT      HTTP port (default: the first free one from 18080 on, in steps of 100)
#   PRO_KEYCLOAK_JAVA_HOME JDK for Keycloak only (default /usr/lib/jvm/temurin-25-jdk-amd64 when present, else
#                          $JAVA_HOME); Keycloak 26 needs Java 21 or newer
#   PRO_IDP_CACHE          download and install cache (default ~/.cache/pro-idp; outside the repository)
#   PRO_IDP_RUN_DIR        pid, log and settings of the running instance (default target/keycloak)
#   PRO_KEYCLOAK_START_TIMEOUT  seconds to wait for the realm (default 600: two busy cores are slow)
#   MAVEN_CENTRAL          repository base URL (default https://repo1.maven.org/maven2)
set -euo pipefail
cd "$(dirname "$0")/.."

version="${PRO_KEYCLOAK_VERSION:-26.7.3}"
cache="${PRO_IDP_CACHE:-$HOME/.cache/pro-idp}"
run_dir="${PRO_IDP_RUN_DIR:-$PWD/target/keycloak}"
central="${MAVEN_CENTRAL:-https://repo1.maven.org/maven2}"
timeout="${PRO_KEYCLOAK_START_TIMEOUT:-600}"
realm_file="$PWD/idp/keycloak/pro-realm.json"
home="$cache/keycloak-$version"
# Build-time options: a changed list makes the script run "kc.sh build" again (the stamp file records it).
build_options=(--db=dev-file)

if [[ -n "${PRO_KEYCLOAK_JAVA_HOME:-}" ]]; then
  kc_java_home="$PRO_KEYCLOAK_JAVA_HOME"
elif [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  kc_java_home=/usr/lib/jvm/temurin-25-jdk-amd64
else
  kc_java_home="${JAVA_HOME:-}"
fi

log() { echo "keycloak.sh: $*" >&2; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running_pid() {
  local pid
  [[ -f "$run_dir/pid" ]] || return 1
  pid="$(cat "$run_dir/pid")"
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

install() {
  if [[ -x "$home/bin/kc.sh" ]]; then
    return
  fi
  mkdir -p "$cache"
  local name="keycloak-quarkus-dist-$version.tar.gz"
  local url="$central/org/keycloak/keycloak-quarkus-dist/$version/$name"
  if [[ ! -f "$cache/$name" ]]; then
    log "downloading $url"
    curl -fsSL --retry 3 -o "$cache/$name.part" "$url"
    local expected actual
    expected="$(curl -fsSL --retry 3 "$url.sha1" | cut -c1-40)"
    actual="$(sha1sum "$cache/$name.part" | cut -c1-40)"
    if [[ "$expected" != "$actual" ]]; then
      rm -f "$cache/$name.part"
      log "checksum mismatch for $name (expected $expected, got $actual)"
      exit 1
    fi
    mv "$cache/$name.part" "$cache/$name"
  fi
  log "unpacking $name into $cache"
  rm -rf "$home.part" && mkdir -p "$home.part"
  tar -xzf "$cache/$name" -C "$home.part" --strip-components=1
  mv "$home.part" "$home"
}

build() {
  local stamp="$home/.pro-build-options"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "${build_options[*]}" ]]; then
    return
  fi
  log "building Keycloak once with ${build_options[*]} (a minute or more)"
  JAVA_HOME="$kc_java_home" "$home/bin/kc.sh" build "${build_options[@]}" >"$cache/build.log" 2>&1 \
    || { tail -n 40 "$cache/build.log" >&2; exit 1; }
  echo "${build_options[*]}" >"$stamp"
}

choose_port() {
  if [[ -n "${PRO_KEYCLOAK_PORT:-}" ]]; then
    port_free "$PRO_KEYCLOAK_PORT" || { log "port $PRO_KEYCLOAK_PORT is in use"; exit 1; }
    echo "$PRO_KEYCLOAK_PORT"
    return
  fi
  local p
  for p in 18080 18180 18280 18380 18480 18580 18680 18780 18880 18980; do
    if port_free "$p"; then
      echo "$p"
      return
    fi
  done
  log "no free port among 18080..18980 (set PRO_KEYCLOAK_PORT)"
  exit 1
}

settings() {
  # shellcheck disable=SC1091
  source "$run_dir/settings"
  local base="http://127.0.0.1:$KEYCLOAK_PORT"
  cat <<EOF
PRO_IT_KEYCLOAK_URL=$base
PRO_IT_KEYCLOAK_ADMIN_USER=$KEYCLOAK_ADMIN_USER
PRO_IT_KEYCLOAK_ADMIN_PASSWORD=$KEYCLOAK_ADMIN_PASSWORD
PRO_JWT_KEY_LOCATION=$base/realms/pro/protocol/openid-connect/certs
PRO_JWT_ISSUER=$base/realms/pro
PRO_JWT_AUDIENCE=pro-service
PRO_JWT_GROUPS_PATH=resource_access/pro-service/roles
EOF
}

start() {
  if running_pid >/dev/null; then
    log "already running (pid $(running_pid))"
    settings
    return
  fi
  [[ -x "$kc_java_home/bin/java" ]] || { log "no JDK at '$kc_java_home' (set PRO_KEYCLOAK_JAVA_HOME)"; exit 1; }
  install
  build
  local port
  port="$(choose_port)"
  mkdir -p "$run_dir"
  # A fresh data directory every start: the realm is imported anew, no state survives a run.
  rm -rf "$home/data"
  mkdir -p "$home/data/import"
  cp "$realm_file" "$home/data/import/pro-realm.json"
  # The temporary master-realm administrator exists only in this run (random password, kept in the run dir).
  local admin_password
  admin_password="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  umask 077
  cat >"$run_dir/settings" <<EOF
KEYCLOAK_PORT=$port
KEYCLOAK_ADMIN_USER=pro-idp-admin
KEYCLOAK_ADMIN_PASSWORD=$admin_password
EOF
  log "starting Keycloak $version on http://127.0.0.1:$port (log: $run_dir/keycloak.log)"
  JAVA_HOME="$kc_java_home" \
  JAVA_OPTS_KC_HEAP="${JAVA_OPTS_KC_HEAP:--Xms64m -Xmx512m}" \
  KC_BOOTSTRAP_ADMIN_USERNAME=pro-idp-admin \
  KC_BOOTSTRAP_ADMIN_PASSWORD="$admin_password" \
    setsid "$home/bin/kc.sh" start --optimized \
      --http-enabled=true --http-host=127.0.0.1 --http-port="$port" \
      --hostname="http://127.0.0.1:$port" --cache=local \
      --import-realm >"$run_dir/keycloak.log" 2>&1 </dev/null &
  echo $! >"$run_dir/pid"
  local waited=0
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/realms/pro/.well-known/openid-configuration" 2>/dev/null; do
    if ! running_pid >/dev/null; then
      tail -n 60 "$run_dir/keycloak.log" >&2
      log "Keycloak exited during start-up"
      exit 1
    fi
    if (( waited >= timeout )); then
      tail -n 60 "$run_dir/keycloak.log" >&2
      log "the realm did not answer within ${timeout}s"
      stop
      exit 1
    fi
    sleep 2
    waited=$((waited + 2))
  done
  log "ready after about ${waited}s"
  settings
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    log "not running"
    rm -f "$run_dir/pid"
    return
  fi
  # kc.sh was started with setsid: its process group holds kc.sh and the Keycloak JVM, nothing else.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$run_dir/pid"
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) running_pid >/dev/null || { log "not running"; exit 1; }; settings | sed 's/^/export /' ;;
  status) if pid="$(running_pid)"; then log "running (pid $pid)"; settings; else log "not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|env|status" >&2; exit 2 ;;
esac
