namespace Ganeti.Luxi;

/// <summary>The byte stream broke LUXI's framing: closed mid-frame, or a frame over the size limit.</summary>
public sealed class LuxiFrameException(string message) : Exception(message);
