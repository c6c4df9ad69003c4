using System.Text.Json.Nodes;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;
using Mediator;

namespace Ganeti.Application.Operations;

/// <summary>
/// A RAPI operation that submits one opcode: its public properties (other than
/// <see cref="IOpRequest.Body"/> and <see cref="IOpRequest.Reason"/>) are the static
/// parameters the URL and query string set; the body supplies the others. Its handler and
/// validator are generated (<see cref="OpCommandRunner"/>, <see cref="OpCommandValidator{TCommand}"/>).
/// </summary>
[GeneratedHandler(typeof(OpCommandRunner), Validator = typeof(OpCommandValidator<>))]
public interface IOpCommand<TOp> : IOpRequest, ICommand<JobId>
    where TOp : OpCode;

/// <summary>What every opcode-submitting request carries besides its statics.</summary>
public interface IOpRequest
{
    /// <summary>The request body as sent; null when there was none.</summary>
    JsonNode? Body { get; }

    /// <summary>The <c>?reason=</c> text, which starts the reason trail when given.</summary>
    string? Reason { get; }
}

/// <summary>The usual base of an <see cref="IOpCommand{TOp}"/>: the body and the reason, bound from every request.</summary>
public abstract record OpCommand<TOp> : IOpCommand<TOp>
    where TOp : OpCode
{
    public JsonNode? Body { get; init; }

    [Query("reason")]
    public string? Reason { get; init; }
}

/// <summary>A command whose reason-trail resource depends on its values (the five tag resources share one declaration).</summary>
public interface IReasonResource
{
    string ReasonResource { get; }
}

/// <summary>
/// A command whose body Ganeti's handler rewrites before the generic rules apply: a legacy
/// query-string form, or values converted for compatibility. <see cref="OpInput"/> checks and
/// converts the rewritten body.
/// </summary>
public interface IBodyRewriter
{
    /// <summary>The body the generic rules get; when the request cannot be rewritten, null and Ganeti's message in <paramref name="error"/>.</summary>
    JsonNode? RewriteBody(out string? error);
}
