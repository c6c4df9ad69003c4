using Ganeti.Domain.Common;

namespace Ganeti.Domain.Errors;

/// <summary>Ganeti's error codes (ECODE_*), the second argument of OpPrereqError.</summary>
public enum ErrorCode
{
    [WireName("resolver_error")] Resolver,
    [WireName("insufficient_resources")] NoResources,
    [WireName("temp_insufficient_resources")] TempNoResources,
    [WireName("wrong_input")] Invalid,
    [WireName("wrong_state")] State,
    [WireName("unknown_entity")] NoEntity,
    [WireName("already_exists")] Exists,
    [WireName("resource_not_unique")] NotUnique,
    [WireName("internal_error")] Fault,
    [WireName("environment_error")] Environment,
}
