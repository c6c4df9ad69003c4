namespace Ganeti.Domain.Jobs;

/// <summary>A job's id: a JSON integer on the wire since Ganeti 2.x's luxid.</summary>
public readonly record struct JobId(long Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
