using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Common;
using Ganeti.Application.Errors;
using Ganeti.Domain.Jobs;
using Mediator;

namespace Ganeti.Application.Jobs.GetJob;

public sealed class GetJobQueryHandler(IGanetiQueries queries) : IQueryHandler<GetJobQuery, JsonObject>
{
    public async ValueTask<JsonObject> Handle(GetJobQuery query, CancellationToken cancellationToken)
    {
        var rows = await queries.QueryJobsAsync([new JobId(query.JobId)], RapiFields.Job, cancellationToken).ConfigureAwait(false);
        // luxid answers an unknown id with a row of nulls, which RAPI returns as it is.
        return rows.Count == 0
            ? throw new NotFoundException($"Job {query.JobId} not found")
            : rows[0].ToObject(RapiFields.Job);
    }
}
