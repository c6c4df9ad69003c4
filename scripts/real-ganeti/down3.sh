#!/usr/bin/env bash
# Removes the three-node cluster that up3.sh brought up, and everything up3.sh made: its
# processes, namespaces, /srv/ganeti-real3 and /run/ganeti-real3. Packages stay installed.
# Nothing else is touched: processes are found through pid files of the three nodes and
# through the nodes' own network namespaces, never by name. Needs root.
set -uo pipefail

. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common3.sh"
[ "$(id -u)" = 0 ] || { echo "real-ganeti/down3.sh: must run as root" >&2; exit 1; }
cd /
exec 9>/run/lock/ganeti-real3-up.lock
flock -w 300 9 || { echo "real-ganeti/down3.sh: up3.sh still running after 5 minutes" >&2; exit 1; }

# The RAPI bridge.
for bridge in bridge-out bridge-in; do
  pid=$(cat "$RUN3/$bridge.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && [[ $(tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline") == *"$RUN3/rapi.sock"* ]]; then
    kill "$pid"
  fi
done

# Ganeti's daemons, stopped by Ganeti's own tool inside each node (the nodes side by side).
for n in "${NODES3[@]}"; do
  if mountpoint -q "$RUN3/ns/$n.mnt" 2>/dev/null && [ -e "/run/netns/$NS_PREFIX$n" ]; then
    { in_node "$n" /usr/lib/ganeti/daemon-util stop-all >/dev/null 2>&1 \
        || echo "some Ganeti daemon on $n did not stop cleanly" >&2; } 9>&- &
  fi
done
wait

# Whatever still runs in a node's network namespace (sshd, the bridge's inner half, …).
pids_in_nodes() {
  local n
  for n in "${NODES3[@]}" sw; do
    [ -e "/run/netns/$NS_PREFIX$n" ] && ip netns pids "$NS_PREFIX$n" 2>/dev/null
  done
}
left=$(pids_in_nodes | tr '\n' ' ')
if [ -n "${left// /}" ]; then
  kill $left 2>/dev/null
  for _ in $(seq 1 50); do [ -z "$(pids_in_nodes)" ] && break; sleep 0.1; done
  left=$(pids_in_nodes | tr '\n' ' ')
  [ -z "${left// /}" ] || kill -KILL $left 2>/dev/null
fi
echo "processes of the three nodes stopped"

# Namespaces, then files.
for f in "$RUN3"/ns/*; do
  if mountpoint -q "$f" 2>/dev/null; then umount "$f"; fi
done
for n in "${NODES3[@]}" sw; do
  if [ -e "/run/netns/$NS_PREFIX$n" ]; then ip netns del "$NS_PREFIX$n"; fi
done
if mountpoint -q "$RUN3" 2>/dev/null; then umount "$RUN3"; fi
if [ -f "$SRV3/made-dirs" ]; then
  sort -ru "$SRV3/made-dirs" | while read -r dir; do rmdir "$dir" 2>/dev/null || true; done
fi
rm -rf "$RUN3" "$SRV3" /run/lock/ganeti-real3-up.lock
echo "cluster $CLUSTER3, its namespaces and files removed (packages kept)"
