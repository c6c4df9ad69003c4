using System.Text.RegularExpressions;

namespace Ganeti.Domain.Common;

/// <summary>
/// The rule for object names in RAPI paths: one or more word characters, dots, underscores
/// or hyphens (Ganeti's <c>[\w\._-]+</c>, with Unicode word characters).
/// </summary>
public static partial class GanetiName
{
    public const string Pattern = @"^[\w._-]+\z";

    [GeneratedRegex(Pattern)]
    private static partial Regex NameRegex();

    public static bool IsValid(string? name) => name is not null && NameRegex().IsMatch(name);

    /// <summary>
    /// Whether <paramref name="shortName"/> names <paramref name="fullName"/> the way Ganeti
    /// matches host names: equal, or equal to the part before the first dot.
    /// </summary>
    public static bool MatchesHostName(string shortName, string fullName)
    {
        if (string.Equals(shortName, fullName, StringComparison.Ordinal))
        {
            return true;
        }

        return fullName.Length > shortName.Length
            && fullName.StartsWith(shortName, StringComparison.Ordinal)
            && fullName[shortName.Length] == '.';
    }
}
