using Ganeti.Domain.Common;

namespace Ganeti.Simulator.Query;

/// <summary>The kind of a query field (QFT_*), as sent in field definitions.</summary>
public enum FieldKind
{
    [WireName("unknown")] Unknown,
    [WireName("text")] Text,
    [WireName("bool")] Bool,
    [WireName("number")] Number,
    [WireName("float")] Float,
    [WireName("unit")] Unit,
    [WireName("timestamp")] Timestamp,
    [WireName("other")] Other,
}

/// <summary>The status of one value in a Query2 row (RS_*).</summary>
public enum ResultStatus
{
    /// <summary>RS_NORMAL: the value is valid.</summary>
    Normal = 0,

    /// <summary>RS_UNKNOWN: the field does not exist.</summary>
    Unknown = 1,

    /// <summary>RS_NODATA: no data, e.g. the node did not answer.</summary>
    NoData = 2,

    /// <summary>RS_UNAVAIL: not applicable, e.g. a NIC index the instance does not have.</summary>
    Unavailable = 3,

    /// <summary>RS_OFFLINE: the resource is marked offline.</summary>
    Offline = 4,
}

/// <summary>How a filter compares a field (QFF_*): plainly, as a host name, or as a timestamp pair.</summary>
public enum FilterMode
{
    Normal,

    /// <summary><c>"web1"</c> equals <c>"web1.example.com"</c>.</summary>
    Hostname,

    /// <summary>The value is <c>[seconds, microseconds]</c>; filters compare the seconds.</summary>
    Timestamp,
}

/// <summary>A field definition as Query and QueryFields return it: <c>{name, title, kind, doc}</c>.</summary>
public sealed record FieldDefinition(string Name, string Title, FieldKind Kind, string Doc)
{
    public static FieldDefinition UnknownField(string name) => new(name, name, FieldKind.Unknown, $"Unknown field '{name}'");
}
