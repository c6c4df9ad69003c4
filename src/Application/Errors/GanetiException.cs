namespace Ganeti.Application.Errors;

/// <summary>
/// The root of the closed set of failures the application reports. Adapters translate raw
/// failures into one of its subclasses; the API maps each subclass to one HTTP status.
/// </summary>
public abstract class GanetiException : Exception
{
    protected GanetiException(string message)
        : base(message)
    {
    }

    protected GanetiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
