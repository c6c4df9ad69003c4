namespace Ganeti.Domain.Query;

/// <summary>The status of one value in a Query2 result (Ganeti's RS_* constants).</summary>
public enum ResultStatus
{
    /// <summary>RS_NORMAL: the value is valid.</summary>
    Normal = 0,

    /// <summary>RS_UNKNOWN: the field is not known.</summary>
    Unknown = 1,

    /// <summary>RS_NODATA: no data (e.g. the node did not answer).</summary>
    NoData = 2,

    /// <summary>RS_UNAVAIL: the value is not applicable (e.g. a missing NIC index).</summary>
    Unavailable = 3,

    /// <summary>RS_OFFLINE: the resource is offline.</summary>
    Offline = 4,
}
