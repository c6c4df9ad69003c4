namespace Ganeti.Simulator.State;

/// <summary>Ganeti's "nice" sort: digit runs compare as numbers, so node2 sorts before node10.</summary>
public sealed class NiceSort : IComparer<string>
{
    public static readonly NiceSort Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return string.CompareOrdinal(x, y);
        }

        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var si = i;
                var sj = j;
                while (i < x.Length && char.IsAsciiDigit(x[i]))
                {
                    i++;
                }

                while (j < y.Length && char.IsAsciiDigit(y[j]))
                {
                    j++;
                }

                // Compare the digit runs as numbers without allocating: skip leading zeros,
                // then the longer run is bigger, else the first differing digit decides.
                while (si < i && x[si] == '0')
                {
                    si++;
                }

                while (sj < j && y[sj] == '0')
                {
                    sj++;
                }

                var byLength = (i - si).CompareTo(j - sj);
                if (byLength != 0)
                {
                    return byLength;
                }

                for (var k = 0; k < i - si; k++)
                {
                    if (x[si + k] != y[sj + k])
                    {
                        return x[si + k].CompareTo(y[sj + k]);
                    }
                }
            }
            else
            {
                if (x[i] != y[j])
                {
                    return x[i].CompareTo(y[j]);
                }

                i++;
                j++;
            }
        }

        return (x.Length - i).CompareTo(y.Length - j);
    }
}
