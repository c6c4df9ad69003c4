using System.Text;

namespace Ganeti.Domain.Common;

/// <summary>
/// Ganeti's parameter names from C# member names: <c>IgnoreSecondaries</c> →
/// <c>ignore_secondaries</c>, <c>X509KeyName</c> → <c>x509_key_name</c>, <c>Network6</c> →
/// <c>network6</c>. Words start at an upper-case letter that follows a lower-case letter or a
/// digit, or that ends a run of capitals before a lower-case letter (the rule of
/// System.Text.Json's snake_case naming policy, which the LUXI adapter writes opcodes with).
/// </summary>
public static class SnakeCase
{
    public static string From(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        var previousUpper = false;
        var previousLowerOrDigit = false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var endsCapitals = previousUpper && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (previousLowerOrDigit || endsCapitals)
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
                previousUpper = true;
                previousLowerOrDigit = false;
            }
            else
            {
                sb.Append(c);
                previousUpper = false;
                previousLowerOrDigit = char.IsLower(c) || char.IsDigit(c);
            }
        }

        return sb.ToString();
    }
}
