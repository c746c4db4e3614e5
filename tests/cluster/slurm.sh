#!/usr/bin/env bash
# A single-node SLURM cluster with accounting, on localhost, for the cluster test.
#
#   tests/cluster/slurm.sh start   install (Debian packages) and start munge, MariaDB, slurmdbd,
#                                  slurmctld and slurmd; register a cluster and an account
#                                  (a cluster an earlier `start` left running is stopped first)
#   tests/cluster/slurm.sh stop    stop every daemon that `start` started, by its pid
#
# Needs root and apt-get (Debian 12: Slurm 22.05). No systemd and no cgroups: the daemons are
# started directly, with proctrack/linuxproc and task/none. The configuration goes where
# Slurm's commands look for it, /etc/slurm/slurm.conf and slurmdbd.conf (`start` refuses to
# replace files it did not write; `stop` removes them). Everything else the cluster writes
# (munge key, database, state, logs, pid files) goes to $ORDSKIFTE_SLURM_DIR (default
# /tmp/ordskifte-slurm): the daemons' logs are in its log/ folder.
set -euo pipefail

STATE=${ORDSKIFTE_SLURM_DIR:-/tmp/ordskifte-slurm}
ETC=/etc/slurm
MARK="# Single-node test cluster written by tests/cluster/slurm.sh."
LOGS=$STATE/log
PIDS=$STATE/pids
CLUSTER=ordskifte
ACCOUNT=ordskifte_ci
PARTITION=ci
DB_PORT=${ORDSKIFTE_SLURM_DB_PORT:-13306}
DB_PASS=ordskifte-ci-only
PACKAGES=(munge slurmctld slurmd slurm-client slurmdbd mariadb-server)

log() { printf 'slurm.sh: %s\n' "$*" >&2; }
die() {
    log "$*"
    exit 1
}

# Wait up to $1 seconds for the command after it to succeed.
wait_for() {
    local seconds=$1
    shift
    local end=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < end)) || return 1
        sleep 0.5
    done
}

install_packages() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
            missing+=("$p")
    done
    ((${#missing[@]})) || return 0
    command -v apt-get >/dev/null || die "apt-get not found: install ${missing[*]} by hand"
    log "installing ${missing[*]}"
    # Keep the packages' maintainer scripts from starting services (there is no init system
    # to run them here; this script starts the daemons itself).
    local policy=/usr/sbin/policy-rc.d ours=0
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && ours=1
    fi
    local apt=(env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends)
    if ! "${apt[@]}" "${missing[@]}" >"$STATE/apt.log" 2>&1; then
        apt-get update -q >>"$STATE/apt.log" 2>&1
        "${apt[@]}" "${missing[@]}" >>"$STATE/apt.log" 2>&1 ||
            { ((ours)) && rm -f "$policy"; die "apt-get install failed, see $STATE/apt.log"; }
    fi
    ((ours)) && rm -f "$policy"
    return 0
}

# Wait for a daemon that forks into the background to write its pid to $2, and keep the pid
# under $PIDS with the daemon's process name $1 (what `stop` checks before signalling it).
started() {
    local name=$1 pidfile=$2
    wait_for 30 test -s "$pidfile" || die "$name did not start, see its log under $STATE"
    cp "$pidfile" "$PIDS/$name"
}

write_configs() {
    local host cpus mem
    host=$(hostname -s)
    cpus=$(nproc)
    # RealMemory a little below what slurmd finds, or slurmd marks the node invalid.
    mem=$(slurmd -C | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' | head -1)
    mem=$((mem * 9 / 10))
    mkdir -p "$ETC"
    cat >"$ETC/slurm.conf" <<EOF
$MARK
ClusterName=$CLUSTER
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$STATE/slurmctld
SlurmdSpoolDir=$STATE/slurmd
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=$LOGS/slurmctld.log
SlurmdLogFile=$LOGS/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
JobAcctGatherType=jobacct_gather/linux
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
AccountingStorageEnforce=associations
AccountingStoreFlags=job_comment
MinJobAge=300
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=$PARTITION Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
    cat >"$ETC/slurmdbd.conf" <<EOF
$MARK
AuthType=auth/munge
DbdHost=localhost
SlurmUser=root
PidFile=$STATE/slurmdbd.pid
LogFile=$LOGS/slurmdbd.log
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort=$DB_PORT
StorageUser=slurm
StoragePass=$DB_PASS
StorageLoc=slurm_acct_db
EOF
    chmod 600 "$ETC/slurmdbd.conf"
}

start_munge() {
    # Slurm's commands talk to munged through its default socket, so a running munged is used
    # as it is; otherwise one is started with its own key.
    if munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then
        log "using the munged already running"
        return
    fi
    local dir=$STATE/munge
    install -d -o munge -g munge -m 700 "$dir"
    install -d -o munge -g munge -m 755 /run/munge
    mungekey --create --keyfile="$dir/munge.key" >/dev/null
    chown munge: "$dir/munge.key"
    runuser -u munge -- munged --key-file="$dir/munge.key" --pid-file="$dir/munged.pid" \
        --log-file="$dir/munged.log" --seed-file="$dir/munged.seed"
    started munged "$dir/munged.pid"
}

start_database() {
    local dir=$STATE/mariadb
    install -d -o mysql -g mysql -m 755 "$dir"
    mariadb-install-db --no-defaults --user=mysql --datadir="$dir/data" \
        --auth-root-authentication-method=socket >"$dir/install.log" 2>&1 ||
        die "mariadb-install-db failed, see $dir/install.log"
    local db=(--no-defaults --user=mysql --datadir="$dir/data" --socket="$dir/mysql.socket"
        --pid-file="$dir/mariadbd.pid" --port="$DB_PORT" --bind-address=127.0.0.1
        --skip-name-resolve --log-error="$dir/mariadb.log")
    setsid mariadbd "${db[@]}" </dev/null >/dev/null 2>&1 &
    started mariadbd "$dir/mariadbd.pid"
    local sql=(mariadb --no-defaults --socket="$dir/mysql.socket" -u root)
    wait_for 60 "${sql[@]}" -e 'SELECT 1' || die "MariaDB does not answer, see $dir/mariadb.log"
    "${sql[@]}" <<EOF
CREATE USER 'slurm'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';
GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1';
EOF
}

start_slurm() {
    slurmdbd
    started slurmdbd "$STATE/slurmdbd.pid"
    wait_for 60 sacctmgr -n list cluster || die "slurmdbd does not answer, see $LOGS/slurmdbd.log"
    sacctmgr -i add cluster "$CLUSTER" >/dev/null
    sacctmgr -i add account "$ACCOUNT" Cluster="$CLUSTER" Description="CI" Organization=ordskifte \
        >/dev/null
    sacctmgr -i add user "$(id -un)" Account="$ACCOUNT" DefaultAccount="$ACCOUNT" >/dev/null
    slurmctld
    started slurmctld "$STATE/slurmctld.pid"
    slurmd
    started slurmd "$STATE/slurmd.pid"
    wait_for 60 bash -c "sinfo -h -o %t | grep -qx idle" ||
        die "the node did not become idle, see $LOGS/slurmctld.log and $LOGS/slurmd.log"
}

start() {
    [[ $(id -u) == 0 ]] || die "needs root (it installs packages and starts daemons)"
    stop # a cluster left running by an earlier start
    for f in "$ETC/slurm.conf" "$ETC/slurmdbd.conf"; do
        [[ ! -e $f ]] || ours "$f" || die "$f exists and was not written by $0: not replacing it"
    done
    rm -rf "$STATE"
    # A start that fails half-way stops what it had started.
    trap 'log "start failed: stopping what was started"; stop' EXIT
    mkdir -p "$LOGS" "$PIDS" "$STATE/slurmctld" "$STATE/slurmd"
    install_packages
    write_configs
    start_munge
    start_database
    start_slurm
    trap - EXIT
    log "running: cluster $CLUSTER, partition $PARTITION, account $ACCOUNT; logs in $LOGS"
}

# Whether the configuration file $1 was written by this script.
ours() { [[ $(head -1 "$1") == "$MARK" ]]; }

stop() {
    # The reverse order of starting; each daemon gets 30 s to finish before it is killed.
    local name pid
    # Jobs first, so that no job's processes outlive the cluster.
    if [[ -f $PIDS/slurmctld ]] && squeue -h -o %i >/dev/null 2>&1; then
        squeue -h -o %i | xargs -r scancel 2>/dev/null || true
        wait_for 60 bash -c '[[ -z $(squeue -h -o %i) ]]' || log "jobs still running after 60 s"
    fi
    for name in slurmd slurmctld slurmdbd mariadbd munged; do
        [[ -f $PIDS/$name ]] || continue
        pid=$(<"$PIDS/$name")
        # Only the daemon itself: after a reboot the pid may belong to another process.
        if [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$name" ]] && kill "$pid"; then
            wait_for 30 bash -c "! kill -0 $pid" || kill -9 "$pid" 2>/dev/null || true
        fi
        rm -f "$PIDS/$name"
    done
    for f in "$ETC/slurm.conf" "$ETC/slurmdbd.conf"; do
        [[ ! -e $f ]] || ! ours "$f" || rm -f "$f"
    done
    log "stopped"
}

case ${1:-} in
start) start ;;
stop) stop ;;
*) die "usage: $0 start|stop" ;;
esac
