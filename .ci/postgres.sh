#!/usr/bin/env bash
# A throwaway PostgreSQL + PostGIS for the store tests, on a local port; prints its URL.
#
# Installs Debian's postgresql and postgis when missing (as the Makefile installs chromium),
# creates a cluster in $HANKEKARTTA_PG_DIR owned by the `postgres` user (PostgreSQL refuses
# to run as root), starts it on 127.0.0.1:$HANKEKARTTA_PG_PORT and creates the database with
# the postgis extension. Running it again reuses the running cluster. Everything but the URL
# goes to stderr, so that `URL=$(.ci/postgres.sh)` works.
set -euo pipefail
PORT=${HANKEKARTTA_PG_PORT:-54329}
DIR=${HANKEKARTTA_PG_DIR:-/tmp/hankekartta-pg}
DB=${HANKEKARTTA_PG_DB:-hankekartta_test}
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
  echo "installing Debian's postgresql and postgis for the store tests" >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql postgis >/dev/null
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

as_owner() {  # root runs the server as `postgres`; anyone else as themselves
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
  if [ ! -f "$DIR/data/PG_VERSION" ]; then
    as_owner "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2
  fi
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
fi
export PGOPTIONS="-c client_min_messages=warning"
PSQL=("$BIN/psql" -q -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1)
if [ -z "$("${PSQL[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB" >&2
fi
"${PSQL[@]}" -d "$DB" -c "CREATE EXTENSION IF NOT EXISTS postgis" >&2
echo "postgresql://postgres@127.0.0.1:$PORT/$DB"
