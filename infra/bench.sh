#!/usr/bin/env bash
# Benchmarks search, booking and the city dashboard end to end, against the raw floor measured in
# the same run: a private PostgreSQL 15 + PostGIS cluster that lives only as long as this script,
# migrations, a deterministic catalogue bulk-loaded with COPY, the real Api (Release) over loopback,
# and tests/Warehouse.Benchmarks driving both. Results (JSON and a Markdown table) go to
# bench/results/; everything else is removed at the end.
#
# Usage: bash infra/bench.sh [--size 2k|100k|1m|N]        (default 100k)
# Env:   WAREHOUSE_BENCH_PG_PORT (default: first free port from 5634), WAREHOUSE_BENCH_API_PORT (5690),
#        WAREHOUSE_BENCH_API_CONNECTION_EXTRA (appended to the Api's connection string, e.g.
#        "Max Auto Prepare=0" to compare), WAREHOUSE_BENCH_ROOT (/var/tmp).
set -euo pipefail
# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$WH_REPO"

SIZE=100k
while (($#)); do
  case $1 in
    --size) SIZE=${2:?--size needs a value}; shift 2 ;;
    --size=*) SIZE=${1#--size=}; shift ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) wh_die "unknown argument '$1' (see --help)" ;;
  esac
done
[[ $SIZE =~ ^[0-9]+[kKmM]?$ ]] || wh_die "--size is a number with an optional k or m suffix, e.g. 100k"

ROOT=${WAREHOUSE_BENCH_ROOT:-/var/tmp}/warehouse-bench-$$
WH_PG_DIR=$ROOT/pg
LOGS=$ROOT/logs
RESULTS=$WH_REPO/bench/results
API_PORT=${WAREHOUSE_BENCH_API_PORT:-5690}
DB=warehouse_bench
API_DLL=$WH_REPO/src/Warehouse.Api/bin/Release/net10.0/Warehouse.Api.dll
BENCH_DLL=$WH_REPO/tests/Warehouse.Benchmarks/bin/Release/net10.0/Warehouse.Benchmarks.dll
# A benchmark database: durable commits as in production (fsync, synchronous_commit stay on), memory
# sized for the 1M catalogue, checkpoints spread so a bulk load does not stall on them.
WH_PG_EXTRA_CONF="shared_buffers = 1GB
effective_cache_size = 8GB
work_mem = 16MB
maintenance_work_mem = 512MB
max_wal_size = 8GB
checkpoint_timeout = 15min
random_page_cost = 1.1
log_lock_waits = on"

on_exit() {
  local rc=$?
  trap '' INT TERM HUP
  wh_stop_children 15
  if [[ -d $ROOT ]]; then
    wh_pg_stop
    mkdir -p "$RESULTS/logs"
    cp "$WH_PG_DIR/server.log" "$RESULTS/logs/postgres-$SIZE.log" 2>/dev/null || true
    cp "$LOGS/api.log" "$RESULTS/logs/api-$SIZE.log" 2>/dev/null || true
    rm -rf "$ROOT"
  fi
  ((rc == 0)) || wh_log "bench.sh failed (status $rc); logs in $RESULTS/logs"
  exit "$rc"
}

start_cluster() {
  local port
  if [[ -n ${WAREHOUSE_BENCH_PG_PORT:-} ]]; then
    WH_PG_PORT=$WAREHOUSE_BENCH_PG_PORT
  else
    WH_PG_PORT=
    for ((port = 5634; port < 5734; port++)); do
      wh_port_busy "$port" || { WH_PG_PORT=$port; break; }
    done
    [[ -n $WH_PG_PORT ]] || wh_die "no free port in 5634-5733"
  fi
  wh_pg_start || wh_die "could not start the benchmark PostgreSQL cluster"
}

wait_until_ready() {
  local deadline=$((SECONDS + 180)) code
  while :; do
    code=$(wh_http_status "$API_PORT" /health/ready)
    [[ $code == 200 ]] && return 0
    wh_alive "$API_PID" || { tail -n 30 "$LOGS/api.log" >&2; wh_die "the Api exited while starting"; }
    ((SECONDS < deadline)) || wh_die "the Api was not ready within 180s (last status '${code:-none}')"
    sleep 1
  done
}

main() {
  wh_install_traps on_exit
  wh_phase install
  wh_ensure_packages "${WH_PACKAGES[@]}"

  wh_phase database
  wh_ensure_pg_os_user
  wh_private_dir "$ROOT" 711
  wh_private_dir "$LOGS" 700
  wh_pg_prepare_dir
  wh_pg_init
  start_cluster
  wh_port_busy "$API_PORT" && wh_die "port $API_PORT is in use; set WAREHOUSE_BENCH_API_PORT"
  WH_OWNER_PASSWORD=$(wh_rand_alnum 32)
  WH_APP_PASSWORD=$(wh_rand_alnum 32)
  local admin_password bureau_password
  admin_password=$(wh_rand_alnum 32)
  bureau_password=$(wh_rand_login_password)
  wh_pg_bootstrap_db "$DB"
  # A password-login superuser for the loader (COPY with triggers off) and the invariant checks.
  { printf '\\set admin_password %s\n' "$admin_password"; cat "$WH_REPO/infra/sql/test-admin.sql"; } | wh_psql_su

  local owner app superuser
  owner="$(wh_conn warehouse_owner "$WH_OWNER_PASSWORD");Database=$DB"
  app="$(wh_conn warehouse_app "$WH_APP_PASSWORD");Database=$DB"
  superuser="$(wh_conn warehouse_test_admin "$admin_password");Database=$DB"
  local api_env=(
    "ConnectionStrings__Owner=$owner"
    "ConnectionStrings__App=$app${WAREHOUSE_BENCH_API_CONNECTION_EXTRA:+;$WAREHOUSE_BENCH_API_CONNECTION_EXTRA}"
    "Auth__SigningKey=$(wh_rand_base64 48)"
    "Bureau__AdminEmail=bureau.admin@bench.example"
    "Bureau__AdminPassword=$bureau_password"
    # One client signs in once; the limit is for the sign-in endpoints only.
    "RateLimits__AuthPerMinute=100000"
    # No scheduler: the dashboard phase takes the snapshot on demand (the job's own code) and times it.
    "Jobs__Enabled=false"
    "Logging__LogLevel__Default=Warning"
    "ASPNETCORE_ENVIRONMENT=Production"
  )

  wh_phase build
  : >"$LOGS/build.log"
  wh_run_logged "$LOGS/build.log" 1800 "$WH_REPO" -- \
    dotnet build tests/Warehouse.Benchmarks/Warehouse.Benchmarks.csproj -c Release -v q -nologo ||
    wh_die "build failed (log: $LOGS/build.log)"

  wh_phase migrate
  wh_run_logged "$LOGS/migrate.log" 1800 "$WH_REPO/src/Warehouse.Api" "${api_env[@]}" -- dotnet "$API_DLL" migrate ||
    wh_die "migrations failed (log: $LOGS/migrate.log)"

  wh_phase load
  # The loader alone connects as the superuser: binary COPY with triggers off and indexes rebuilt is owner/superuser
  # work, like migrations. The Api under test runs as warehouse_app (api_env above), the floor too (BENCH_APP_CONNECTION);
  # the run uses the superuser only to check invariants across all tenants after the load.
  wh_run_logged "$LOGS/load.log" 7200 "$ROOT" "BENCH_SUPERUSER_CONNECTION=$superuser" -- \
    dotnet "$BENCH_DLL" load --size "$SIZE" --summary "$ROOT/load-summary.json" ||
    wh_die "loading the catalogue failed (log: $LOGS/load.log)"

  wh_phase start
  : >"$LOGS/api.log"
  wh_spawn "$LOGS/api.log" "$WH_REPO/src/Warehouse.Api" "${api_env[@]}" -- dotnet "$API_DLL" --urls "http://127.0.0.1:$API_PORT"
  API_PID=$WH_SPAWNED_PID
  wait_until_ready
  wh_log "Api ready on port $API_PORT (pid $API_PID)"

  wh_phase run
  local rc=0
  wh_run_logged "$LOGS/run.log" 3600 "$WH_REPO" \
    "BENCH_SUPERUSER_CONNECTION=$superuser" "BENCH_APP_CONNECTION=$app" \
    "BENCH_BUREAU_EMAIL=bureau.admin@bench.example" "BENCH_BUREAU_PASSWORD=$bureau_password" -- \
    dotnet "$BENCH_DLL" run --size "$SIZE" --api "http://127.0.0.1:$API_PORT" --api-pid "$API_PID" \
    --summary "$ROOT/load-summary.json" --out "$RESULTS" || rc=$?
  local deadlocks
  deadlocks=$(grep -c 'deadlock detected' "$WH_PG_DIR/server.log" || true)
  wh_log "PostgreSQL log: ${deadlocks:-0} 'deadlock detected' lines"
  wh_phase_report
  ((rc != 1)) || wh_die "the benchmark found a broken invariant; see $RESULTS"
  ((rc == 0)) || wh_die "the benchmark program failed (status $rc); its output is above, the logs in $RESULTS/logs"
  ((${deadlocks:-0} == 0)) || wh_die "deadlocks in the PostgreSQL log"
}

main "$@"
