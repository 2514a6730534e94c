using System.Globalization;

namespace Firmware.Image.Spec;

/// <summary>Sizes written as a number of bytes with an optional binary suffix: <c>512K</c>, <c>256M</c>, <c>2G</c> (or <c>KiB</c>, <c>MiB</c>, <c>GiB</c>).</summary>
internal static class Sizes
{
    /// <summary>Parses a size; false when it is not one or overflows.</summary>
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var digits = text.TakeWhile(char.IsAsciiDigit).Count();
        var shift = text[digits..] switch
        {
            "" => 0,
            "K" or "KiB" => 10,
            "M" or "MiB" => 20,
            "G" or "GiB" => 30,
            "T" or "TiB" => 40,
            _ => -1,
        };
        if (digits == 0 || shift < 0 || !long.TryParse(text[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > long.MaxValue >> shift)
        {
            return false;
        }

        bytes = number << shift;
        return true;
    }
}
