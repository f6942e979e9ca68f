#!/usr/bin/env bash
# Starts the peer (a HAPI FHIR JPA server, R4, on PostgreSQL) in the foreground; builds it first if needed.
#
#   PEER_DB_URL=jdbc:postgresql://127.0.0.1:5432/pro_peer_x PEER_PORT=8094 bench/peers/hapi/start.sh
#
# Environment: PEER_DB_URL, PEER_DB_USER (postgres), PEER_DB_PASSWORD, PEER_PORT (8094), PEER_POOL_MAX (10),
# PEER_THREADS (200), PEER_MASS_INGESTION (false), PEER_JAVA_OPTS (-Xmx1g), REBUILD=1 (rebuild),
# PEER_JAVA_HOME (a JDK 17 or newer; default: the java on PATH).
# The database must exist; Hibernate creates HAPI's tables on the first start. Ready when
# GET http://127.0.0.1:$PEER_PORT/fhir/metadata answers 200 (the log prints "PEER READY").
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
if [[ ! -f "$HERE/target/pro-peer-hapi-1.0.0-SNAPSHOT.jar" || ! -d "$HERE/target/lib" || "${REBUILD:-0}" == 1 ]]; then
  echo "building the peer (./mvnw -B -q -f bench/peers/hapi/pom.xml package -DskipTests)" >&2
  (cd "$ROOT" && ./mvnw -B -q -f bench/peers/hapi/pom.xml package -DskipTests)
fi
JAVA="${PEER_JAVA_HOME:+$PEER_JAVA_HOME/bin/}java"
exec "$JAVA" ${PEER_JAVA_OPTS:--Xmx1g} -cp "$HERE/target/pro-peer-hapi-1.0.0-SNAPSHOT.jar:$HERE/target/lib/*" \
  proservice.peer.HapiPeer
