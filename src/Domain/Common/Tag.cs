using System.Text.RegularExpressions;

namespace Ganeti.Domain.Common;

/// <summary>Ganeti's rules for object tags.</summary>
public static partial class Tag
{
    public const int MaxLength = 128;
    public const int MaxTagsPerObject = 4096;

    [GeneratedRegex(@"^[\w.+*/:@-]+$")]
    private static partial Regex TagRegex();

    /// <summary>Returns null when the tag is valid, otherwise Ganeti's error text.</summary>
    public static string? Check(string tag)
    {
        if (tag.Length > MaxLength)
        {
            return $"Tag too long (>{MaxLength} characters)";
        }

        if (tag.Length == 0)
        {
            return "Tags cannot be empty";
        }

        return TagRegex().IsMatch(tag) ? null : "Tag contains invalid characters";
    }
}
