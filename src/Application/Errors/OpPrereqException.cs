using System.Text.Json.Nodes;
using Ganeti.Domain.Errors;

namespace Ganeti.Application.Errors;

/// <summary>OpPrereqError: a prerequisite failed; <see cref="Code"/> says why (ECODE).</summary>
public sealed class OpPrereqException(string message, ErrorCode? code, JsonArray arguments)
    : GanetiErrorException("OpPrereqError", arguments, message)
{
    public ErrorCode? Code { get; } = code;
}
