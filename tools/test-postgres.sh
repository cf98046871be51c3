#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests: its own data folder and port on 127.0.0.1, no system service.
#   tools/test-postgres.sh start   installs PostgreSQL from Debian if missing, starts a fresh cluster,
#                                  prints the admin connection string
#   tools/test-postgres.sh stop    stops the cluster and deletes its folder
#   tools/test-postgres.sh halt    stops the server but keeps its data (an outage, for the tests that need one)
#   tools/test-postgres.sh resume  starts a halted server again
# PWF_PG_DIR and PWF_PG_PORT choose another folder and port, for a second cluster beside the first.
# Safe to run again: a cluster left by an earlier run is stopped and replaced.
set -euo pipefail
dir=${PWF_PG_DIR:-/tmp/pwf-test-postgres}
port=${PWF_PG_PORT:-55432}

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_server() {
  as_postgres "$(bin_dir)/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300" >/dev/null
}

stop_cluster() {
  local bin; bin=$(bin_dir)
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start)
    if [ -z "$(bin_dir)" ]; then
      echo "installing PostgreSQL from Debian's packages" >&2
      if [ "$(id -u)" = 0 ]; then
        apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
      else
        sudo apt-get update -qq >&2 && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
      fi
    fi
    bin=$(bin_dir)
    [ -n "$bin" ] || { echo "PostgreSQL is not installed and could not be installed" >&2; exit 1; }
    stop_cluster
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    start_server
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    stop_cluster
    ;;
  halt)
    as_postgres "$(bin_dir)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
    ;;
  resume)
    start_server
    ;;
  *)
    echo "usage: tools/test-postgres.sh start|stop|halt|resume" >&2
    exit 2
    ;;
esac
