using Ganeti.Application.Abstractions;
using Ganeti.Application.Errors;
using Ganeti.Domain.Nodes;
using Mediator;

namespace Ganeti.Application.Nodes.GetNodeRole;

public sealed class GetNodeRoleQueryHandler(IGanetiQueries queries) : IQueryHandler<GetNodeRoleQuery, NodeRole>
{
    public async ValueTask<NodeRole> Handle(GetNodeRoleQuery query, CancellationToken cancellationToken)
    {
        var rows = await queries.QueryNodesAsync([query.NodeName], ["role"], query.UseLocking, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            throw new NotFoundException($"Node '{query.NodeName}' not known");
        }

        var code = rows[0].Values[0]?.GetValue<string>();
        return NodeRoles.TryFromCode(code, out var role)
            ? role
            : throw new MasterProtocolException($"Unknown node role code '{code}' for node '{query.NodeName}'");
    }
}
