using Ganeti.Application.Abstractions;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Operations;

/// <summary>Runs every <see cref="IOpCommand{TOp}"/>: builds its opcode and submits it as a one-opcode job.</summary>
public sealed class OpCommandRunner(IGanetiJobQueue jobs, TimeProvider clock)
{
    public async ValueTask<JobId> RunAsync<TOp>(IOpCommand<TOp> command, CancellationToken ct)
        where TOp : OpCode =>
        await jobs.SubmitAsync([OpInput.Build(command, clock.GetUtcNow())], ct).ConfigureAwait(false);
}
