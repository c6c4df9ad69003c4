#!/usr/bin/env bash
# Brings up a real three-node Ganeti 3.0 cluster (Debian 12 packages, fake hypervisor) on
# this one machine, or repairs one brought up earlier. Safe to run again: each step first
# looks at what is there and only does what is missing. Needs root. Independent of up.sh's
# one-node cluster, which it never touches; both may run at the same time.
#
# What you get:
#   LUXI     /run/ganeti-real3/n1/run/socket/ganeti-query   (luxid on the master n1)
#   RAPI     https://127.0.0.1:15081   (the real ganeti-rapi on n1, via a socat bridge)
#            users admin/adminpass (write), reader/readerpass (read)
#   cluster  cluster3.ganeti.test (198.51.100.130); nodes n1 (master), n2, n3 .ganeti3.test
#            (198.51.100.31-33); groups default (n1, n2) and group2 (n3); hypervisor fake;
#            disk templates diskless, file and sharedfile; instances inst1..inst4
#
# Each node has its own network, UTS and mount namespace. Its Ganeti state, SSH keys and
# hosts file are host directories under /srv/ganeti-real3/<node>/ and
# /run/ganeti-real3/<node>/ bind-mounted at Ganeti's standard paths. The namespaces are kept
# by bind mounts of their namespace files (/run/netns/ganeti3-*, /run/ganeti-real3/ns/*),
# not by holder processes: nothing to supervise, and a namespace outlives whatever runs in
# it. The nodes are joined by veth pairs to one bridge in a fourth network namespace; no
# namespace has a route out of the machine.
#
# Environment: GANETI_REAL3_RAPI_PORT (default 15081; 0 = no bridge).
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/common3.sh"
. "$HERE/lib-rapi.sh"
LOCK_FILE=/run/lock/ganeti-real3-up.lock
UP1_LOCK_FILE=/run/lock/ganeti-real-up.lock   # up.sh's, to wait for its package installation
SWITCH=sw3        # the bridge joining the nodes (in $SWITCH_NS)
NODE_BRIDGE=br3   # on every node: holds the node's address, master netdev, instance NIC link
LUXI_SOCKET=$RUN3/n1/run/socket/ganeti-query
RAPI_PORT=${GANETI_REAL3_RAPI_PORT:-15081}
PACKAGES=(ganeti ganeti-3.0 ganeti-haskell-3.0 ganeti-htools-3.0 python3-ganeti-rapi
          ganeti-os-noop socat curl iproute2 util-linux openssh-client openssh-server)

export LC_ALL=C.UTF-8
cd /

own_policy=0
started=$(date +%s%N)
step="start"
say() { printf '[up3 %5.1fs] %s\n' "$(( ($(date +%s%N) - started) / 100000000 ))e-1" "$*"; }
die() {
  echo "real-ganeti/up3.sh: FAILED during '$step': $*" >&2
  exit 1
}
trap 'rc=$?; echo "real-ganeti/up3.sh: FAILED during '"'"'$step'"'"': command \"$BASH_COMMAND\" (line $LINENO) exited with $rc" >&2' ERR

[ "$(id -u)" = 0 ] || die "must run as root (it creates namespaces and starts Ganeti's daemons)"
command -v apt-get >/dev/null || die "apt-get not found: this script expects Debian 12 (bookworm)"

# The daemons started below live on after this script: they must not keep a descriptor the
# caller handed down (a caller's lock, or the pipe a test host reads this script's output from,
# which would then never reach its end). Bash keeps its own script on descriptor 255.
for fd in /proc/$$/fd/*; do
  fd=${fd##*/}
  if [ "$fd" -gt 2 ] && [ "$fd" -lt 255 ]; then eval "exec $fd>&-"; fi
done

mkdir -p "$(dirname "$LOCK_FILE")"
exec 9>"$LOCK_FILE"
flock -w 900 9 || die "another up3.sh still holds $LOCK_FILE after 15 minutes"

master() { in_node n1 "$@" 9>&-; }
on_master() { master "$@"; }

# ------------------------------------------------------------------ packages
step="installing packages"
missing_packages() {
  local p
  for p in "${PACKAGES[@]}"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" = "install ok installed" ] || echo "$p"
  done
}
missing=($(missing_packages))
# up.sh may be installing the same packages right now: wait for it rather than race apt.
while [ ${#missing[@]} -gt 0 ] && [ -e "$UP1_LOCK_FILE" ] && ! flock -n "$UP1_LOCK_FILE" true; do
  sleep 0.5
  missing=($(missing_packages))
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  # Package scripts must not start sshd or Ganeti's daemons in the host's namespaces.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# temporary, from ganeti-rapi-dotnet scripts/real-ganeti/up3.sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    own_policy=1
    trap 'if [ $own_policy = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi' EXIT
  fi
  mkdir -p "$RUN3"
  apt_log=$RUN3/apt.log
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
[ -x /usr/sbin/sshd ] || die "/usr/sbin/sshd missing (package openssh-server)"

# ------------------------------------------------------------------ node directories
step="preparing the nodes' directories"
# Every node shares one set of SSH host keys (as Ganeti itself arranges when it sets up
# SSH): Ganeti checks a node's host key against the cluster's entry in its known_hosts.
mkdir -p "$SRV3/hostkeys" "$SRV3/shared" "$RUN3/ns"
chmod 700 "$SRV3/hostkeys"
for t in rsa ed25519; do
  [ -s "$SRV3/hostkeys/ssh_host_${t}_key" ] \
    || ssh-keygen -q -t "$t" -N '' -C "root@$CLUSTER3" -f "$SRV3/hostkeys/ssh_host_${t}_key"
done
# The master's root key, authorised on every node.
mkdir -p "$SRV3/n1/root/.ssh"
[ -s "$SRV3/n1/root/.ssh/id_rsa" ] \
  || ssh-keygen -q -t rsa -b 3072 -N '' -C "root@${NODE3_NAME[n1]}" -f "$SRV3/n1/root/.ssh/id_rsa"
hosts="127.0.0.1 localhost
$CLUSTER3_IP $CLUSTER3 cluster3"
for n in "${NODES3[@]}"; do hosts+=$'\n'"${NODE3_IP[$n]} ${NODE3_NAME[$n]} $n"; done
for n in "${NODES3[@]}"; do
  d=$SRV3/$n
  # lib/export is Ganeti's export directory, which the packages do not make.
  mkdir -p "$d"/{lib,lib/export,log,etc,ssh,root/.ssh,srv/file-storage,srv/shared-file-storage} "$RUN3/$n/run"
  chmod 700 "$d/root" "$d/root/.ssh"
  # /etc/ganeti: the package's files, and this node's storage paths.
  for f in /etc/ganeti/*; do
    [ "$(basename "$f")" = file-storage-paths ] || [ -e "$d/etc/$(basename "$f")" ] || cp -a "$f" "$d/etc/"
  done
  paths="/srv/ganeti/file-storage
/srv/ganeti/shared-file-storage"
  [ "$(cat "$d/etc/file-storage-paths" 2>/dev/null)" = "$paths" ] || printf '%s\n' "$paths" > "$d/etc/file-storage-paths"
  # /etc/ssh: the host's configuration, the shared host keys.
  [ -e "$d/ssh/sshd_config" ] || (cd /etc/ssh && cp -a moduli ssh_config ssh_config.d sshd_config sshd_config.d "$d/ssh/")
  for t in rsa ed25519; do
    cmp -s "$SRV3/hostkeys/ssh_host_${t}_key" "$d/ssh/ssh_host_${t}_key" \
      || cp -p "$SRV3/hostkeys/ssh_host_${t}_key" "$SRV3/hostkeys/ssh_host_${t}_key.pub" "$d/ssh/"
  done
  cmp -s "$SRV3/n1/root/.ssh/id_rsa.pub" "$d/root/.ssh/authorized_keys" \
    || install -m 600 "$SRV3/n1/root/.ssh/id_rsa.pub" "$d/root/.ssh/authorized_keys"
  [ "$(cat "$d/hosts" 2>/dev/null)" = "$hosts" ] || printf '%s\n' "$hosts" > "$d/hosts"
  # No DNS server: a name missing from hosts fails at once, without leaving the machine.
  echo "nameserver 127.0.0.1" > "$d/resolv.conf"
done

# ------------------------------------------------------------------ networks
step="creating the network namespaces"
ensure_netns() {
  # A name left without its namespace (the file survives, its bind mount does not) is remade.
  if [ -e "/run/netns/$1" ] && ! ip netns exec "$1" true 2>/dev/null; then
    ip netns delete "$1" 2>/dev/null || rm -f "/run/netns/$1"
  fi
  [ -e "/run/netns/$1" ] || ip netns add "$1"
  ip -n "$1" link set lo up
}
ensure_netns "$SWITCH_NS"
ip -n "$SWITCH_NS" link show "$SWITCH" >/dev/null 2>&1 || ip -n "$SWITCH_NS" link add "$SWITCH" type bridge
ip -n "$SWITCH_NS" link set "$SWITCH" up
for n in "${NODES3[@]}"; do
  ns=$NS_PREFIX$n
  ensure_netns "$ns"
  # eth0 (in the node) <-> port-$n (on the switch); the node's address is on its bridge br3.
  if ! ip -n "$ns" link show eth0 >/dev/null 2>&1; then
    ip -n "$SWITCH_NS" link del "port-$n" 2>/dev/null || true
    ip -n "$SWITCH_NS" link add "port-$n" type veth peer name eth0 netns "$ns"
  fi
  ip -n "$SWITCH_NS" link set "port-$n" master "$SWITCH" up
  ip -n "$ns" link show "$NODE_BRIDGE" >/dev/null 2>&1 || ip -n "$ns" link add "$NODE_BRIDGE" type bridge
  ip -n "$ns" link set eth0 master "$NODE_BRIDGE" up
  ip -n "$ns" link set "$NODE_BRIDGE" up
  [[ $(ip -n "$ns" -4 addr show dev "$NODE_BRIDGE") == *"inet ${NODE3_IP[$n]}/"* ]] \
    || ip -n "$ns" addr add "${NODE3_IP[$n]}/24" dev "$NODE_BRIDGE"
done
for ns in "$SWITCH_NS" "${NODES3[@]/#/$NS_PREFIX}"; do
  [ -z "$(ip -n "$ns" route show default)" ] || die "namespace $ns has a default route; refusing to go on"
  [ -z "$(ip -n "$ns" -6 route show default)" ] || die "namespace $ns has an IPv6 default route; refusing to go on"
done

# ------------------------------------------------------------------ mount and UTS namespaces
step="creating the nodes' mount and UTS namespaces"
# Namespace files can only be bind-mounted on a private mount (else the mount would
# propagate into the namespace itself).
if ! mountpoint -q "$RUN3"; then
  mount --bind "$RUN3" "$RUN3"
  mount --make-private "$RUN3"
fi
# Run inside a new mount namespace (already in the node's network namespace): private
# copies of Ganeti's paths, sysfs of the node's network namespace, and no copies of the
# host's namespace-file mounts (they would keep other namespaces alive after their removal).
# shellcheck disable=SC2016
NODE_MOUNTS='set -e
n=$1 d=$2 r=$3 shared=$4 name=$5
findmnt -rn -t nsfs -o TARGET | sort -r | while read -r t; do umount -l "$t" 2>/dev/null || true; done
umount -l /sys && mount -t sysfs sysfs /sys
mount --bind "$d/lib" /var/lib/ganeti
mount --bind "$d/log" /var/log/ganeti
mount --bind "$r/run" /run/ganeti
mount --bind "$d/etc" /etc/ganeti
mount --bind "$d/ssh" /etc/ssh
mount --bind "$d/root" /root
mount --bind "$d/srv" /srv/ganeti
mount --bind "$shared" /srv/ganeti/shared-file-storage
mount --bind "$d/hosts" /etc/hosts
mount --bind "$d/resolv.conf" /etc/resolv.conf
hostname "$name"'
# Mount points the host may lack (made here; down3.sh removes them again if still empty).
for dir in /var/lib/ganeti /var/log/ganeti /run/ganeti /srv/ganeti /run/sshd; do
  [ -d "$dir" ] || { mkdir -p "$dir"; echo "$dir" >> "$SRV3/made-dirs"; }
done
for n in "${NODES3[@]}"; do
  if mountpoint -q "$RUN3/ns/$n.mnt" && mountpoint -q "$RUN3/ns/$n.uts" \
     && [ "$(in_node "$n" hostname 2>/dev/null)" = "${NODE3_NAME[$n]}" ] \
     && [ "$(in_node "$n" stat -c %d:%i /var/lib/ganeti 2>/dev/null)" = "$(stat -c %d:%i "$SRV3/$n/lib")" ]; then
    continue
  fi
  for f in "$RUN3/ns/$n.mnt" "$RUN3/ns/$n.uts"; do
    if mountpoint -q "$f"; then umount "$f"; fi
    touch "$f"
  done
  unshare --mount="$RUN3/ns/$n.mnt" --uts="$RUN3/ns/$n.uts" --propagation private -- \
    nsenter --net="/run/netns/$NS_PREFIX$n" -- \
    bash -c "$NODE_MOUNTS" _ "$n" "$SRV3/$n" "$RUN3/$n" "$SRV3/shared" "${NODE3_NAME[$n]}" 9>&- \
    || die "cannot set up the mount namespace of $n"
  say "namespaces of $n ready (${NODE3_NAME[$n]}, ${NODE3_IP[$n]})"
done

# ------------------------------------------------------------------ sshd
step="starting sshd"
# Is PID (from a pid file) a live process of ours: named NAME, in node N's network namespace?
ours() { # N PID NAME
  [ -n "$2" ] && [ -e "/proc/$2" ] \
    && [[ $(tr '\0' ' ' 2>/dev/null < "/proc/$2/cmdline") == *"$3"* ]] \
    && [ "$(stat -L -c %i "/proc/$2/ns/net" 2>/dev/null)" = "$(stat -L -c %i "/run/netns/$NS_PREFIX$1")" ]
}
for n in "${NODES3[@]}"; do
  pidfile=$RUN3/$n/sshd.pid
  ours "$n" "$(cat "$pidfile" 2>/dev/null || true)" sshd && continue
  in_node "$n" /usr/sbin/sshd -o "ListenAddress=${NODE3_IP[$n]}" -o "PidFile=$pidfile" \
    -o PermitRootLogin=prohibit-password -o PasswordAuthentication=no \
    -o KbdInteractiveAuthentication=no -E "$RUN3/$n/sshd.log" 9>&- \
    || die "sshd did not start on $n (see $RUN3/$n/sshd.log)"
  say "started sshd on $n"
done

# ------------------------------------------------------------------ cluster
# check-and-start leaves a running daemon alone (a plain start would fail on it).
start_daemons() { # N DAEMON... ; a daemon that exits with 11 ("not master") is fine
  local n=$1 d pidfile before after rc; shift
  for d in "$@"; do
    # ganeti-kvmd exits at once when KVM is not an enabled hypervisor.
    [ "$d" != ganeti-kvmd ] || continue
    pidfile=$RUN3/$n/run/$d.pid
    before=$(cat "$pidfile" 2>/dev/null || true)
    ours "$n" "$before" "$d" && continue
    # A pid file left by a killed daemon belongs to the daemon's user, and
    # start-stop-daemon refuses to start over a non-root pid file.
    rm -f "$pidfile"
    before=
    rc=0
    in_node "$n" /usr/lib/ganeti/daemon-util check-and-start "$d" 9>&- || rc=$?
    [ $rc = 0 ] || [ $rc = 11 ] || die "daemon $d did not start on $n (see $SRV3/$n/log/)"
    after=$(cat "$pidfile" 2>/dev/null || true)
    if [ -n "$after" ] && [ "$after" != "$before" ]; then say "started $d on $n"; fi
  done
}

step="initialising the cluster"
if [ -s "$SRV3/n1/lib/config.data" ]; then
  have=$(cat "$SRV3/n1/lib/ssconf_cluster_name" 2>/dev/null || true)
  [ "$have" = "$CLUSTER3" ] || die "$SRV3/n1/lib holds cluster '$have'; not touching it"
  # The other nodes' noded first: the master's daemons start only when a majority of the
  # nodes confirm that n1 is the master.
  for n in n2 n3; do
    grep -qx -- "${NODE3_NAME[$n]}" "$SRV3/n1/lib/ssconf_node_list" 2>/dev/null || continue
    step="starting Ganeti's daemons on $n"
    start_daemons "$n" ganeti-noded ganeti-mond   # what runs there after gnt-node add
  done
  step="starting Ganeti's daemons on n1"
  start_daemons n1 $(master /usr/lib/ganeti/daemon-util list-start-daemons)
else
  say "gnt-cluster init $CLUSTER3"
  master gnt-cluster init \
    --no-ssh-init --no-etc-hosts \
    --enabled-hypervisors=fake \
    --enabled-disk-templates=diskless,file,sharedfile \
    --file-storage-dir=/srv/ganeti/file-storage \
    --shared-file-storage-dir=/srv/ganeti/shared-file-storage \
    --master-netdev="$NODE_BRIDGE" --master-netmask=24 \
    --nic-parameters="mode=bridged,link=$NODE_BRIDGE" \
    "$CLUSTER3" >"$RUN3/init.log" 2>&1 \
    || { cat "$RUN3/init.log" >&2; die "gnt-cluster init failed"; }
fi

step="waiting for luxid"
for _ in $(seq 1 120); do [ "$(luxi_master)" = "${NODE3_NAME[n1]}" ] && break; sleep 0.25; done
[ "$(luxi_master)" = "${NODE3_NAME[n1]}" ] \
  || die "luxid does not answer on $LUXI_SOCKET with master ${NODE3_NAME[n1]} (see $SRV3/n1/log/luxi-daemon.log)"
master_ip_up() { [[ $(ip -n "${NS_PREFIX}n1" -4 addr show dev "$NODE_BRIDGE") == *"inet $CLUSTER3_IP/"* ]]; }
for _ in $(seq 1 40); do master_ip_up && break; sleep 0.25; done
master_ip_up || master gnt-cluster activate-master-ip || die "cannot activate the master IP $CLUSTER3_IP"
say "luxid answers on $LUXI_SOCKET; master is ${NODE3_NAME[n1]}"

step="pausing the watcher"
pause_watcher

step="adding nodes"
in_cluster() { grep -qx -- "$1" "$SRV3/n1/lib/ssconf_node_list" 2>/dev/null; }
for n in n2 n3; do
  if in_cluster "${NODE3_NAME[$n]}"; then
    step="starting Ganeti's daemons on $n"
    start_daemons "$n" ganeti-noded ganeti-mond   # what runs there after gnt-node add
    continue
  fi
  step="adding node $n"
  say "gnt-node add ${NODE3_NAME[$n]}"
  master gnt-node add --no-ssh-key-check "${NODE3_NAME[$n]}" >"$RUN3/add-$n.log" 2>&1 \
    || { cat "$RUN3/add-$n.log" >&2; die "gnt-node add ${NODE3_NAME[$n]} failed"; }
done

step="creating node group group2"
grep -q ' group2$' "$SRV3/n1/lib/ssconf_nodegroups" 2>/dev/null || master gnt-group add group2 >/dev/null \
  || die "gnt-group add group2 failed"
[[ $(luxi Query '["node",["group"],["=","name","'"${NODE3_NAME[n3]}"'"]]') == *'[[[0,"group2"]]]'* ]] \
  || master gnt-group assign-nodes group2 "${NODE3_NAME[n3]}" >/dev/null \
  || die "gnt-group assign-nodes group2 ${NODE3_NAME[n3]} failed"

# ------------------------------------------------------------------ RAPI
step="configuring RAPI users"
write_rapi_users "$SRV3/n1/lib/rapi/users"
step="checking ganeti-rapi"
wait_rapi
if [ "$RAPI_PORT" != 0 ]; then
  step="bridging RAPI to 127.0.0.1:$RAPI_PORT"
  bridge_rapi "$RUN3" "$RAPI_PORT" "${NS_PREFIX}n1"
fi

# ------------------------------------------------------------------ sample objects
step="creating sample objects"
has() { grep -qx -- "$1" "$SRV3/n1/lib/ssconf_$2" 2>/dev/null; }

# The default instance policy wants disks of at least 1 GiB; the samples have 128 MiB.
min_disk=$(rapi GET /2/info | /usr/bin/python3 -c \
  'import json,sys; print(json.load(sys.stdin)["ipolicy"]["minmax"][0]["min"]["disk-size"])')
if [ "$min_disk" != 128 ]; then
  master gnt-cluster modify --ipolicy-bounds-specs \
    min:cpu-count=1,disk-count=1,disk-size=128,memory-size=128,nic-count=1,spindle-use=1/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=8,spindle-use=12 \
    >/dev/null || die "cannot lower the instance policy's minimum disk size to 128 MiB"
fi
# name, primary node, disk template, disks, start
for spec in "inst1 n1 sharedfile [{\"size\":128}] true" "inst2 n2 diskless [] true" \
            "inst3 n1 file [{\"size\":128}] false" "inst4 n3 diskless [] true"; do
  read -r i n template disks start <<<"$spec"
  name=$i.ganeti3.test
  has "$name" instance_list && continue
  say "creating instance $name ($template on $n)"
  submit POST /2/instances '{"__version__": 1, "mode": "create", "name": "'$name'",
    "pnode": "'${NODE3_NAME[$n]}'", "disk_template": "'$template'", "disks": '$disks',
    "nics": [{}], "os_type": "noop", "name_check": false, "ip_check": false, "start": '$start',
    "beparams": {"minmem": 128, "maxmem": 128, "vcpus": 1}}'
done
has env:test3 cluster_tags || submit PUT "/2/tags?tag=env:test3"
wait_jobs

# After the nodes' run directories were lost (a reboot), the fake hypervisor has forgotten
# its running instances; restart those that should run, as the (paused) watcher would.
step="starting instances that should run"
instances=$(luxi QueryInstances '[[],["name","status"],false]')
[ -n "$instances" ] || die "luxid does not answer QueryInstances"
for name in $(/usr/bin/python3 -c 'import json,sys; print(" ".join(n for n, s in json.loads(sys.argv[1]) if s == "ERROR_down"))' "$instances"); do
  say "starting $name"
  submit PUT "/2/instances/$name/startup"
done
wait_jobs

step="done"
say "Ganeti cluster $CLUSTER3 is up"
echo "  LUXI  $LUXI_SOCKET"
[ "$RAPI_PORT" = 0 ] || echo "  RAPI  https://127.0.0.1:$RAPI_PORT  (admin/adminpass write, reader/readerpass read)"
echo "  CLI   $HERE/ns3.sh n1 gnt-node list"
