#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: initdb in a temporary directory, the
# server listening only on a Unix socket there, NAMECANON_TEST_POSTGRES set to its URL, and the
# cluster stopped and removed when the command ends (however it ends).
#
#   scripts/with-postgres.sh swift test
#   scripts/with-postgres.sh bash -c 'namecanon resolve --registry "$NAMECANON_TEST_POSTGRES" ...'
#
# Needs PostgreSQL's server binaries (Debian: apt-get install postgresql). As root the server
# runs as the postgres user (PostgreSQL refuses to run as root); otherwise as the current user.
set -euo pipefail

bindir=""
for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  [ -x "$d/initdb" ] && { bindir="$d"; break; }
done
if [ -z "$bindir" ] && command -v initdb >/dev/null 2>&1; then bindir="$(dirname "$(command -v initdb)")"; fi
if [ -z "$bindir" ]; then
  echo "with-postgres: no initdb found; install PostgreSQL's server (Debian: apt-get install postgresql)" >&2
  exit 2
fi

# As root the directory must be reachable by the postgres user: /tmp, whatever TMPDIR says.
if [ "$(id -u)" = 0 ]; then base=/tmp; else base="${TMPDIR:-/tmp}"; fi
dir="$(mktemp -d "$base/namecanon-pg.XXXXXX")"
as=()
owner="$(id -un)"
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$dir"
  as=(runuser -u postgres --)
  owner=postgres
fi
stop() {
  "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT INT TERM

port=5432  # only names the socket file: the server listens on no TCP address
"${as[@]}" "$bindir/initdb" -D "$dir/data" -U "$owner" --auth=trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
"${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses='' -c unix_socket_directories='$dir' -p $port -c fsync=on -c max_connections=200" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }

socket_dir="$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$dir")"
export NAMECANON_TEST_POSTGRES="postgres://$owner@$socket_dir:$port/postgres"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') at $NAMECANON_TEST_POSTGRES" >&2
"$@"
