#!/usr/bin/env bash
# Runs a command (default: a shell) inside the namespaces of one node of the three-node
# cluster that up3.sh made, where Ganeti's CLI works (on n1, the master):
#   scripts/real-ganeti/ns3.sh n1 gnt-node list
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 n1|n2|n3 [COMMAND...]" >&2; exit 2; }
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common3.sh"
node=$1; shift
[ -n "${NODE3_NAME[$node]:-}" ] || { echo "$0: unknown node '$node' (n1, n2 or n3)" >&2; exit 2; }
[ $# -gt 0 ] || set -- bash
cd /
in_node "$node" "$@"
