#!/usr/bin/env bash
# Issue 17, the contract as an integrator meets it (called by .ci/run after ./mvnw -B verify):
#  1. lints openapi/openapi.yaml with Redocly (rules and reasons: redocly.yaml) at zero errors;
#  2. generates the typescript-fetch client (openapi-generator 7.25.0 through @openapitools/openapi-generator-cli,
#     which needs a Java on the PATH) and compiles it with a small program under tsc --strict;
#  3. starts the packaged service (target/quarkus-app, built by ./mvnw package/verify) on a free port in a schema of
#     its own ($PRO_DB_SCHEMA or pro_test, plus _ts; dropped first), configured by environment variables only, and
#     runs one PHQ-9 submission through the generated client, checking that the answers come back intact.
# npm packages stay in this folder (package-lock.json pins them).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

[ -d node_modules ] || npm ci --no-audit --no-fund

echo "== lint openapi/openapi.yaml (Redocly)"
npx --no-install redocly lint "$root/openapi/openapi.yaml" --config redocly.yaml

echo "== generate the typescript-fetch client and compile it (tsc --strict)"
rm -rf src/client build
npx --no-install openapi-generator-cli generate -i "$root/openapi/openapi.yaml" -g typescript-fetch -o src/client \
  --global-property apiDocs=false,modelDocs=false > /dev/null
npx --no-install tsc -p tsconfig.json

echo "== one PHQ-9 submission through the generated client"
jar="$root/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || { echo "$jar is missing: run ./mvnw package first" >&2; exit 1; }
schema="${PRO_DB_SCHEMA:-pro_test}_ts"
[[ "$schema" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "unsafe schema name $schema" >&2; exit 1; }
db_url="${PRO_DB_URL:-jdbc:postgresql://localhost:5432/postgres}"
db_user="${PRO_DB_USER:-postgres}"
if command -v psql > /dev/null; then
  hostport="${db_url#jdbc:postgresql://}"; hostport="${hostport%%/*}"
  PGPASSWORD="${PRO_DB_PASSWORD:-}" psql -q -h "${hostport%%:*}" -p "${hostport##*:}" -U "$db_user" \
    -d "${db_url##*/}" -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $schema CASCADE" > /dev/null
fi
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
mkdir -p build
env -i PATH="$PATH" \
  PRO_DB_URL="$db_url" PRO_DB_USER="$db_user" PRO_DB_PASSWORD="${PRO_DB_PASSWORD:-}" PRO_DB_SCHEMA="$schema" \
  PRO_JWT_KEY_LOCATION="file:$root/src/test/resources/jwt/dev-public.pem" \
  PRO_JWT_ISSUER=https://pro.local/test-issuer PRO_JWT_AUDIENCE=pro-service QUARKUS_HTTP_PORT="$port" \
  PRO_DB_ALLOW_OWNER_ROLE=true \
  "${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar "$jar" > build/service.log 2>&1 &
service=$!
trap 'kill "$service" 2> /dev/null || true; wait "$service" 2> /dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -fs "http://127.0.0.1:$port/q/health/ready" > /dev/null 2>&1 && break
  kill -0 "$service" 2> /dev/null || { cat build/service.log >&2; echo "the service exited" >&2; exit 1; }
  sleep 0.5
done
curl -fs "http://127.0.0.1:$port/q/health/ready" > /dev/null || { cat build/service.log >&2; exit 1; }
node build/js/smoke.js "http://127.0.0.1:$port" "$root/src/test/resources/jwt/dev-private.pem"
