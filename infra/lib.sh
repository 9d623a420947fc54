# shellcheck shell=bash
# Shared by infra/run.sh and infra/test.sh, so the machine bootstrap (packages, a private
# PostgreSQL cluster, roles, child processes, cleanup) exists once. Sourced, never run.
#
# The callers set WH_PG_DIR (a folder the server user owns: data/, socket/, server.log),
# WH_PG_PORT and WH_PG_EXTRA_CONF, and install their own exit handler with wh_install_traps.

WH_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Full paths on purpose: /usr/local/bin holds unrelated wrappers named initdb, pg_ctl, postgres,
# and /usr/bin/psql is Debian's pg_wrapper, which guesses a cluster.
WH_PG_BIN=/usr/lib/postgresql/15/bin
# shellcheck disable=SC2034 # used by the scripts that source this file
WH_PACKAGES=(postgresql-15 postgresql-15-postgis-3)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=true DOTNET_GENERATE_ASPNET_CERTIFICATE=false
# No build servers (MSBuild nodes, MSBuild server, the compiler server): they would outlive the
# script, and one that inherited the build's output pipe would keep the log tee open for good.
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false
# Only the package registries are reachable: an online certificate revocation check cannot be.
export NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE:-offline}

wh_log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
wh_die() { wh_log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Phase timing: wh_phase NAME ends the previous phase and starts NAME; wh_phase_report prints.
WH_PHASE_NAMES=()
WH_PHASE_SECS=()
WH_PHASE_CUR=
WH_PHASE_T0=
WH_T_START=${EPOCHREALTIME/[.,]/}

wh_now_us() { echo "${EPOCHREALTIME/[.,]/}"; }
wh_fmt_us() { printf '%d.%01ds' $(($1 / 1000000)) $((($1 % 1000000) / 100000)); }

wh_phase_end() {
  [[ -n $WH_PHASE_CUR ]] || return 0
  local dt=$(($(wh_now_us) - WH_PHASE_T0))
  WH_PHASE_NAMES+=("$WH_PHASE_CUR")
  WH_PHASE_SECS+=("$dt")
  wh_log "phase '$WH_PHASE_CUR' took $(wh_fmt_us "$dt")"
  WH_PHASE_CUR=
}

wh_phase() {
  wh_phase_end
  WH_PHASE_CUR=$1
  WH_PHASE_T0=$(wh_now_us)
  wh_log "== $1"
}

wh_phase_report() {
  wh_phase_end
  local i
  echo "Elapsed per phase:"
  for i in "${!WH_PHASE_NAMES[@]}"; do
    printf '  %-10s %s\n' "${WH_PHASE_NAMES[$i]}" "$(wh_fmt_us "${WH_PHASE_SECS[$i]}")"
  done
  printf '  %-10s %s\n' total "$(wh_fmt_us $(($(wh_now_us) - WH_T_START)))"
}

# ---------------------------------------------------------------------------------------------
# Packages

wh_pkg_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

# Installs whichever of the named packages are missing; touches apt only when one is.
wh_ensure_packages() {
  local p missing=()
  for p in "$@"; do wh_pkg_installed "$p" || missing+=("$p"); done
  if ((${#missing[@]} == 0)); then
    wh_log "packages already installed: $*"
    return 0
  fi
  ((EUID == 0)) || wh_die "missing packages: ${missing[*]}; install them as root (apt-get install ${missing[*]})"
  wh_log "installing: ${missing[*]}"
  # The lock timeout rides out an unattended-upgrades or another apt run instead of failing.
  local apt=(apt-get -o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" -qq update
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" -y -qq install "${missing[@]}" >/dev/null
  for p in "${missing[@]}"; do wh_pkg_installed "$p" || wh_die "apt-get did not install $p"; done
  [[ -x $WH_PG_BIN/initdb ]] || wh_die "$WH_PG_BIN/initdb is missing after installing postgresql-15"
}

# ---------------------------------------------------------------------------------------------
# Private folders under /var/tmp are world-writable territory: refuse anything we did not make.

wh_private_dir() {
  local d=$1 mode=${2:-700}
  if [[ -L $d ]]; then wh_die "$d is a symlink; refusing to use it"; fi
  if [[ -e $d ]]; then
    [[ -d $d && -O $d ]] || wh_die "$d exists but is not a folder owned by $(id -un); remove it or set another location"
  else
    mkdir -p "$d"
  fi
  chmod "$mode" "$d"
}

# ---------------------------------------------------------------------------------------------
# Secrets: KEY=VALUE lines in a mode-600 file; read as data, never sourced.

wh_rand_alnum() {
  local s=''
  while ((${#s} < $1)); do
    s+=$(head -c 96 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9')
  done
  printf '%s' "${s:0:$1}"
}

wh_rand_base64() { head -c "$1" /dev/urandom | base64 -w0; }

# Satisfies ASP.NET Identity's default rules (upper, lower, digit, symbol) and is still typeable.
wh_rand_login_password() { printf 'Wh9-%s-%s-%s' "$(wh_rand_alnum 5)" "$(wh_rand_alnum 5)" "$(wh_rand_alnum 5)"; }

declare -A WH_SECRETS=()

# wh_load_secrets FILE "KEY=GENERATOR [ARGS]"...: fills WH_SECRETS, generating and appending the
# missing keys, so a key added later is generated without touching the existing ones.
wh_load_secrets() {
  local file=$1 spec key gen line k v
  shift
  if [[ -e $file ]]; then
    [[ -f $file && ! -L $file && -O $file ]] || wh_die "$file is not a regular file owned by $(id -un)"
    while IFS= read -r line || [[ -n $line ]]; do
      [[ $line == *=* && $line != \#* ]] || continue
      k=${line%%=*} v=${line#*=}
      WH_SECRETS[$k]=$v
    done <"$file"
  fi
  (umask 077 && touch "$file")
  chmod 600 "$file"
  for spec in "$@"; do
    key=${spec%%=*} gen=${spec#*=}
    if [[ -z ${WH_SECRETS[$key]:-} ]]; then
      # shellcheck disable=SC2086 # GENERATOR [ARGS] is split on purpose
      WH_SECRETS[$key]=$($gen)
      printf '%s=%s\n' "$key" "${WH_SECRETS[$key]}" >>"$file"
      wh_log "generated $key (stored in $file)"
    fi
  done
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL: initdb and postgres refuse to run as root, so root delegates to the postgres user.

wh_pg_os_user() { if ((EUID == 0)); then echo postgres; else id -un; fi; }

# File descriptor 9 is run.sh's lock; no long-lived child may inherit it, or a killed run would
# leave the lock held by its orphans.
wh_as_pg() {
  if ((EUID == 0)); then
    # cd /: the postgres user cannot read root's working folder, and initdb/psql complain.
    (cd / && exec 9>&- && exec runuser -u postgres -- "$@")
  else
    (exec 9>&- && exec "$@")
  fi
}

wh_ensure_pg_os_user() {
  ((EUID == 0)) || return 0
  id -u postgres >/dev/null 2>&1 && return 0
  wh_log "creating the 'postgres' system user"
  useradd --system --user-group --home-dir /var/lib/postgresql --no-create-home \
    --shell /usr/sbin/nologin postgres
}

# Makes WH_PG_DIR (and its socket folder) owned by the server user, 700.
wh_pg_prepare_dir() {
  local u
  u=$(wh_pg_os_user)
  mkdir -p "$WH_PG_DIR/socket"
  if ((EUID == 0)); then chown "$u:" "$WH_PG_DIR" "$WH_PG_DIR/socket"; fi
  chmod 700 "$WH_PG_DIR" "$WH_PG_DIR/socket"
}

wh_pg_data() { echo "$WH_PG_DIR/data"; }

wh_pg_ctl() { wh_as_pg "$WH_PG_BIN/pg_ctl" -D "$(wh_pg_data)" "$@"; }

# initdb once; a half-finished earlier attempt is discarded rather than reused.
wh_pg_init() {
  local data tmp
  data=$(wh_pg_data)
  [[ -f $data/PG_VERSION ]] && return 0
  tmp="$WH_PG_DIR/data.initdb"
  rm -rf "$tmp"
  wh_log "initdb $data"
  # peer on the socket: only the server's own OS user may log in without a password.
  wh_as_pg "$WH_PG_BIN/initdb" -D "$tmp" --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >"$WH_PG_DIR/initdb.log" 2>&1 ||
    { cat "$WH_PG_DIR/initdb.log" >&2; wh_die "initdb failed"; }
  # Replaces initdb's pg_hba: TCP only from 127.0.0.1 and only with a scram password.
  wh_as_pg tee "$tmp/pg_hba.conf" >/dev/null <<EOF
# TYPE  DATABASE  USER  ADDRESS       METHOD
local   all       all                 peer
host    all       all   127.0.0.1/32  scram-sha-256
EOF
  # Settings the scripts own live in warehouse.conf, rewritten at every start (ports may change).
  echo "include_if_exists = 'warehouse.conf'" | wh_as_pg tee -a "$tmp/postgresql.conf" >/dev/null
  mv "$tmp" "$data"
}

wh_pg_running() { wh_pg_ctl status >/dev/null 2>&1; }

# shellcheck disable=SC2016 # the inner script expands its own arguments
wh_port_busy() { timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0"' "$1" 2>/dev/null; }

# A server left by a killed earlier run would hold the port and the data folder.
wh_pg_stop_stale() {
  [[ -f "$(wh_pg_data)/postmaster.pid" ]] || return 0
  if wh_pg_running; then
    wh_log "stopping a PostgreSQL server left running by an earlier run"
    wh_pg_ctl stop -m fast -w -t 60 >/dev/null 2>&1 || wh_pg_ctl stop -m immediate -w -t 30 >/dev/null 2>&1 || true
  fi
}

wh_pg_start() {
  local data
  data=$(wh_pg_data)
  wh_as_pg tee "$data/warehouse.conf" >/dev/null <<EOF
# Written by infra/lib.sh at every start; edits here are overwritten.
listen_addresses = '127.0.0.1'
port = $WH_PG_PORT
unix_socket_directories = '$WH_PG_DIR/socket'
password_encryption = 'scram-sha-256'
max_connections = 300
${WH_PG_EXTRA_CONF:-}
EOF
  if ! wh_pg_ctl start -w -t 90 -l "$WH_PG_DIR/server.log" >/dev/null 2>&1; then
    tail -n 20 "$WH_PG_DIR/server.log" >&2 || true
    wh_log "PostgreSQL did not start (log: $WH_PG_DIR/server.log)"
    return 1
  fi
  wh_log "PostgreSQL 15 up on 127.0.0.1:$WH_PG_PORT (data $data, log $WH_PG_DIR/server.log)"
}

wh_pg_stop() {
  [[ -n ${WH_PG_DIR:-} && -f "$(wh_pg_data)/postmaster.pid" ]] || return 0
  wh_log "stopping PostgreSQL ($WH_PG_DIR)"
  wh_pg_ctl stop -m fast -w -t 60 >/dev/null 2>&1 || wh_pg_ctl stop -m immediate -w -t 30 >/dev/null 2>&1 || true
}

# Superuser psql over the private socket (peer auth); SQL on stdin.
wh_psql_su() {
  wh_as_pg "$WH_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$WH_PG_DIR/socket" -p "$WH_PG_PORT" \
    -d postgres -f -
}

# wh_pg_bootstrap_db DB: roles and the database DB as infra/sql/roles.sql describes.
# Passwords go through stdin so they never show in a process list.
wh_pg_bootstrap_db() {
  {
    printf '\\set db %s\n' "$1"
    printf '\\set owner_password %s\n' "$WH_OWNER_PASSWORD"
    printf '\\set app_password %s\n' "$WH_APP_PASSWORD"
    cat "$WH_REPO/infra/sql/roles.sql"
  } | wh_psql_su
}

# Npgsql connection string without Database= (callers append it).
wh_conn() { printf 'Host=127.0.0.1;Port=%s;Username=%s;Password=%s' "$WH_PG_PORT" "$1" "$2"; }

# ---------------------------------------------------------------------------------------------
# Child processes. Each runs in a session of its own (setsid) so that cleanup can kill it with
# everything it started (test hosts, browsers) by process group; and the script waits on it with
# `wait`, which lets the INT/TERM traps run at once instead of after the child ends.

WH_CHILD_PIDS=()

# wh_spawn LOG CWD [NAME=VALUE...] -- COMMAND...: starts in the background, output to LOG.
# Sets WH_SPAWNED_PID. The environment is exported inside the child only.
wh_spawn() {
  local log=$1 cwd=$2 envs=()
  shift 2
  while (($#)) && [[ $1 != -- ]]; do envs+=("$1"); shift; done
  shift
  (
    cd "$cwd" || exit 1
    exec 9>&-
    if ((${#envs[@]})); then export "${envs[@]}"; fi
    exec setsid "$@"
  ) >>"$log" 2>&1 </dev/null &
  WH_SPAWNED_PID=$!
  WH_CHILD_PIDS+=("$WH_SPAWNED_PID")
}

# wh_run_logged LOG SECONDS CWD [NAME=VALUE...] -- COMMAND...: runs in the foreground as far as
# the user can tell (output shown and appended to LOG), killed after SECONDS. Returns its status.
wh_run_logged() {
  local log=$1 budget=$2 cwd=$3 envs=() fifo rc=0 tee_pid pid
  shift 3
  while (($#)) && [[ $1 != -- ]]; do envs+=("$1"); shift; done
  shift
  fifo="$(dirname "$log")/.fifo.$$.$RANDOM"
  mkfifo -m 600 "$fifo"
  tee -a "$log" <"$fifo" 9>&- &
  tee_pid=$!
  WH_CHILD_PIDS+=("$tee_pid")
  (
    cd "$cwd" || exit 1
    exec 9>&-
    if ((${#envs[@]})); then export "${envs[@]}"; fi
    # timeout signals its whole process group (= this session) when the budget runs out.
    exec setsid timeout -k 30 "$budget" "$@"
  ) >"$fifo" 2>&1 </dev/null &
  pid=$!
  WH_CHILD_PIDS+=("$pid")
  wait "$pid" || rc=$?
  wait "$tee_pid" || true
  wh_forget_child "$pid" "$tee_pid"
  rm -f "$fifo"
  if ((rc == 124)); then wh_log "'$1' was stopped after its time budget of ${budget}s"; fi
  return "$rc"
}

wh_alive() { kill -0 "$1" 2>/dev/null; }

# A reaped pid can be reused by an unrelated process: cleanup must never signal it.
wh_forget_child() {
  local keep=() p f
  for p in "${WH_CHILD_PIDS[@]}"; do
    for f in "$@"; do [[ $p == "$f" ]] && continue 2; done
    keep+=("$p")
  done
  WH_CHILD_PIDS=("${keep[@]}")
}

# Stops a child started by wh_spawn/wh_run_logged and its process group: TERM, then KILL.
wh_stop_child() {
  local pid=$1 grace=${2:-30} i
  wh_alive "$pid" || kill -0 -- "-$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 5; i++)); do
    wh_alive "$pid" || kill -0 -- "-$pid" 2>/dev/null || break
    sleep 0.2
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

wh_stop_children() {
  local i
  # Newest first: the apps before anything they might still be talking to.
  for ((i = ${#WH_CHILD_PIDS[@]} - 1; i >= 0; i--)); do wh_stop_child "${WH_CHILD_PIDS[$i]}" "${1:-30}"; done
  WH_CHILD_PIDS=()
}

# ---------------------------------------------------------------------------------------------
# HTTP status of http://127.0.0.1:PORT/PATH via bash's /dev/tcp (curl is not on a bare machine).
# shellcheck disable=SC2016 # the inner script expands its own arguments
wh_http_status() {
  timeout 5 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
    printf "GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n" "$1" "$0" >&3
    read -r _ code _ <&3 && printf "%s" "$code"' "$1" "$2" 2>/dev/null || true
}

# ---------------------------------------------------------------------------------------------
# Traps: cleanup on any exit, and INT/TERM/HUP turned into an exit so the EXIT trap runs.
wh_install_traps() {
  # shellcheck disable=SC2064 # the handler's name is fixed now on purpose
  trap "$1" EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
}
