using System.Globalization;

namespace Firmware.Image.Spec;

/// <summary>Permission bits written in octal, as chmod(1) and LinuxKit (strconv.ParseInt(mode, 8, 32)) read them.</summary>
internal static class FileModes
{
    /// <summary>The highest mode: setuid, setgid, sticky and rwx for all.</summary>
    public const uint Max = 0b111_111_111_111;

    /// <summary>Parses <c>0755</c>, <c>755</c> or <c>4755</c>; false for anything else.</summary>
    public static bool TryParse(string text, out uint mode)
    {
        mode = 0;
        if (text.Length is 0 or > 5 || !text.All(c => c is >= '0' and <= '7'))
        {
            return false;
        }

        foreach (var c in text)
        {
            mode = (mode * 8) + (uint)(c - '0');
        }

        return mode <= Max;
    }

    /// <summary>The mode written as four octal digits.</summary>
    public static string Format(uint mode) => Convert.ToString(mode, 8).PadLeft(4, '0').ToString(CultureInfo.InvariantCulture);
}
