# Names shared by up.sh, down.sh and ns.sh (sourced, not run).
NETNS=ganeti-real                 # the cluster's network namespace
RUNDIR=/run/ganeti-real           # the scripts' own runtime files
UTS_FILE=$RUNDIR/uts              # bind mount of the cluster's UTS namespace
CLUSTER=cluster.ganeti.test
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
