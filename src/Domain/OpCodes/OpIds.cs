using System.Text;

namespace Ganeti.Domain.OpCodes;

public static class OpIds
{
    /// <summary>
    /// <c>OpInstanceReboot</c> becomes <c>OP_INSTANCE_REBOOT</c>: <c>OP_</c> and the upper-case
    /// words of the name after the <c>Op</c> prefix, joined by underscores.
    /// </summary>
    public static string FromTypeName(string typeName)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        if (!typeName.StartsWith("Op", StringComparison.Ordinal) || typeName.Length < 3)
        {
            throw new ArgumentException($"'{typeName}' is not an opcode type name", nameof(typeName));
        }

        var sb = new StringBuilder("OP");
        for (var i = 2; i < typeName.Length; i++)
        {
            var c = typeName[i];
            if (char.IsUpper(c))
            {
                sb.Append('_');
            }

            sb.Append(char.ToUpperInvariant(c));
        }

        return sb.ToString();
    }

    /// <summary>The summary name of an opcode: its id without the <c>OP_</c> prefix.</summary>
    public static string SummaryName(string opId) =>
        opId.StartsWith("OP_", StringComparison.Ordinal) ? opId[3..] : opId;

    /// <summary>The reason-trail source name: the id without <c>OP_</c>, lower case.</summary>
    public static string ReasonName(string opId) => SummaryName(opId).ToLowerInvariant();
}
