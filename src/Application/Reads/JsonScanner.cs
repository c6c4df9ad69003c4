using System.Buffers;

namespace Ganeti.Application.Reads;

/// <summary>
/// Finds where JSON values begin and end in the master's answer without tokenizing what is
/// inside them: strings are skipped to their closing quote, objects and lists by counting
/// brackets outside strings, with vectorized searches. This is what lets a 10,000-row answer
/// be rewritten at memory speed. It checks the structure it walks (brackets, commas, quotes)
/// and reports anything else as a malformed answer; the contents of values are the master's.
/// Reaching the end of the input in the middle of something is <see cref="IncompleteJsonException"/>:
/// more of the answer may still arrive.
/// </summary>
internal ref struct JsonScanner(ReadOnlySpan<byte> input, int position)
{
    private static readonly SearchValues<byte> StringSpecials = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> Structure = SearchValues.Create("\"[]{}"u8);
    private static readonly SearchValues<byte> ScalarEnd = SearchValues.Create(",]} \t\r\n"u8);

    private readonly ReadOnlySpan<byte> _input = input;

    public int Position { get; private set; } = position;

    /// <summary>The next byte that is not white space (consumed).</summary>
    public byte Next()
    {
        SkipSpace();
        return Position < _input.Length ? _input[Position++] : throw new IncompleteJsonException();
    }

    /// <summary>The next byte that is not white space, not consumed.</summary>
    public byte Peek()
    {
        SkipSpace();
        return Position < _input.Length ? _input[Position] : throw new IncompleteJsonException();
    }

    public void Expect(byte expected)
    {
        var found = Next();
        if (found != expected)
        {
            throw RowsBody.Malformed($"expected '{(char)expected}', found '{(char)found}'");
        }
    }

    /// <summary>Skips the value that starts here; answers where it starts and ends.</summary>
    public (int Start, int End) Value()
    {
        SkipSpace();
        var start = Position;
        if (start >= _input.Length)
        {
            throw new IncompleteJsonException();
        }

        switch (_input[start])
        {
            case (byte)'"':
                Position = EndOfString(start + 1);
                break;
            case (byte)'{' or (byte)'[':
                Position = EndOfContainer(start);
                break;
            case (byte)',' or (byte)']' or (byte)'}' or (byte)':':
                throw RowsBody.Malformed($"a value is missing at byte {start}");
            default:
                // Numbers, true, false and null are short: a plain loop beats a vectorized search here.
                var end = start + 1;
                while (end < _input.Length && !ScalarEnd.Contains(_input[end]))
                {
                    end++;
                }

                // A scalar in a row is always followed by a comma or a bracket.
                Position = end < _input.Length ? end : throw new IncompleteJsonException();
                break;
        }

        return (start, Position);
    }

    private void SkipSpace()
    {
        while (Position < _input.Length && _input[Position] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            Position++;
        }
    }

    /// <summary>The position after the quote that closes a string whose content starts at <paramref name="at"/>.</summary>
    private readonly int EndOfString(int at)
    {
        while (true)
        {
            var offset = _input[at..].IndexOfAny(StringSpecials);
            if (offset < 0 || at + offset + 1 >= _input.Length && _input[at + offset] == (byte)'\\')
            {
                throw new IncompleteJsonException();
            }

            at += offset;
            if (_input[at] == (byte)'"')
            {
                return at + 1;
            }

            at += 2; // a backslash and the character it escapes
        }
    }

    /// <summary>The position after the bracket that closes the object or list opened at <paramref name="at"/>.</summary>
    private readonly int EndOfContainer(int at)
    {
        var depth = 0;
        while (true)
        {
            var offset = at < _input.Length ? _input[at..].IndexOfAny(Structure) : -1;
            if (offset < 0)
            {
                throw new IncompleteJsonException();
            }

            at += offset;
            switch (_input[at])
            {
                case (byte)'"':
                    at = EndOfString(at + 1);
                    continue;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                default:
                    depth--;
                    break;
            }

            at++;
            if (depth == 0)
            {
                return at;
            }
        }
    }
}

/// <summary>The input ended in the middle of a value: wait for more of the answer, or, if there is no more, it is malformed.</summary>
internal sealed class IncompleteJsonException() : Exception("The JSON input ends in the middle of a value");
