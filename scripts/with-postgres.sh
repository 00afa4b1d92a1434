#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster:
#   scripts/with-postgres.sh .venv/bin/pytest tests -x -q
#
# Starts a private cluster from Debian's server binaries (the newest under /usr/lib/postgresql)
# in a temporary directory, listening only on 127.0.0.1, with a database and a CREATEDB role
# (pytest-django creates test_<name> next to it). The command runs with DATABASE_URL pointing
# there; afterwards the cluster is stopped and the directory removed, also when the command
# fails. The command's exit code is the script's. PostgreSQL refuses to run as root, so as root
# the cluster runs as the `postgres` system user, or as `kohtaamo-pg` (created if needed).
set -euo pipefail

DB_NAME=kohtaamo
DB_ROLE=kohtaamo
SERVICE_USER_FALLBACK=kohtaamo-pg

say() { echo "with-postgres: $*" >&2; }
die() { say "$*"; exit 1; }

(( $# )) || die "usage: $0 COMMAND [ARG...]"

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[[ -n "$pg_bin" && -x "$pg_bin/initdb" && -x "$pg_bin/pg_ctl" ]] \
  || die "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin: apt-get install postgresql (or: make system-deps-test)"

if [[ $EUID -eq 0 ]]; then
  if id postgres >/dev/null 2>&1; then
    pg_user=postgres
  else
    pg_user=$SERVICE_USER_FALLBACK
    id "$pg_user" >/dev/null 2>&1 || {
      say "creating the system user $pg_user to run the cluster"
      useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user"
    }
  fi
else
  pg_user=$(id -un)
fi

tmp_dir=$(mktemp -d -t kohtaamo-pg.XXXXXXXX)
cluster_started=false

as_pg() {
  # From inside the temporary directory: the cluster's user may not be allowed into ours.
  if [[ $EUID -eq 0 ]]; then
    (cd "$tmp_dir" && runuser -u "$pg_user" -- "$@")
  else
    (cd "$tmp_dir" && "$@")
  fi
}

cleanup() {
  if $cluster_started; then
    say "stopping the cluster"
    as_pg "$pg_bin/pg_ctl" stop -D "$tmp_dir/data" -m fast -s >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp_dir"
  say "removed $tmp_dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir "$tmp_dir/socket"
chmod 700 "$tmp_dir" "$tmp_dir/socket"
if [[ $EUID -eq 0 ]]; then
  chown "$pg_user" "$tmp_dir" "$tmp_dir/socket"
fi

say "initialising a PostgreSQL $(basename "$(dirname "$pg_bin")") cluster in $tmp_dir (as $pg_user)"
as_pg "$pg_bin/initdb" -D "$tmp_dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 >"$tmp_dir/initdb.log" 2>&1 \
  || { cat "$tmp_dir/initdb.log" >&2; die "initdb failed"; }

# The cluster is thrown away afterwards: durability is not worth the fsyncs.
start_cluster() {
  local port=$1
  local options="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$tmp_dir/socket"
  options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  as_pg "$pg_bin/pg_ctl" start -D "$tmp_dir/data" -w -t 60 -s -l "$tmp_dir/postgres.log" \
    -o "$options" >/dev/null 2>&1
}
port=""
for _ in 1 2 3 4 5 6 7 8 9 10; do
  candidate=$(( 20000 + RANDOM % 40000 ))
  if start_cluster "$candidate"; then
    port=$candidate
    break
  fi
done
[[ -n "$port" ]] || { cat "$tmp_dir/postgres.log" >&2 || true; die "the cluster did not start"; }
cluster_started=true
say "listening on 127.0.0.1:$port"

password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
as_pg "$pg_bin/psql" -h "$tmp_dir/socket" -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE $DB_ROLE LOGIN CREATEDB PASSWORD '$password'" \
  -c "CREATE DATABASE $DB_NAME OWNER $DB_ROLE" >/dev/null
say "created the database $DB_NAME and the role $DB_ROLE (CREATEDB)"

export DATABASE_URL="postgres://$DB_ROLE:$password@127.0.0.1:$port/$DB_NAME"
say "running with DATABASE_URL=postgres://$DB_ROLE:***@127.0.0.1:$port/$DB_NAME: $*"
status=0
"$@" || status=$?
say "the command exited with $status"
exit "$status"
