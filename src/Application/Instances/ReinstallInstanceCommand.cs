using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Errors;
using Ganeti.Application.Operations;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;
using Mediator;

namespace Ganeti.Application.Instances;

/// <summary>
/// POST /2/instances/{instanceName}/reinstall: one job of OP_INSTANCE_SHUTDOWN,
/// OP_INSTANCE_REINSTALL and, unless <c>start</c> is false, OP_INSTANCE_STARTUP, built the
/// way Ganeti's handler builds them (no reason trail, no dry run). The body gives <c>os</c>,
/// <c>start</c> (a boolean, default true) and <c>osparams</c>, and ignores other keys; without
/// a body the legacy query form <c>?os=&amp;nostartup=</c> is read. A body and query
/// parameters together are refused.
/// </summary>
public sealed record ReinstallInstanceCommand(string InstanceName) : ICommand<JobId>
{
    public JsonNode? Body { get; init; }

    /// <summary>The query string's keys that have a value (any of them selects the legacy form).</summary>
    public IReadOnlyList<string> QueryKeys { get; init; } = [];

    [Query("os")]
    public string? Os { get; init; }

    [Query("nostartup")]
    public string? NoStartup { get; init; }

    /// <summary>The job's opcodes, or Ganeti's message for a request it refuses.</summary>
    public IReadOnlyList<OpCode> Ops(out string? error)
    {
        error = null;
        JsonObject data;
        if (OpInput.IsTruthy(Body))
        {
            if (QueryKeys.Count > 0)
            {
                error = "Can't combine query and body parameters";
                return [];
            }

            if (Body is not JsonObject body)
            {
                error = "Invalid body contents, not a dictionary";
                return [];
            }

            data = body;
        }
        else if (QueryKeys.Count > 0)
        {
            long noStartup = 0;
            if (NoStartup is not null && !PythonInt.TryParse(NoStartup, out noStartup))
            {
                error = "Invalid value for the 'nostartup' parameter";
                return [];
            }

            data = new JsonObject { ["os"] = Os, ["start"] = noStartup == 0 };
        }
        else
        {
            data = [];
        }

        var start = true;
        if (data.TryGetPropertyValue("start", out var startValue))
        {
            if (startValue is not JsonValue flag || flag.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                error = $"'start' parameter: Type is '{OpInput.PythonTypeName(startValue)}', but 'bool' is expected";
                return [];
            }

            start = flag.GetValue<bool>();
        }

        var parameters = new JsonObject
        {
            ["instance_name"] = InstanceName,
            ["os_type"] = data["os"]?.DeepClone(),
            ["osparams"] = data["osparams"]?.DeepClone(),
        };
        if (!OpInput.TryCreate(OpSchema.Of<OpInstanceReinstall>(), parameters, out var reinstall, out error))
        {
            return [];
        }

        return start
            ? [new OpInstanceShutdown(InstanceName), reinstall!, new OpInstanceStartup(InstanceName) { Force = false }]
            : [new OpInstanceShutdown(InstanceName), reinstall!];
    }
}

public sealed class ReinstallInstanceCommandValidator : AbstractValidator<ReinstallInstanceCommand>
{
    public ReinstallInstanceCommandValidator() => RuleFor(c => c).Custom((command, context) =>
    {
        _ = command.Ops(out var error);
        if (error is not null)
        {
            context.AddFailure("body", error);
        }
    });
}

public sealed class ReinstallInstanceCommandHandler(IGanetiJobQueue jobs) : ICommandHandler<ReinstallInstanceCommand, JobId>
{
    public async ValueTask<JobId> Handle(ReinstallInstanceCommand command, CancellationToken cancellationToken)
    {
        var ops = command.Ops(out var error);
        return error is null
            ? await jobs.SubmitAsync(ops, cancellationToken).ConfigureAwait(false)
            : throw new BadRequestException(error);
    }
}
