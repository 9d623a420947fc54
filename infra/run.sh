#!/usr/bin/env bash
# Runs the platform on this machine with demo data: a private PostgreSQL 15 + PostGIS cluster,
# the Api and the Web, until Ctrl-C, which stops all three. Data and generated secrets persist
# in the state folder between runs.
#
# Env: WAREHOUSE_PG_PORT (5433), WAREHOUSE_API_PORT (5080), WAREHOUSE_WEB_PORT (5000),
#      WAREHOUSE_RUN_STATE (/var/tmp/warehouse-run), WAREHOUSE_START_TIMEOUT (180 seconds).
set -euo pipefail
# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$WH_REPO"

# Outside the clone, so that the clone's owner and permissions do not matter to postgres.
STATE=${WAREHOUSE_RUN_STATE:-/var/tmp/warehouse-run}
LOGS=$STATE/logs
WH_PG_DIR=$STATE/pg
WH_PG_PORT=${WAREHOUSE_PG_PORT:-5433}
WH_PG_EXTRA_CONF="shared_buffers = 512MB"
API_PORT=${WAREHOUSE_API_PORT:-5080}
WEB_PORT=${WAREHOUSE_WEB_PORT:-5000}
START_TIMEOUT=${WAREHOUSE_START_TIMEOUT:-180}
DB=warehouse
BUREAU_ADMIN_EMAIL=bureau.admin@demo.suzhou.gov.cn
API_DIR=$WH_REPO/src/Warehouse.Api
WEB_DIR=$WH_REPO/src/Warehouse.Web
API_DLL=$API_DIR/bin/Release/net10.0/Warehouse.Api.dll
WEB_DLL=$WEB_DIR/bin/Release/net10.0/Warehouse.Web.dll

on_exit() {
  local rc=$?
  trap '' INT TERM HUP # a second Ctrl-C must not cut the cleanup short
  if ((${#WH_CHILD_PIDS[@]})); then wh_log "stopping the processes this run started"; fi
  wh_stop_children 30
  # Without the lock the state folder (and its server) belongs to another run: leave it be.
  if [[ -n ${HOLDS_LOCK:-} ]]; then
    rm -f "$STATE/api.pid" "$STATE/web.pid"
    wh_pg_stop
    wh_log "everything stopped (status $rc)"
  fi
  exit "$rc"
}

# An Api or Web left by a run that was killed outright would hold the ports. The command line
# is checked so that a recycled pid is never signalled.
stop_stale_app() {
  local pidfile=$STATE/$1.pid dll=$2 pid
  [[ -f $pidfile ]] || return 0
  pid=$(<"$pidfile")
  if [[ $pid =~ ^[0-9]+$ ]] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$dll"; then
    wh_log "stopping $dll left running by an earlier run (pid $pid)"
    wh_stop_child "$pid" 30
  fi
  rm -f "$pidfile"
}

require_free_port() {
  if wh_port_busy "$1"; then
    wh_die "port $1 ($2) is already in use; stop whatever listens there or set $3"
  fi
}

wait_until_ready() {
  local deadline=$((SECONDS + START_TIMEOUT)) code
  while :; do
    code=$(wh_http_status "$API_PORT" /health/ready)
    [[ $code == 200 ]] && break
    wh_alive "$API_PID" || { tail -n 30 "$LOGS/api.log" >&2; wh_die "the Api exited while starting (log: $LOGS/api.log)"; }
    ((SECONDS < deadline)) || wh_die "the Api was not ready within ${START_TIMEOUT}s (last status '${code:-none}', log: $LOGS/api.log)"
    sleep 1
  done
  wh_log "Api ready"
  while :; do
    code=$(wh_http_status "$WEB_PORT" /)
    [[ $code == [23]?? ]] && break
    wh_alive "$WEB_PID" || { tail -n 30 "$LOGS/web.log" >&2; wh_die "the Web exited while starting (log: $LOGS/web.log)"; }
    ((SECONDS < deadline)) || wh_die "the Web did not answer within ${START_TIMEOUT}s (last status '${code:-none}', log: $LOGS/web.log)"
    sleep 1
  done
  wh_log "Web ready"
}

print_banner() {
  cat <<EOF

================================================================================
 Overseas-Warehouse Public Smart Service Platform is running
   Web             http://127.0.0.1:$WEB_PORT/
   API             http://127.0.0.1:$API_PORT/
   API reference   http://127.0.0.1:$API_PORT/scalar
   OpenAPI         http://127.0.0.1:$API_PORT/openapi/v1.json

 Demo logins
   bureau admin    $BUREAU_ADMIN_EMAIL   ${WH_SECRETS[BUREAU_ADMIN_PASSWORD]}
   operator admin  operator.admin@demo.example       ${WH_SECRETS[DEMO_PASSWORD]}
   trader admin    trader.admin@demo.example         ${WH_SECRETS[DEMO_PASSWORD]}

 Logs            $LOGS/api.log
                 $LOGS/web.log
                 $WH_PG_DIR/server.log
 Database        Host=127.0.0.1;Port=$WH_PG_PORT;Database=$DB (passwords: $STATE/secrets.env)

 Ctrl-C stops the Web, the Api and PostgreSQL; the data is kept for the next run.
================================================================================
EOF
}

main() {
  wh_install_traps on_exit

  wh_phase install
  wh_ensure_packages "${WH_PACKAGES[@]}"

  wh_phase database
  wh_private_dir "$STATE" 711 # the server user has to reach pg/ inside it
  # One run per state folder: a second one would take the first one's processes for stale ones.
  exec 9>"$STATE/run.lock"
  flock -n 9 || wh_die "another infra/run.sh is using $STATE; stop it first (or set WAREHOUSE_RUN_STATE and the ports)"
  HOLDS_LOCK=1
  wh_private_dir "$LOGS" 700
  wh_load_secrets "$STATE/secrets.env" \
    "WAREHOUSE_OWNER_PASSWORD=wh_rand_alnum 32" "WAREHOUSE_APP_PASSWORD=wh_rand_alnum 32" \
    "AUTH_SIGNING_KEY=wh_rand_base64 48" BUREAU_ADMIN_PASSWORD=wh_rand_login_password \
    DEMO_PASSWORD=wh_rand_login_password
  WH_OWNER_PASSWORD=${WH_SECRETS[WAREHOUSE_OWNER_PASSWORD]}
  WH_APP_PASSWORD=${WH_SECRETS[WAREHOUSE_APP_PASSWORD]}

  stop_stale_app web Warehouse.Web.dll
  stop_stale_app api Warehouse.Api.dll
  wh_ensure_pg_os_user
  wh_pg_prepare_dir
  wh_pg_init
  wh_pg_stop_stale
  require_free_port "$API_PORT" Api WAREHOUSE_API_PORT
  require_free_port "$WEB_PORT" Web WAREHOUSE_WEB_PORT
  require_free_port "$WH_PG_PORT" PostgreSQL WAREHOUSE_PG_PORT
  wh_pg_start
  wh_pg_bootstrap_db "$DB"
  wh_log "database '$DB' ready (roles warehouse_owner, warehouse_app)"

  wh_phase build
  : >"$LOGS/build.log"
  wh_run_logged "$LOGS/build.log" 1800 "$WH_REPO" -- dotnet build Warehouse.sln -c Release -v q -nologo ||
    wh_die "build failed (log: $LOGS/build.log)"

  local owner app api_env
  owner="$(wh_conn warehouse_owner "$WH_OWNER_PASSWORD");Database=$DB"
  app="$(wh_conn warehouse_app "$WH_APP_PASSWORD");Database=$DB"
  api_env=(
    "ConnectionStrings__Owner=$owner"
    "ConnectionStrings__App=$app"
    "Auth__SigningKey=${WH_SECRETS[AUTH_SIGNING_KEY]}"
    "Bureau__AdminEmail=$BUREAU_ADMIN_EMAIL"
    "Bureau__AdminPassword=${WH_SECRETS[BUREAU_ADMIN_PASSWORD]}"
    "Demo__Password=${WH_SECRETS[DEMO_PASSWORD]}"
    "ASPNETCORE_ENVIRONMENT=Development"
  )

  wh_phase migrate
  : >"$LOGS/migrate.log"
  wh_run_logged "$LOGS/migrate.log" 1800 "$API_DIR" "${api_env[@]}" -- dotnet "$API_DLL" migrate --seed-demo ||
    wh_die "migrations or demo seeding failed (log: $LOGS/migrate.log)"

  wh_phase start
  : >"$LOGS/api.log"
  wh_spawn "$LOGS/api.log" "$API_DIR" "${api_env[@]}" -- dotnet "$API_DLL" --urls "http://127.0.0.1:$API_PORT"
  API_PID=$WH_SPAWNED_PID
  echo "$API_PID" >"$STATE/api.pid"
  : >"$LOGS/web.log"
  # Development: from the build output (not a publish), static web assets such as
  # _framework/blazor.web.js are only mapped in Development.
  wh_spawn "$LOGS/web.log" "$WEB_DIR" "Api__BaseUrl=http://127.0.0.1:$API_PORT" ASPNETCORE_ENVIRONMENT=Development -- \
    dotnet "$WEB_DLL" --urls "http://127.0.0.1:$WEB_PORT"
  WEB_PID=$WH_SPAWNED_PID
  echo "$WEB_PID" >"$STATE/web.pid"
  wait_until_ready
  wh_phase_report >&2
  print_banner

  # Until Ctrl-C (the trap ends the wait at once) or until one of the two dies.
  while :; do
    wait -n "$API_PID" "$WEB_PID" || true
    wh_alive "$API_PID" || wh_die "the Api stopped (log: $LOGS/api.log)"
    wh_alive "$WEB_PID" || wh_die "the Web stopped (log: $LOGS/web.log)"
  done
}

main "$@"
