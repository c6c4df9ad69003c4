namespace Ganeti.Domain.Cluster;

/// <summary>
/// One change to the cluster's hidden or blacklisted OS list; on the wire a two-element list
/// <c>[action, os_name]</c>, e.g. <c>["add", "debootstrap"]</c>.
/// </summary>
public sealed record OsListModification(DdmSimple Action, string OsName);
