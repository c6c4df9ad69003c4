using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Groups;

/// <summary>
/// PUT /2/groups/{groupName}/modify: changes a node group's allocation policy and parameters
/// (the body is OP_GROUP_SET_PARAMS'; <c>custom_ndparams</c>, <c>custom_ipolicy</c> and
/// <c>custom_diskparams</c>, as a group reads back, are taken for the plain names).
/// </summary>
[OpResource("groups_name_modify", Renames = ["custom_ndparams:ndparams", "custom_ipolicy:ipolicy", "custom_diskparams:diskparams"])]
public sealed record ModifyGroupCommand(string GroupName) : OpCommand<OpGroupSetParams>;
