#!/usr/bin/env bash
# Brings up a real single-node Ganeti 3.0 cluster (Debian 12 packages, fake hypervisor)
# for the contract tests, or repairs one brought up earlier. Safe to run again: each step
# first looks at what is there and only does what is missing. Needs root.
#
# What you get:
#   LUXI     /var/run/ganeti/socket/ganeti-query   (luxid; usable from the host)
#   RAPI     https://127.0.0.1:15080               (the real ganeti-rapi, via a socat bridge)
#            users admin/adminpass (write), reader/readerpass (read)
#   cluster  cluster.ganeti.test, master node1.ganeti.test, hypervisor fake,
#            disk templates diskless and file, instances inst1..inst3, network net1
#
# Ganeti runs in its own network namespace, which has loopback, one veth pair and a
# bridge, and no route anywhere else; its hostname (node1.ganeti.test) comes from a
# private UTS namespace. The only link to the host is the Unix socket above and the
# loopback-only RAPI bridge.
#
# Environment: GANETI_REAL_RAPI_PORT (default 15080; 0 = no bridge).
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/common.sh"
. "$HERE/lib-rapi.sh"
LOCK_FILE=/run/lock/ganeti-real-up.lock
NODE=node1.ganeti.test
NODE_IP=198.51.100.10
CLUSTER_IP=198.51.100.100
NIC=gnt0          # node's interface (inside the namespace); also the master netdev
NIC_PEER=gnt0br   # its veth peer, a port of the bridge
BRIDGE=gntbr0     # what instance NICs are attached to (mode=bridged)
LUXI_SOCKET=/var/run/ganeti/socket/ganeti-query
RAPI_USERS=/var/lib/ganeti/rapi/users
RAPI_PORT=${GANETI_REAL_RAPI_PORT:-15080}
PACKAGES=(ganeti ganeti-3.0 ganeti-haskell-3.0 ganeti-htools-3.0 python3-ganeti-rapi
          ganeti-os-noop socat curl iproute2 util-linux openssh-client)

export LC_ALL=C.UTF-8
cd /

own_policy=0
started=$(date +%s%N)
step="start"
say() { printf '[up %5.1fs] %s\n' "$(( ($(date +%s%N) - started) / 100000000 ))e-1" "$*"; }
die() {
  echo "real-ganeti/up.sh: FAILED during '$step': $*" >&2
  exit 1
}
trap 'rc=$?; echo "real-ganeti/up.sh: FAILED during '"'"'$step'"'"': command \"$BASH_COMMAND\" (line $LINENO) exited with $rc" >&2' ERR

[ "$(id -u)" = 0 ] || die "must run as root (it installs packages, creates namespaces and starts Ganeti's daemons)"
command -v apt-get >/dev/null || die "apt-get not found: this script expects Debian 12 (bookworm)"

# The daemons started below live on after this script: they must not keep a descriptor the
# caller handed down (a caller's lock, or the pipe a test host reads this script's output from,
# which would then never reach its end). Bash keeps its own script on descriptor 255.
for fd in /proc/$$/fd/*; do
  fd=${fd##*/}
  if [ "$fd" -gt 2 ] && [ "$fd" -lt 255 ]; then eval "exec $fd>&-"; fi
done

mkdir -p "$RUNDIR" "$(dirname "$LOCK_FILE")"
exec 9>"$LOCK_FILE"
flock -w 900 9 || die "another up.sh still holds $LOCK_FILE after 15 minutes"

# Runs a command inside the cluster's network and UTS namespaces (as Ganeti's CLI expects).
inside() { ip netns exec "$NETNS" nsenter --uts="$UTS_FILE" -- "$@"; }

on_master() { inside "$@" 9>&-; }

# ------------------------------------------------------------------ packages
step="installing packages"
missing=()
for p in "${PACKAGES[@]}"; do
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  # Package scripts must not start sshd or Ganeti's daemons in the host's namespaces:
  # invoke-rc.d asks policy-rc.d, and exit code 101 means "action forbidden".
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# temporary, from ganeti-rapi-dotnet scripts/real-ganeti/up.sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    own_policy=1
    trap 'if [ $own_policy = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi' EXIT
  fi
  apt_log=$RUNDIR/apt.log
  apt_ok=1
  {
    apt-get -o DPkg::Lock::Timeout=300 update &&
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y \
        --no-install-recommends "${missing[@]}"
  } >"$apt_log" 2>&1 || apt_ok=0
  if [ $own_policy = 1 ]; then rm -f /usr/sbin/policy-rc.d; own_policy=0; fi
  if [ $apt_ok = 0 ]; then
    tail -n 25 "$apt_log" >&2
    die "apt-get could not install ${missing[*]} (full log: $apt_log)"
  fi
  say "packages installed"
fi
[ -x /usr/lib/ganeti/daemon-util ] || die "/usr/lib/ganeti/daemon-util missing: the ganeti package is broken"
# gnt-cluster init records the node's SSH host key even when told not to set up SSH.
[ -e /etc/ssh/ssh_host_rsa_key.pub ] || ssh-keygen -A >/dev/null

# ------------------------------------------------------------------ namespaces
step="creating the network namespace"
# A name left without its namespace (the file survives, its bind mount does not) is remade.
if [ -e "/run/netns/$NETNS" ] && ! ip netns exec "$NETNS" true 2>/dev/null; then
  ip netns delete "$NETNS" 2>/dev/null || rm -f "/run/netns/$NETNS"
fi
[ -e "/run/netns/$NETNS" ] || ip netns add "$NETNS"
ip -n "$NETNS" link set lo up
ip -n "$NETNS" link show "$BRIDGE" >/dev/null 2>&1 || ip -n "$NETNS" link add "$BRIDGE" type bridge
ip -n "$NETNS" link show "$NIC" >/dev/null 2>&1 || ip -n "$NETNS" link add "$NIC" type veth peer name "$NIC_PEER"
ip -n "$NETNS" link set "$NIC_PEER" master "$BRIDGE"
for dev in "$BRIDGE" "$NIC_PEER" "$NIC"; do ip -n "$NETNS" link set "$dev" up; done
addrs=$(ip -n "$NETNS" -4 addr show dev "$NIC")
[[ $addrs == *"inet $NODE_IP/"* ]] || ip -n "$NETNS" addr add "$NODE_IP/24" dev "$NIC"
# Nothing in the namespace may reach the outside world.
[ -z "$(ip -n "$NETNS" route show default)" ] || die "namespace $NETNS has a default route; refusing to go on"
[ -z "$(ip -n "$NETNS" -6 route show default)" ] || die "namespace $NETNS has an IPv6 default route; refusing to go on"

# /etc/hosts and resolv.conf as seen inside (ip netns exec bind-mounts /etc/netns/NAME/*).
mkdir -p "/etc/netns/$NETNS"
hosts="127.0.0.1 localhost
$NODE_IP $NODE node1
$CLUSTER_IP $CLUSTER cluster"
[ "$(cat "/etc/netns/$NETNS/hosts" 2>/dev/null)" = "$hosts" ] || printf '%s\n' "$hosts" > "/etc/netns/$NETNS/hosts"
# No DNS server: any lookup of a name not in hosts fails at once, without leaving the machine.
echo "nameserver 127.0.0.1" > "/etc/netns/$NETNS/resolv.conf"

step="creating the UTS namespace"
# The namespace is kept alive by a bind mount on $UTS_FILE; that mount must not propagate.
if ! mountpoint -q "$RUNDIR"; then
  mount --bind "$RUNDIR" "$RUNDIR"
  mount --make-private "$RUNDIR"
fi
if ! mountpoint -q "$UTS_FILE" 2>/dev/null; then
  touch "$UTS_FILE"
  unshare --uts="$UTS_FILE" true
fi
[ "$(nsenter --uts="$UTS_FILE" hostname)" = "$NODE" ] || nsenter --uts="$UTS_FILE" hostname "$NODE"
[ "$(inside hostname)" = "$NODE" ] || die "hostname inside the namespaces is '$(inside hostname)', not $NODE"
say "namespaces ready ($NETNS: $NODE_IP on $NIC, bridge $BRIDGE, no default route)"

# ------------------------------------------------------------------ cluster
step="initialising the cluster"
mkdir -p /srv/ganeti/file-storage
grep -qx /srv/ganeti/file-storage /etc/ganeti/file-storage-paths 2>/dev/null \
  || echo /srv/ganeti/file-storage >> /etc/ganeti/file-storage-paths
if [ -s /var/lib/ganeti/config.data ]; then
  have=$(cat /var/lib/ganeti/ssconf_cluster_name 2>/dev/null || true)
  [ "$have" = "$CLUSTER" ] || die "/var/lib/ganeti already holds cluster '$have'; not touching it"
  step="starting Ganeti's daemons"
  # check-and-start leaves a running daemon alone (a plain start would fail on it).
  for d in $(/usr/lib/ganeti/daemon-util list-start-daemons); do
    pidfile=/var/run/ganeti/$d.pid
    before=$(cat "$pidfile" 2>/dev/null || true)
    # A pid file left by a daemon that was killed (the machine stopped, say) belongs to the
    # daemon's own user, and start-stop-daemon refuses to start over a non-root pid file.
    if [ -n "$before" ] && ! inside /usr/lib/ganeti/daemon-util check "$d"; then
      rm -f "$pidfile"
      before=
    fi
    inside /usr/lib/ganeti/daemon-util check-and-start "$d" 9>&- \
      || die "daemon $d did not start (see /var/log/ganeti/)"
    after=$(cat "$pidfile" 2>/dev/null || true)
    if [ -n "$after" ] && [ "$after" != "$before" ]; then say "started $d"; fi
  done
else
  say "gnt-cluster init $CLUSTER"
  inside gnt-cluster init \
    --no-ssh-init --no-etc-hosts \
    --enabled-hypervisors=fake \
    --enabled-disk-templates=diskless,file \
    --file-storage-dir=/srv/ganeti/file-storage \
    --master-netdev="$NIC" --master-netmask=24 \
    --nic-parameters="mode=bridged,link=$BRIDGE" \
    "$CLUSTER" >"$RUNDIR/init.log" 2>&1 9>&- \
    || { cat "$RUNDIR/init.log" >&2; die "gnt-cluster init failed"; }
fi

# Where the node daemon keeps instance exports (Ganeti's EXPORT_DIR): the packages do not
# make it, and without it every export to the node and every listing of its exports fails
# ("No exports directory").
[ -d /var/lib/ganeti/export ] || install -d -m 755 /var/lib/ganeti/export

step="waiting for luxid"
for _ in $(seq 1 120); do [ "$(luxi_master)" = "$NODE" ] && break; sleep 0.25; done
[ "$(luxi_master)" = "$NODE" ] \
  || die "luxid does not answer on $LUXI_SOCKET with master $NODE (see /var/log/ganeti/luxi-daemon.log)"
# luxid brings the master IP up by itself a moment after it starts.
master_ip_up() { local a; a=$(ip -n "$NETNS" -4 addr show dev "$NIC") && [[ $a == *"inet $CLUSTER_IP/"* ]]; }
for _ in $(seq 1 40); do master_ip_up && break; sleep 0.25; done
master_ip_up || inside gnt-cluster activate-master-ip 9>&- || die "cannot activate the master IP $CLUSTER_IP"
say "luxid answers on $LUXI_SOCKET; master is $NODE"

step="pausing the watcher"
pause_watcher

# ------------------------------------------------------------------ RAPI
step="configuring RAPI users"
write_rapi_users "$RAPI_USERS"
step="checking ganeti-rapi"
wait_rapi
if [ "$RAPI_PORT" != 0 ]; then
  step="bridging RAPI to 127.0.0.1:$RAPI_PORT"
  bridge_rapi "$RUNDIR" "$RAPI_PORT" "$NETNS"
fi

# ------------------------------------------------------------------ sample objects
# Made through the real RAPI, so that the jobs run side by side; what exists is read
# from the ssconf files the master keeps up to date.
step="creating sample objects"
has() { grep -qx -- "$1" "/var/lib/ganeti/ssconf_$2" 2>/dev/null; }

for n in 1 2 3; do
  name=inst$n.ganeti.test
  has "$name" instance_list && continue
  say "creating instance $name"
  start=true; [ $n = 3 ] && start=false
  submit POST /2/instances '{"__version__": 1, "mode": "create", "name": "'$name'",
    "pnode": "'$NODE'", "disk_template": "diskless", "disks": [], "nics": [{}], "os_type": "noop",
    "name_check": false, "ip_check": false, "start": '$start',
    "beparams": {"minmem": 128, "maxmem": 128, "vcpus": 1}}'
done
if ! has env:test cluster_tags || ! has role:contract cluster_tags; then
  submit PUT "/2/tags?tag=env:test&tag=role:contract"
fi
[[ $(rapi GET "/2/nodes/$NODE/tags") == *'"rack:r1"'* ]] || submit PUT "/2/nodes/$NODE/tags?tag=rack:r1"
new_net=0
if ! grep -q " net1$" /var/lib/ganeti/ssconf_networks 2>/dev/null; then
  say "creating network net1"
  submit POST /2/networks '{"network_name": "net1", "network": "203.0.113.0/24", "gateway": "203.0.113.1"}'
  new_net=1
fi
wait_jobs
[[ $(rapi GET /2/instances/inst1.ganeti.test/tags) == *'"app:web"'* ]] \
  || submit PUT "/2/instances/inst1.ganeti.test/tags?tag=app:web"
[ $new_net = 0 ] || submit PUT /2/networks/net1/connect \
  '{"group_name": "default", "network_mode": "bridged", "network_link": "'$BRIDGE'"}'
wait_jobs

step="done"
say "Ganeti cluster $CLUSTER is up"
echo "  LUXI  $LUXI_SOCKET"
[ "$RAPI_PORT" = 0 ] || echo "  RAPI  https://127.0.0.1:$RAPI_PORT  (admin/adminpass write, reader/readerpass read)"
echo "  CLI   $HERE/ns.sh gnt-instance list"
