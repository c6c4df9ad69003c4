#!/usr/bin/env bash
# Stops the cluster that up.sh brought up. Needs root.
#   down.sh           stop the RAPI bridge and Ganeti's daemons; keep the cluster's state,
#                     so the next up.sh starts the same cluster again (a few seconds)
#   down.sh --purge   also delete the cluster (configuration, job queue, logs, file disks),
#                     the namespaces and their /etc/netns files; packages stay installed
# Only processes named in pid files written by Ganeti or by up.sh are stopped.
set -uo pipefail

. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

purge=0
case "${1:-}" in
  "") ;;
  --purge) purge=1 ;;
  *) echo "usage: $0 [--purge]" >&2; exit 2 ;;
esac
[ "$(id -u)" = 0 ] || { echo "real-ganeti/down.sh: must run as root" >&2; exit 1; }
cd /

have=$(cat /var/lib/ganeti/ssconf_cluster_name 2>/dev/null || true)
if [ -n "$have" ] && [ "$have" != "$CLUSTER" ]; then
  echo "real-ganeti/down.sh: /var/lib/ganeti holds cluster '$have', not $CLUSTER; leaving it alone" >&2
  exit 1
fi

for bridge in bridge-out bridge-in; do
  pidfile=$RUNDIR/$bridge.pid
  pid=$(cat "$pidfile" 2>/dev/null || true)
  if [ -n "$pid" ] && [[ $(tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline") == socat* ]]; then
    kill "$pid"
  fi
  rm -f "$pidfile"
done
rm -f "$RUNDIR/rapi.sock"
echo "RAPI bridge stopped"

if [ -x /usr/lib/ganeti/daemon-util ]; then
  /usr/lib/ganeti/daemon-util stop-all || echo "some Ganeti daemon did not stop cleanly" >&2
  echo "Ganeti daemons stopped"
fi

if [ $purge = 1 ]; then
  if [ -n "$have" ]; then
    rm -rf /var/lib/ganeti/* /var/lib/ganeti/.??* /var/log/ganeti/* /srv/ganeti/file-storage/*
  fi
  rm -rf /var/run/ganeti
  sed -i '\|^/srv/ganeti/file-storage$|d' /etc/ganeti/file-storage-paths 2>/dev/null || true
  if mountpoint -q "$UTS_FILE" 2>/dev/null; then umount "$UTS_FILE"; fi
  if mountpoint -q "$RUNDIR" 2>/dev/null; then umount "$RUNDIR"; fi
  rm -rf "$RUNDIR"
  if [ -e "/run/netns/$NETNS" ]; then ip netns del "$NETNS"; fi
  rm -rf "/etc/netns/$NETNS"
  echo "cluster $CLUSTER, its state and namespaces removed (packages kept)"
fi
