using Ganeti.Application.Errors;

namespace Ganeti.Application.Query;

/// <summary>
/// The resource names luxid parses in Query and QueryFields: those it answers itself
/// (Ganeti's <c>QR_VIA_LUXI</c>, which is also <c>QR_VIA_RAPI</c>) and those it answers through
/// an opcode (<c>QR_VIA_OP</c>). Any other name is a path that names nothing: 404, where
/// ganeti-rapi passes it on and answers luxid's parse failure as 502.
/// </summary>
public static class KnownQueryResources
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "group", "export", "instance", "job", "lock", "network", "node", "filter", "cluster", "os", "extstorage",
    };

    public static void Require(string resource)
    {
        if (!Names.Contains(resource))
        {
            throw new NotFoundException($"Unknown query resource '{resource}'");
        }
    }
}
