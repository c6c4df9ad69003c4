# Names shared by up3.sh, down3.sh and ns3.sh (sourced, not run): the three-node cluster.
RUN3=/run/ganeti-real3            # runtime files; a private bind mount holding the namespace files
SRV3=/srv/ganeti-real3            # each node's private state, and the shared file storage
NS_PREFIX=ganeti3-                # network namespaces ganeti3-n1..n3 and ganeti3-sw (the switch)
SWITCH_NS=${NS_PREFIX}sw
CLUSTER3=cluster3.ganeti.test
CLUSTER3_IP=198.51.100.130
NODES3=(n1 n2 n3)
declare -A NODE3_NAME=([n1]=n1.ganeti3.test [n2]=n2.ganeti3.test [n3]=n3.ganeti3.test)
declare -A NODE3_IP=([n1]=198.51.100.31 [n2]=198.51.100.32 [n3]=198.51.100.33)
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# Runs a command inside node N's network, UTS and mount namespaces.
in_node() {
  local n=$1; shift
  nsenter --net="/run/netns/$NS_PREFIX$n" --uts="$RUN3/ns/$n.uts" --mount="$RUN3/ns/$n.mnt" -- "$@"
}
