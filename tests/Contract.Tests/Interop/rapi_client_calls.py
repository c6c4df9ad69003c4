#!/usr/bin/python3
"""Calls every read method (and a set of writes that undo themselves) of Ganeti's own
RAPI client, ganeti.rapi.client.GanetiRapiClient, unchanged, and prints one JSON document
describing what each call gave.

Usage: rapi_client_calls.py HOST PORT USER PASSWORD CONFIG

CONFIG is a JSON object naming the cluster's objects:
  instance       a running instance (read, info, console, tags, soft reboot as dry run)
  node           a node (read, role, storage units, tags; migrated, power-cycled without
                 force, its lvm-pv /dev/sdb set allocatable, its volume group xenvg
                 repaired, assigned to group as a dry run)
  storage_type   the storage type to list on that node
  evacuate_node  the node to evacuate as a dry run, and evacuate_mode
  group, network a node group (its alloc_policy set to preferred) and a network
  new_subnet     the first three octets (with the dot) of a /28 to create a network in; the
                 network, named after the tag, is connected to the group, modified,
                 disconnected and removed again
  tag            a tag no object has; added and removed again

Output: {"calls": [{"call", "ok", "error", "result"}, ...]} where error is the
GanetiApiError's code and message and result a summary of what the method returned.
Methods that return a job id are followed to the end of the job (WaitForJobChange) and
summarised by the job's outcome (GetJobStatus), not by the id. Job ids and filter uuids
the script made are written as <job> and <filter> inside messages.
"""

import json
import re
import sys
import time

from ganeti.rapi import client

FINALIZED = client.JOB_STATUS_FINALIZED
STARTED = time.time()


def kind(value):
  """The JSON type of a value."""
  if value is None:
    return "null"
  if isinstance(value, bool):
    return "bool"
  if isinstance(value, int):
    return "int"
  if isinstance(value, float):
    return "float"
  if isinstance(value, str):
    return "str"
  if isinstance(value, (list, tuple)):
    return "list"
  if isinstance(value, dict):
    return "dict"
  return type(value).__name__


def shape(value):
  """Keys and value types, recursively; a list by its length and its items' shapes."""
  if isinstance(value, dict):
    return {k: shape(v) for k, v in value.items()}
  if isinstance(value, (list, tuple)):
    shapes = []
    for item in value:
      item_shape = shape(item)
      if item_shape not in shapes:
        shapes.append(item_shape)
    return {"list": len(value), "items": shapes}
  return kind(value)


def keys_of(items):
  """The keys any of a list of dicts has, sorted."""
  keys = set()
  for item in items:
    keys.update(item.keys())
  return sorted(keys)


class Run(object):
  def __init__(self, rapi, names):
    self.rapi = rapi
    self.names = names
    self.calls = []
    self.jobs = []
    self.filters = []

  def scrub(self, text):
    """Replaces the ids of the script's own jobs and filters in a message."""
    for uuid in self.filters:
      text = text.replace(uuid, "<filter>")
    for job in self.jobs:
      text = re.sub(r"\b([Jj]ob(?: ID)?[ =])%d\b" % job, r"\1<job>", text)
    return text

  def call(self, name, method, summarise=lambda r: r):
    """Calls a client method and records its summary; returns its result, or None on an error."""
    entry = {"call": name, "ok": True, "error": None, "result": None}
    self.calls.append(entry)
    # Progress on standard error: when the run is stopped from outside, its last line
    # names the call that did not return.
    sys.stderr.write("%.1f %s\n" % (time.time() - STARTED, name))
    sys.stderr.flush()
    try:
      result = method()
    except client.GanetiApiError as err:
      entry["ok"] = False
      entry["error"] = {"code": err.code, "message": self.scrub(str(err))}
      return None
    entry["result"] = summarise(result)
    return result

  def job(self, name, method):
    """Calls a method that returns a job id; follows the job and records its outcome."""
    outcome = {}

    def follow(job_id):
      self.jobs.append(job_id)
      outcome["id_type"] = kind(job_id)
      outcome.update(self.outcome(job_id))
      return outcome

    self.call(name, method, follow)
    return outcome

  def wait(self, job_id):
    """Follows a job with WaitForJobChange until it is finalized, as Ganeti's cli does."""
    previous, serial = None, None
    deadline = time.time() + 120
    while time.time() < deadline:
      change = self.rapi.WaitForJobChange(job_id, ["status"], previous, serial)
      if not change:
        continue
      entries = change["log_entries"]
      if entries:
        serial = max(entry[0] for entry in entries)
      previous = change["job_info"]
      if previous[0] in FINALIZED:
        return previous[0]
    raise RuntimeError("job %s not finalized within 120 s (last seen: %r)" % (job_id, previous))

  def outcome(self, job_id):
    """A finished job as GetJobStatus gives it, without its id and times."""
    self.wait(job_id)
    status = self.rapi.GetJobStatus(job_id)
    return {
      "status": status["status"],
      "summary": status["summary"],
      "opstatus": status["opstatus"],
      "oplog": [[self.scrub(str(entry[3])) for entry in log] for log in status["oplog"]],
      "opresult": status["opresult"],
      "opresult_shape": shape(status["opresult"]),
    }


def main(host, port, user, password, config):
  names = json.loads(config)
  # The client sets no time limit of its own; one here turns a request that never returns
  # into an error naming its call (certificates are not checked, as without a config).
  curl_config = client.GenericCurlConfig(connect_timeout=10, timeout=90)
  rapi = client.GanetiRapiClient(host, int(port), username=user, password=password,
                                 curl_config_fn=curl_config)
  run = Run(rapi, names)
  inst, node, group, network, tag = (names["instance"], names["node"], names["group"],
                                     names["network"], names["tag"])
  added = {}
  try:
    calls(run, rapi, names, inst, node, group, network, tag, added)
  finally:
    # Whatever happened above, the cluster is left with no tag or filter of this run.
    if added.get("cluster"):
      run.job("cleanup DeleteClusterTags", lambda: rapi.DeleteClusterTags([tag]))
    if added.get("instance"):
      run.job("cleanup DeleteInstanceTags", lambda: rapi.DeleteInstanceTags(inst, [tag]))
    for uuid in list(added.get("filters", [])):
      run.call("cleanup DeleteFilter", lambda: rapi.DeleteFilter(uuid))
    for name in list(added.get("instances", [])):
      run.job("cleanup DeleteInstance", lambda: rapi.DeleteInstance(name))
    if added.get("network"):
      run.job("cleanup DisconnectNetwork", lambda: rapi.DisconnectNetwork(tag, group))
      run.job("cleanup DeleteNetwork", lambda: rapi.DeleteNetwork(tag))
  json.dump({"calls": run.calls}, sys.stdout, sort_keys=True, indent=1)
  sys.stdout.write("\n")


def calls(run, rapi, names, inst, node, group, network, tag, added):
  reason = "interop " + tag
  contains = lambda item: (lambda items: {"contains": item in items, "types": sorted(set(kind(i) for i in items))})

  # Cluster
  run.call("GetVersion", rapi.GetVersion)
  run.call("GetFeatures", rapi.GetFeatures, sorted)
  run.call("GetOperatingSystems", lambda: rapi.GetOperatingSystems(reason=reason), sorted)
  info = run.call("GetInfo", lambda: rapi.GetInfo(reason=reason))
  run.call("GetClusterTags", rapi.GetClusterTags, sorted)

  # Instances
  run.call("GetInstances", rapi.GetInstances, sorted)
  run.call("GetInstances bulk", lambda: rapi.GetInstances(bulk=True),
           lambda items: {"names": sorted(i["name"] for i in items), "keys": keys_of(items)})
  run.call("GetInstance", lambda: rapi.GetInstance(inst, reason=reason))
  outcome = run.job("GetInstanceInfo", lambda: rapi.GetInstanceInfo(inst, static=True, reason=reason))
  job_id = run.jobs[-1] if outcome else None
  if job_id is not None:
    run.call("WaitForJobChange", lambda: rapi.WaitForJobChange(job_id, ["status", "opstatus"], None, None))
    run.call("WaitForJobCompletion", lambda: rapi.WaitForJobCompletion(job_id, period=1, retries=1))
    run.call("GetJobStatus", lambda: rapi.GetJobStatus(job_id),
             lambda s: {"keys": sorted(s), "id": "<job>" if s["id"] == job_id else s["id"],
                        "status": s["status"], "summary": s["summary"], "opstatus": s["opstatus"]})
  run.call("GetInstanceTags", lambda: rapi.GetInstanceTags(inst, reason=reason), sorted)
  run.call("GetInstanceConsole", lambda: rapi.GetInstanceConsole(inst, reason=reason))

  # Jobs
  if job_id is not None:
    run.call("GetJobs", rapi.GetJobs, contains(job_id))
    run.call("GetJobs bulk", lambda: rapi.GetJobs(bulk=True),
             lambda jobs: {"contains": any(j["id"] == job_id for j in jobs), "keys": keys_of(jobs)})
    # The job is over: Ganeti says it cannot be canceled any more.
    run.call("CancelJob", lambda: rapi.CancelJob(job_id), lambda r: [r[0], run.scrub(r[1])])

  # Nodes
  run.call("GetNodes", rapi.GetNodes, sorted)
  run.call("GetNodes bulk", lambda: rapi.GetNodes(bulk=True),
           lambda items: {"names": sorted(i["name"] for i in items), "keys": keys_of(items)})
  run.call("GetNode", lambda: rapi.GetNode(node, reason=reason))
  run.call("GetNodeRole", lambda: rapi.GetNodeRole(node, reason=reason))
  run.job("GetNodeStorageUnits", lambda: rapi.GetNodeStorageUnits(
    node, names["storage_type"], "name,size,used,free,allocatable", reason=reason))
  run.call("GetNodeTags", lambda: rapi.GetNodeTags(node, reason=reason), sorted)

  # Groups
  run.call("GetGroups", rapi.GetGroups, sorted)
  run.call("GetGroups bulk", lambda: rapi.GetGroups(bulk=True),
           lambda items: {"names": sorted(i["name"] for i in items), "keys": keys_of(items)})
  run.call("GetGroup", lambda: rapi.GetGroup(group, reason=reason))
  run.call("GetGroupTags", lambda: rapi.GetGroupTags(group, reason=reason), sorted)

  # Networks
  run.call("GetNetworks", rapi.GetNetworks, sorted)
  run.call("GetNetworks bulk", lambda: rapi.GetNetworks(bulk=True),
           lambda items: {"names": sorted(i["name"] for i in items), "keys": keys_of(items)})
  run.call("GetNetwork", lambda: rapi.GetNetwork(network, reason=reason))
  run.call("GetNetworkTags", lambda: rapi.GetNetworkTags(network, reason=reason), sorted)

  # Queries
  run.call("Query instance", lambda: rapi.Query(
    "instance", ["name", "status", "admin_state", "pnode", "disk_template", "tags"],
    qfilter=["=", "admin_state", "up"], reason=reason))
  run.call("Query node", lambda: rapi.Query("node", ["name", "role", "group", "pinst_cnt"]))
  run.call("QueryFields instance", lambda: rapi.QueryFields("instance", ["name", "status", "nosuchfield"]))
  run.call("QueryFields node", lambda: rapi.QueryFields("node"),
           lambda r: {"keys": sorted(r), "names": sorted(f["name"] for f in r["fields"])})

  # Filters: added, read, replaced, deleted
  predicates = [["reason", ["=", "source", "interop:" + tag]]]
  uuid = run.call("AddFilter", lambda: rapi.AddFilter(7, predicates, "CONTINUE", [["interop", tag, 1]]), kind)
  if uuid is not None:
    run.filters.append(uuid)
    added["filters"] = [uuid]
    is_ours = lambda r: "<filter>" if r == uuid else r
    run.call("GetFilters", rapi.GetFilters, contains(uuid))
    run.call("GetFilters bulk", lambda: rapi.GetFilters(bulk=True),
             lambda items: {"contains": any(f["uuid"] == uuid for f in items), "keys": keys_of(items)})
    run.call("GetFilter", lambda: rapi.GetFilter(uuid), lambda f: dict(f, uuid=is_ours(f["uuid"])))
    run.call("ReplaceFilter", lambda: rapi.ReplaceFilter(uuid, 8, predicates, "CONTINUE", [["interop", tag, 2]]), is_ours)
    run.call("GetFilter replaced", lambda: rapi.GetFilter(uuid), lambda f: dict(f, uuid=is_ours(f["uuid"])))
    run.call("DeleteFilter", lambda: rapi.DeleteFilter(uuid))
    added["filters"] = []
    run.call("GetFilter deleted", lambda: rapi.GetFilter(uuid))

  # Tags: dry runs change nothing; real additions are removed again
  run.job("AddClusterTags dry-run", lambda: rapi.AddClusterTags([tag], dry_run=True, reason=reason))
  added["cluster"] = True
  run.job("AddClusterTags", lambda: rapi.AddClusterTags([tag], reason=reason))
  run.call("GetClusterTags added", rapi.GetClusterTags, contains(tag))
  run.job("DeleteClusterTags dry-run", lambda: rapi.DeleteClusterTags([tag], dry_run=True))
  run.job("DeleteClusterTags", lambda: rapi.DeleteClusterTags([tag], reason=reason))
  added["cluster"] = False
  run.call("GetClusterTags deleted", rapi.GetClusterTags, contains(tag))
  added["instance"] = True
  run.job("AddInstanceTags", lambda: rapi.AddInstanceTags(inst, [tag], reason=reason))
  run.call("GetInstanceTags added", lambda: rapi.GetInstanceTags(inst), contains(tag))
  run.job("DeleteInstanceTags", lambda: rapi.DeleteInstanceTags(inst, [tag]))
  added["instance"] = False
  run.call("GetInstanceTags deleted", lambda: rapi.GetInstanceTags(inst), contains(tag))
  run.job("AddNodeTags dry-run", lambda: rapi.AddNodeTags(node, [tag], dry_run=True, reason=reason))
  run.job("AddGroupTags dry-run", lambda: rapi.AddGroupTags(group, [tag], dry_run=True, reason=reason))
  run.job("AddNetworkTags dry-run", lambda: rapi.AddNetworkTags(network, [tag], dry_run=True, reason=reason))

  # A network of the run's own: created, connected, modified, disconnected and removed
  subnet = names["new_subnet"]
  volatile = ("ctime", "mtime", "uuid")
  read_network = lambda: rapi.GetNetwork(tag)
  stable = lambda n: {k: v for k, v in n.items() if k not in volatile}
  added["network"] = True
  run.job("CreateNetwork", lambda: rapi.CreateNetwork(
    tag, subnet + "0/28", gateway=subnet + "1", add_reserved_ips=subnet + "5," + subnet + "6",
    mac_prefix="aa:00:01", tags="interop:net", reason=reason))
  run.call("GetNetwork created", read_network, stable)
  run.job("ConnectNetwork", lambda: rapi.ConnectNetwork(tag, group, "bridged", "br-interop", reason=reason))
  run.job("DeleteNetwork connected", lambda: rapi.DeleteNetwork(tag, reason=reason))
  run.job("ModifyNetwork", lambda: rapi.ModifyNetwork(
    tag, add_reserved_ips=[subnet + "7", subnet + "5"], remove_reserved_ips=[subnet + "6", subnet + "9"]))
  run.call("GetNetwork modified", read_network, stable)
  run.job("DisconnectNetwork", lambda: rapi.DisconnectNetwork(tag, group, reason=reason))
  run.job("DeleteNetwork dry-run", lambda: rapi.DeleteNetwork(tag, dry_run=True))
  run.job("DeleteNetwork", lambda: rapi.DeleteNetwork(tag, reason=reason))
  added["network"] = False
  run.call("GetNetwork deleted", read_network)

  # Instance, node and cluster operations that change nothing
  run.job("RebootInstance dry-run", lambda: rapi.RebootInstance(inst, reboot_type="soft", dry_run=True, reason=reason))
  run.job("ShutdownInstance dry-run", lambda: rapi.ShutdownInstance(inst, dry_run=True, reason=reason))
  run.job("StartupInstance dry-run", lambda: rapi.StartupInstance(inst, dry_run=True, reason=reason))
  run.job("SetNodeRole master", lambda: rapi.SetNodeRole(node, "regular", reason=reason))
  run.job("ModifyNode master drained", lambda: rapi.ModifyNode(node, reason=reason, dry_run=True, drained=False))
  run.job("CreateGroup dry-run", lambda: rapi.CreateGroup(tag + "-g", alloc_policy="preferred", dry_run=True, reason=reason))
  run.job("RenameGroup unknown", lambda: rapi.RenameGroup(tag + "-none", tag + "-g2", reason=reason))
  run.job("DeleteGroup dry-run", lambda: rapi.DeleteGroup(group, dry_run=True, reason=reason))
  run.job("ModifyInstance dry-run", lambda: rapi.ModifyInstance(inst, reason=reason, dry_run=True, beparams={"vcpus": 1}))
  run.job("ActivateInstanceDisks", lambda: rapi.ActivateInstanceDisks(inst, reason=reason))
  run.job("PrepareExport", lambda: rapi.PrepareExport(inst, "local", reason=reason))
  run.job("ReplaceInstanceDisks", lambda: rapi.ReplaceInstanceDisks(inst, mode="replace_auto", reason=reason))
  # Refused by the master before anything changes: disks of a running instance, an
  # instance removed by an export without its shutdown, a stopped diskless instance
  # (the shutdown step is harmless; the reinstall step fails: no disks).
  run.job("DeactivateInstanceDisks", lambda: rapi.DeactivateInstanceDisks(inst, reason=reason))
  run.job("RecreateInstanceDisks", lambda: rapi.RecreateInstanceDisks(inst, reason=reason))
  run.job("ExportInstance", lambda: rapi.ExportInstance(inst, "local", node, shutdown=False, remove_instance=True, reason=reason))
  run.job("GrowInstanceDisk", lambda: rapi.GrowInstanceDisk(names["down_instance"], 0, 128, reason=reason))
  run.job("ReinstallInstance", lambda: rapi.ReinstallInstance(names["down_instance"], os="noop", no_startup=True))
  run.job("EvacuateNode dry-run", lambda: rapi.EvacuateNode(
    names["evacuate_node"], mode=names["evacuate_mode"], dry_run=True, reason=reason))
  # Node and group operations: refusals, dry runs, or changes to what is already there
  migrated = run.job("MigrateNode", lambda: rapi.MigrateNode(node, mode="live", reason=reason))
  for entry in (migrated.get("opresult") or [{}])[0].get("jobs", []) if migrated.get("status") == "success" else []:
    run.jobs.append(entry[1])
    run.wait(entry[1])
    entry[1] = "<job>"
  run.job("PowercycleNode master", lambda: rapi.PowercycleNode(node, reason=reason))
  run.job("ModifyNodeStorageUnits", lambda: rapi.ModifyNodeStorageUnits(node, "lvm-pv", "/dev/sdb", allocatable=True, reason=reason))
  run.job("RepairNodeStorageUnits", lambda: rapi.RepairNodeStorageUnits(node, "lvm-vg", "xenvg", reason=reason))
  run.job("ModifyGroup", lambda: rapi.ModifyGroup(group, reason=reason, alloc_policy="preferred"))
  run.job("AssignGroupNodes dry-run", lambda: rapi.AssignGroupNodes(group, [node], dry_run=True, reason=reason))
  if info is not None:
    run.job("ModifyCluster", lambda: rapi.ModifyCluster(reason=reason, candidate_pool_size=info["candidate_pool_size"]))
  run.job("RedistributeConfig", lambda: rapi.RedistributeConfig(reason=reason))

  # Instances created, renamed, allocated several at once and removed again
  created = ["%s-%s.%s" % (tag, suffix, names["domain"]) for suffix in ("c", "r", "m1", "m2")]
  new = dict(pnode=node, start=False, no_install=True, name_check=False, ip_check=False, os="noop")
  added["instances"] = []
  run.job("CreateInstance dry-run", lambda: rapi.CreateInstance(
    "create", created[0], "diskless", [], [{}], dry_run=True, reason=reason, **new))
  added["instances"].append(created[0])
  run.job("CreateInstance", lambda: rapi.CreateInstance("create", created[0], "diskless", [], [{}], reason=reason, **new))
  run.job("RenameInstance", lambda: rapi.RenameInstance(created[0], created[1], ip_check=False, name_check=False, reason=reason))
  added["instances"] = [created[1]]
  run.job("RenameInstance taken name", lambda: rapi.RenameInstance(created[1], inst, ip_check=False, name_check=False))
  added["instances"].extend(created[2:])
  allocation = run.job("InstancesMultiAlloc", lambda: rapi.InstancesMultiAlloc(
    [rapi.InstanceAllocation("create", name, "diskless", [], [{}], **new) for name in created[2:]], reason=reason))
  for spawned in (allocation.get("opresult") or [{}])[0].get("jobs", []):
    if spawned[0]:
      run.jobs.append(spawned[1])
      spawned[1] = run.outcome(spawned[1])
  for name in created[1:]:
    run.job("DeleteInstance", lambda: rapi.DeleteInstance(name, reason=reason, shutdown_timeout=30))
  added["instances"] = []
  run.job("DeleteInstance unknown", lambda: rapi.DeleteInstance(created[1], dry_run=True))


if __name__ == "__main__":
  if len(sys.argv) != 6:
    sys.stderr.write(__doc__)
    sys.exit(2)
  client.UsesRapiClient(main)(*sys.argv[1:])
