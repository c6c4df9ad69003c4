#!/usr/bin/env bash
# Runs a command (default: a shell) inside the namespaces of the cluster that up.sh made,
# where node1.ganeti.test is the hostname and Ganeti's CLI works:
#   scripts/real-ganeti/ns.sh gnt-instance list
set -euo pipefail
[ $# -gt 0 ] || set -- bash
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"
cd /
exec ip netns exec "$NETNS" nsenter --uts="$UTS_FILE" -- "$@"
