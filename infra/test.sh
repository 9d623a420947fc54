#!/usr/bin/env bash
# Runs every test of Warehouse.sln against a fresh, private PostgreSQL 15 + PostGIS cluster that
# lives only as long as this script. The last line printed is always
# "N passed, N failed[, N skipped]", and the exit status is non-zero unless every test module
# ran at least one test and none failed.
#
# Env: WAREHOUSE_TEST_PG_PORT (default: first free port from 5434),
#      WAREHOUSE_TEST_BUDGET_SECONDS (default 4800: build + tests are killed past it).
set -euo pipefail
# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$WH_REPO"

RESULTS=$WH_REPO/TestResults
LOG=$RESULTS/test.log
TRX_DIR=$RESULTS/trx
BUDGET=${WAREHOUSE_TEST_BUDGET_SECONDS:-4800}
TEST_ROOT=/var/tmp/warehouse-test-$$
WH_PG_DIR=$TEST_ROOT/pg
# Throw-away data: durability only costs time here.
WH_PG_EXTRA_CONF="fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 256MB"
SUMMARY_DONE=

teardown() {
  wh_stop_children 15
  if [[ -d $TEST_ROOT ]]; then
    wh_pg_stop
    cp "$WH_PG_DIR/server.log" "$RESULTS/postgres.log" 2>/dev/null || true
    rm -rf "$TEST_ROOT"
  fi
}

on_exit() {
  local rc=$?
  trap '' INT TERM HUP
  teardown
  if [[ -z $SUMMARY_DONE ]]; then
    # Whatever stopped us, the closing line still has to say that the run did not pass.
    echo "test.sh: stopped before the tests finished (status $rc); counted as 1 failure. Log: $LOG"
    echo "0 passed, 1 failed"
    ((rc != 0)) || rc=1
  fi
  exit "$rc"
}

# Folders of earlier runs that were killed (their pid is gone) still hold a running server.
sweep_stale_runs() {
  local d pid
  for d in /var/tmp/warehouse-test-*; do
    [[ -d $d && ! -L $d && -O $d ]] || continue
    pid=${d##*-}
    [[ $pid =~ ^[0-9]+$ ]] || continue
    [[ $pid != "$$" && ! -d /proc/$pid ]] || continue
    wh_log "cleaning up $d, left by a run that was killed"
    (WH_PG_DIR=$d/pg && wh_pg_stop_stale) || true
    rm -rf "$d"
  done
}

# Several checkouts may test at once on one machine: take the first free port unless told.
start_cluster() {
  local attempt port
  for attempt in 1 2 3 4 5; do
    if [[ -n ${WAREHOUSE_TEST_PG_PORT:-} ]]; then
      WH_PG_PORT=$WAREHOUSE_TEST_PG_PORT
    else
      WH_PG_PORT=
      for ((port = 5434; port < 5534; port++)); do
        wh_port_busy "$port" || { WH_PG_PORT=$port; break; }
      done
      [[ -n $WH_PG_PORT ]] || wh_die "no free port in 5434-5533"
    fi
    wh_pg_start && return 0
    [[ -z ${WAREHOUSE_TEST_PG_PORT:-} ]] || break
    wh_log "retrying on another port (attempt $attempt)"
  done
  wh_die "could not start the test PostgreSQL cluster"
}

remaining_budget() {
  local left=$((BUDGET - (($(wh_now_us) - WH_T_START) / 1000000)))
  ((left > 60)) || left=60
  echo "$left"
}

# Test projects of the solution (by IsTestProject), as module names: they must all report.
expected_modules() {
  local path
  # shellcheck disable=SC1003 # tr turns the .sln's backslashes into slashes
  sed -n 's/^Project("[^"]*") = "[^"]*", "\([^"]*\.csproj\)".*/\1/p' Warehouse.sln | tr '\\' '/' |
    while IFS= read -r path; do
      path=${path%$'\r'}
      if [[ -f $path ]] && grep -qiE '<IsTestProject>\s*true\s*</IsTestProject>' "$path"; then
        basename "$path" .csproj
      fi
    done
}

trx_attr() {
  local v
  v=$(sed -n "s/.*[[:space:]]$1=\"\([0-9][0-9]*\)\".*/\1/p" <<<"$2" | head -n1)
  echo "${v:-0}"
}

# Sums the TRX counters (one TRX per module that finished) and turns every module that ran no
# test or died before writing its TRX into one failure, so neither can pass as "0 failed".
summarize() {
  local test_rc=$1 f counters module total passed failed skipped
  local -A mod_total=() mod_line=()
  PASSED=0 FAILED=0 SKIPPED=0
  for f in "$TRX_DIR"/*.trx; do
    [[ -f $f ]] || continue
    counters=$(grep -o '<Counters [^>]*>' "$f" | head -n1 || true)
    if [[ -z $counters ]]; then
      echo "  $(basename "$f"): no <Counters> element (truncated TRX?) -> 1 failure"
      FAILED=$((FAILED + 1))
      continue
    fi
    total=$(trx_attr total "$counters")
    passed=$(trx_attr passed "$counters")
    failed=$((
      $(trx_attr failed "$counters") + $(trx_attr error "$counters") +
      $(trx_attr timeout "$counters") + $(trx_attr aborted "$counters")))
    skipped=$((total - passed - failed))
    ((skipped >= 0)) || skipped=0
    module=$(grep -o 'storage="[^"]*"' "$f" | head -n1 | sed 's/^storage="//; s/"$//' || true)
    module=$(basename "${module:-unknown}" .dll)
    PASSED=$((PASSED + passed)) FAILED=$((FAILED + failed)) SKIPPED=$((SKIPPED + skipped))
    if ((total > 0)); then
      mod_total[$module]=$total
      mod_line[$module]="$passed passed, $failed failed, $skipped skipped"
    fi
  done

  local -A want=()
  while IFS= read -r module; do [[ -n $module ]] && want[$module]=1; done < <(
    expected_modules
    sed -n 's/^Running tests from \(.*\.dll\) (.*/\1/p' "$LOG" | xargs -r -n1 basename | sed 's/\.dll$//'
  )
  for module in "${!mod_total[@]}"; do want[$module]=1; done

  echo "Test modules:"
  for module in $(printf '%s\n' "${!want[@]}" | sort); do
    if [[ -n ${mod_total[$module]:-} ]]; then
      echo "  $module: ${mod_line[$module]}"
    else
      echo "  $module: ran no tests, or its test host crashed (see the log) -> 1 failure"
      FAILED=$((FAILED + 1))
    fi
  done
  # xunit names a TRX after the clock; two modules starting together once wrote the same file
  # and one module's results vanished. Each test project's launch profile names its own file.
  while IFS= read -r module; do
    [[ -n $module ]] || continue
    if ! grep -qF -- "--report-xunit-trx-filename $module.trx" \
      "tests/$module/Properties/launchSettings.json" 2>/dev/null; then
      echo "  $module: tests/$module/Properties/launchSettings.json does not name its TRX $module.trx -> 1 failure"
      FAILED=$((FAILED + 1))
    fi
  done < <(expected_modules)
  if ((${#want[@]} == 0)); then
    echo "  none found -> 1 failure"
    FAILED=$((FAILED + 1))
  fi
  if ((test_rc != 0 && FAILED == 0)); then
    echo "  dotnet test exited with status $test_rc although every module passed -> 1 failure"
    FAILED=$((FAILED + 1))
  fi
}

finish() {
  local line="$PASSED passed, $FAILED failed"
  ((SKIPPED == 0)) || line+=", $SKIPPED skipped"
  wh_phase_end
  teardown
  wh_phase_report
  echo "Log: $LOG   TRX: $TRX_DIR   PostgreSQL log: $RESULTS/postgres.log"
  SUMMARY_DONE=1
  echo "$line"
  ((FAILED == 0))
}

main() {
  wh_install_traps on_exit
  rm -rf "$TRX_DIR"
  mkdir -p "$RESULTS" "$TRX_DIR"
  : >"$LOG"

  wh_phase install
  local pkgs=("${WH_PACKAGES[@]}")
  # Only the browser binary matters to the tests; whichever package provides it is fine.
  [[ -x /usr/bin/chromium ]] || pkgs+=(chromium)
  wh_ensure_packages "${pkgs[@]}"

  wh_phase database
  sweep_stale_runs
  wh_ensure_pg_os_user
  rm -rf "$TEST_ROOT"
  wh_private_dir "$TEST_ROOT" 711 # the server user has to reach pg/ inside it
  wh_pg_prepare_dir
  wh_pg_init
  start_cluster
  WH_OWNER_PASSWORD=$(wh_rand_alnum 32)
  WH_APP_PASSWORD=$(wh_rand_alnum 32)
  local admin_password db
  admin_password=$(wh_rand_alnum 32)
  for db in warehouse_api_tests warehouse_web_tests; do wh_pg_bootstrap_db "$db"; done
  { printf '\\set admin_password %s\n' "$admin_password"; cat "$WH_REPO/infra/sql/test-admin.sql"; } | wh_psql_su
  wh_log "databases warehouse_api_tests and warehouse_web_tests ready on port $WH_PG_PORT"

  export WAREHOUSE_TEST_OWNER_CONNECTION WAREHOUSE_TEST_APP_CONNECTION WAREHOUSE_TEST_SUPERUSER_CONNECTION
  WAREHOUSE_TEST_OWNER_CONNECTION=$(wh_conn warehouse_owner "$WH_OWNER_PASSWORD")
  WAREHOUSE_TEST_APP_CONNECTION=$(wh_conn warehouse_app "$WH_APP_PASSWORD")
  WAREHOUSE_TEST_SUPERUSER_CONNECTION=$(wh_conn warehouse_test_admin "$admin_password")
  export WAREHOUSE_CHROMIUM=/usr/bin/chromium
  if [[ -n ${CI+x} ]]; then export CI; fi

  wh_phase build
  local rc=0
  wh_run_logged "$LOG" "$(remaining_budget)" "$WH_REPO" -- \
    dotnet build Warehouse.sln -c Debug -v q -nologo || rc=$?
  if ((rc != 0)); then
    echo "Build failed (status $rc); no tests were run. Counted as 1 failure."
    PASSED=0 FAILED=1 SKIPPED=0
    finish
    return 1
  fi

  wh_phase test
  rc=0
  wh_run_logged "$LOG" "$(remaining_budget)" "$WH_REPO" -- \
    dotnet test --solution Warehouse.sln --no-build \
    --results-directory "$TRX_DIR" --report-xunit-trx || rc=$?
  wh_phase_end
  summarize "$rc"
  finish
}

main "$@"
