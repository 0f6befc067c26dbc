#!/usr/bin/env bash
# A sweep on a real batch engine: a single-node Slurm cluster (Debian's slurm-wlm and munge) runs the CI grid as a
# 3-task array job (each task: hallsim sweep --shard $SLURM_ARRAY_TASK_ID/3), merges the shards, and checks that the
# merge equals the unsharded run byte for byte. Needs root (it starts munged, slurmctld and slurmd and stops them).
# Usage: eng/sweep/slurm-check.sh PATH-TO-HallSim.Cli   (prints "slurm sweep: ok" or the reason it failed)
# For a throwaway CI machine: it writes /etc/slurm/slurm.conf (and a munge key if none) and stops the daemons after.
set -euo pipefail
cli=$(readlink -f "$1")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
host=$(hostname -s)
cleanup() {
  for p in /run/slurmctld.pid /run/slurmd.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null || true; done
  [ -f /run/munge/munged.pid ] && kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if ! command -v sbatch >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge > "$work/apt.txt" 2>&1 || { tail -n 20 "$work/apt.txt"; exit 1; }
fi

# munge: a random key, owned by munge, mode 400.
mkdir -p /etc/munge /run/munge /var/lib/munge /var/log/munge
[ -s /etc/munge/munge.key ] || dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge
chmod 400 /etc/munge/munge.key
pgrep -x munged >/dev/null || su -s /bin/sh munge -c "munged --force" || munged --force

mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=hallsim
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ReturnToService=2
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
pgrep -x slurmctld >/dev/null || slurmctld
pgrep -x slurmd >/dev/null || slurmd
for _ in $(seq 1 30); do sinfo -h -o %T 2>/dev/null | grep -qE "idle|mixed" && break; sleep 1; done
sinfo -h -o "%P %T %D" || { echo "slurm did not come up"; tail -n 20 /var/log/slurm/*.log; exit 1; }

grid="$here/grid-ci.json"
mkdir -p "$work/shards" "$work/whole" "$work/merged"
cat > "$work/array.sh" <<JOB
#!/usr/bin/env bash
#SBATCH --array=0-2
#SBATCH --cpus-per-task=1
#SBATCH --output=$work/task-%a.txt
"$cli" sweep --grid "$grid" --shard "\$SLURM_ARRAY_TASK_ID/\$SLURM_ARRAY_TASK_COUNT" --out "$work/shards" --quiet
JOB
sbatch --wait "$work/array.sh" || { cat "$work"/task-*.txt; echo "the array job failed"; exit 1; }
ls "$work/shards"
"$cli" sweep merge --grid "$grid" --shards "$work/shards" --out "$work/merged"
"$cli" sweep --grid "$grid" --out "$work/whole" --quiet
cmp "$work/merged/sweep.json" "$work/whole/sweep.json" || { echo "the merged shards differ from the single run"; exit 1; }
echo "slurm sweep: ok ($(ls "$work/shards" | wc -l) shards, sweep.json $(wc -c < "$work/whole/sweep.json") bytes identical)"
