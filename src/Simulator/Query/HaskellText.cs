using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ganeti.Simulator.Query;

/// <summary>
/// Renders values the way luxid (Haskell) prints them inside error messages: Text.JSON's
/// <c>pp_value</c> for JSON, <c>show</c> for strings, rationals and doubles.
/// </summary>
public static class HaskellText
{
    /// <summary>
    /// Text.JSON's <c>pp_value</c>: <c>["a", 1, {"k": true}]</c>. Unlike the original, long
    /// values are not wrapped onto several lines.
    /// </summary>
    public static string Pretty(JsonNode? node)
    {
        var text = new StringBuilder();
        Pretty(node, text);
        return text.ToString();
    }

    /// <summary>Haskell's <c>show</c> of a string: quoted, with Haskell escapes.</summary>
    public static string Show(string value)
    {
        var text = new StringBuilder("\"");
        var pendingNumericEscape = false;
        foreach (var c in value)
        {
            if (pendingNumericEscape && char.IsAsciiDigit(c))
            {
                text.Append("\\&");
            }

            pendingNumericEscape = false;
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case < ' ' or >= '\u007f':
                    text.Append('\\').Append(((int)c).ToString(CultureInfo.InvariantCulture));
                    pendingNumericEscape = true;
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>Haskell's <c>show</c> of a <c>Double</c>: <c>1.5</c>, <c>100.0</c>, <c>1.795739689002793e9</c>.</summary>
    public static string ShowDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return BitConverter.DoubleToInt64Bits(value) < 0 ? "-0.0" : "0.0";
        }

        var sign = value < 0 ? "-" : string.Empty;
        var (digits, exponent) = Digits(Math.Abs(value));
        if (exponent is < 0 or > 7)
        {
            var mantissa = digits.Length == 1 ? digits + ".0" : digits[..1] + "." + digits[1..];
            return sign + mantissa + "e" + (exponent - 1).ToString(CultureInfo.InvariantCulture);
        }

        if (exponent == 0)
        {
            return sign + "0." + digits;
        }

        var integral = digits.Length >= exponent ? digits[..exponent] : digits.PadRight(exponent, '0');
        var fraction = digits.Length > exponent ? digits[exponent..] : "0";
        return sign + integral + "." + fraction;
    }

    /// <summary>
    /// Reads a JSON number exactly, as Text.JSON does (a rational); false if it is not a
    /// number.
    /// </summary>
    public static bool TryReadRational(JsonNode? node, out BigInteger numerator, out BigInteger denominator)
    {
        numerator = BigInteger.Zero;
        denominator = BigInteger.One;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        var text = value.ToJsonString();
        var exponent = 0;
        var e = text.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            exponent -= text.Length - dot - 1;
            text = text.Remove(dot, 1);
        }

        numerator = BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (exponent >= 0)
        {
            numerator *= BigInteger.Pow(10, exponent);
        }
        else
        {
            denominator = BigInteger.Pow(10, -exponent);
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsZero && !gcd.IsOne)
        {
            numerator /= gcd;
            denominator /= gcd;
        }

        return true;
    }

    /// <summary>Haskell's <c>show</c> of a <c>Rational</c>: <c>5 % 2</c>.</summary>
    public static string ShowRational(BigInteger numerator, BigInteger denominator) =>
        (numerator.Sign < 0 ? "(" + numerator.ToString(CultureInfo.InvariantCulture) + ")" : numerator.ToString(CultureInfo.InvariantCulture))
        + " % " + denominator.ToString(CultureInfo.InvariantCulture);

    private static void Pretty(JsonNode? node, StringBuilder text)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(", ");
                    }

                    Pretty(array[i], text);
                }

                text.Append(']');
                break;
            case JsonObject obj:
                text.Append('{');
                var first = true;
                foreach (var (key, value) in obj)
                {
                    if (!first)
                    {
                        text.Append(", ");
                    }

                    first = false;
                    PrettyString(key, text);
                    text.Append(": ");
                    Pretty(value, text);
                }

                text.Append('}');
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        PrettyString(value.GetValue<string>(), text);
                        break;
                    case JsonValueKind.True:
                        text.Append("true");
                        break;
                    case JsonValueKind.False:
                        text.Append("false");
                        break;
                    case JsonValueKind.Number:
                        TryReadRational(value, out var numerator, out var denominator);
                        text.Append(denominator.IsOne
                            ? numerator.ToString(CultureInfo.InvariantCulture)
                            : ShowDouble(JsonNumbers.TryGet(value, out _, out var real, out _) ? real : 0));
                        break;
                    default:
                        text.Append("null");
                        break;
                }

                break;
        }
    }

    private static void PrettyString(string value, StringBuilder text)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\':
                    text.Append("\\\\");
                    break;
                case '"':
                    text.Append("\\\"");
                    break;
                case < ' ' or (>= '\u007f' and <= '\u009f'):
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        text.Append('"');
    }

    /// <summary>The shortest decimal digits of a positive double and its exponent e, value = 0.d1d2… × 10^e.</summary>
    private static (string Digits, int Exponent) Digits(double value)
    {
        var roundTrip = value.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = roundTrip.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(roundTrip[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            roundTrip = roundTrip[..e];
        }

        var dot = roundTrip.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? roundTrip[..dot] : roundTrip;
        var fracPart = dot >= 0 ? roundTrip[(dot + 1)..] : string.Empty;
        var all = intPart + fracPart;
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        var digits = all.TrimStart('0').TrimEnd('0');
        var pointPosition = intPart.Length + exponent - leadingZeros;
        return (digits.Length == 0 ? "0" : digits, pointPosition);
    }
}
