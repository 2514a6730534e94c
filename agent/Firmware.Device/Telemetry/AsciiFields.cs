namespace Firmware.Device.Telemetry;

/// <summary>
/// Splits one line of a procfs file into its space- or tab-separated fields without allocating,
/// and parses them as numbers.
/// </summary>
internal ref struct AsciiFields(ReadOnlySpan<byte> line)
{
    private ReadOnlySpan<byte> _rest = line;

    /// <summary>The next field, or an empty span when there is none.</summary>
    public ReadOnlySpan<byte> Next()
    {
        _rest = _rest.TrimStart(" \t"u8);
        var end = _rest.IndexOfAny(" \t"u8);
        var field = end < 0 ? _rest : _rest[..end];
        _rest = end < 0 ? default : _rest[end..];
        return field;
    }

    /// <summary>The next field as an unsigned integer; false when it is missing or not a number.</summary>
    public bool TryNextUInt64(out ulong value) => ulong.TryParse(Next(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);

    /// <summary>The next field as a signed integer (a temperature below zero); false when it is missing or not a number.</summary>
    public bool TryNextInt64(out long value) => long.TryParse(Next(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value);

    /// <summary>The next field as a decimal number; false when it is missing or not a number.</summary>
    public bool TryNextDouble(out double value) => double.TryParse(Next(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value);

    /// <summary>The next line of <paramref name="text"/>, advancing past it; false at the end.</summary>
    public static bool NextLine(ref ReadOnlySpan<byte> text, out ReadOnlySpan<byte> line)
    {
        if (text.IsEmpty)
        {
            line = default;
            return false;
        }

        var end = text.IndexOf((byte)'\n');
        line = end < 0 ? text : text[..end];
        text = end < 0 ? default : text[(end + 1)..];
        return true;
    }
}
