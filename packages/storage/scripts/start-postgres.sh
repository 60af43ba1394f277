#!/usr/bin/env bash
# Installs (if missing) and starts a local PostgreSQL 15 cluster for the storage tests, sets the
# postgres user's password and creates the test database. Idempotent: safe to run again.
#
# Environment: PG_VERSION (default 15), PG_PASSWORD (default postgres), PG_DATABASE (default
# liushou_test). Must run as root (it installs packages and switches to the postgres user).
set -euo pipefail

PG_VERSION="${PG_VERSION:-15}"
PG_PASSWORD="${PG_PASSWORD:-postgres}"
PG_DATABASE="${PG_DATABASE:-liushou_test}"

as_postgres() { su postgres -c "$1"; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d "/usr/lib/postgresql/${PG_VERSION}" ]; then
  echo "start-postgres: installing postgresql ${PG_VERSION}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "postgresql-${PG_VERSION}" || apt-get install -y -qq postgresql
fi

if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "${PG_VERSION} main"; then
  echo "start-postgres: creating cluster ${PG_VERSION}/main"
  pg_createcluster "${PG_VERSION}" main
fi

if ! pg_lsclusters -h | awk -v v="${PG_VERSION}" '$1==v && $2=="main" {print $4}' | grep -qx online; then
  echo "start-postgres: starting cluster ${PG_VERSION}/main"
  pg_ctlcluster "${PG_VERSION}" main start
fi

# wait until the server accepts connections
for _ in $(seq 1 60); do
  if as_postgres "pg_isready -q -h 127.0.0.1 -p 5432"; then break; fi
  sleep 0.5
done
as_postgres "pg_isready -h 127.0.0.1 -p 5432"

as_postgres "psql -q -v ON_ERROR_STOP=1 -c \"ALTER USER postgres PASSWORD '${PG_PASSWORD}'\""
if [ "$(as_postgres "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = '${PG_DATABASE}'\"")" != "1" ]; then
  echo "start-postgres: creating database ${PG_DATABASE}"
  as_postgres "createdb ${PG_DATABASE}"
fi
echo "start-postgres: ready at postgres://postgres:***@127.0.0.1:5432/${PG_DATABASE}"
