#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, on loopback only.
#   scripts/postgres.sh start   install (Debian's postgresql, if missing), init, start; prints
#                               CCPA_TEST_POSTGRES_URL=postgresql+psycopg://USER:PASS@127.0.0.1:PORT/DB
#   scripts/postgres.sh stop    stop the server and remove its folder
#   scripts/postgres.sh install only install Debian's postgresql, if missing (`make setup` runs it
#                               beside the pip install)
# All three are idempotent. Port (54329; CCPA_TEST_POSTGRES_PORT overrides), folder and credentials are
# fixed so other tools can rely on them. Autovacuum is off, so the planner's row estimates exist only
# where a test runs ANALYZE (a table analyzed behind a test's back would change what it sees).
set -euo pipefail

PORT="${CCPA_TEST_POSTGRES_PORT:-54329}"
BASE="${TMPDIR:-/tmp}/ccpa-test-postgres-${PORT}"
DATA="$BASE/data"
ROLE=ccpa_test
PASSWORD=ccpa_test_pw
DB=ccpa_test
URL="postgresql+psycopg://${ROLE}:${PASSWORD}@127.0.0.1:${PORT}/${DB}"

find_bin() {
    local found
    for dir in /usr/lib/postgresql/*/bin; do
        [[ -x "$dir/pg_ctl" && -x "$dir/initdb" ]] && found="$dir"
    done
    [[ -n "${found:-}" ]] && echo "$found"
}

ensure_installed() {
    if [[ -z "$(find_bin)" ]]; then
        "$(dirname "$0")/apt-install.sh" postgresql
    fi
    find_bin
}

as_postgres() {
    if [[ "$(id -u)" == 0 ]]; then
        su postgres -s /bin/bash -c "$*"
    else
        bash -c "$*"
    fi
}

running() {
    local bin="$1"
    [[ -d "$DATA" ]] && as_postgres "'$bin/pg_ctl' -D '$DATA' status" >/dev/null 2>&1
}

start() {
    local bin
    bin="$(ensure_installed)"
    if ! running "$bin"; then
        rm -rf "$BASE"
        mkdir -p "$BASE"
        [[ "$(id -u)" == 0 ]] && chown postgres: "$BASE"
        as_postgres "'$bin/initdb' -D '$DATA' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >"$BASE/initdb.log" 2>&1 \
            || as_postgres "'$bin/initdb' -D '$DATA' -U postgres --auth=trust -E UTF8 --locale=C" >"$BASE/initdb.log" 2>&1
        # password logins on TCP (so a wrong password is refused), trust on the local socket only
        printf 'local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n' >"$DATA/pg_hba.conf"
        as_postgres "'$bin/pg_ctl' -D '$DATA' -l '$BASE/server.log' -w \
            -o \"-c listen_addresses=127.0.0.1 -c autovacuum=off -p $PORT -k '$BASE'\" start" >/dev/null
        as_postgres "'$bin/psql' -h '$BASE' -p $PORT -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
            -c \"CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD'\" \
            -c \"CREATE DATABASE $DB OWNER $ROLE\"" >/dev/null
    fi
    echo "CCPA_TEST_POSTGRES_URL=$URL"
}

stop() {
    local bin
    bin="$(find_bin || true)"
    if [[ -n "$bin" ]] && running "$bin"; then
        as_postgres "'$bin/pg_ctl' -D '$DATA' -m fast -w stop" >/dev/null
    fi
    rm -rf "$BASE"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    install) ensure_installed >/dev/null ;;
    *) echo "usage: $0 start|stop|install" >&2; exit 64 ;;
esac
