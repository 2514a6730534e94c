using System.Globalization;

namespace Firmware.Device.Boot.UBoot;

/// <summary>
/// The <c>fw_env.config</c> file that libubootenv's <c>fw_printenv</c>/<c>fw_setenv</c> and U-Boot's
/// tools/env read: one line per copy of the environment (two lines: a redundant environment),
/// columns <c>device offset size [sector-size [sector-count]]</c> separated by blanks, '#' comment
/// lines. The columns are read as those tools read them (sscanf "%ms %lli %lx %lx %lx"): the offset
/// as a C integer (0x hexadecimal, a leading 0 octal, else decimal), the three sizes always as
/// hexadecimal, with or without 0x. So "16384" as a size means 0x16384, exactly as fw_printenv
/// understands it; the values are taken the peer's way rather than guessed.
/// </summary>
public sealed class UBootEnvironmentConfig
{
    private UBootEnvironmentConfig(IReadOnlyList<UBootEnvironmentLocation> copies) => Copies = copies;

    /// <summary>The copies: one for a single environment, two for a redundant one.</summary>
    public IReadOnlyList<UBootEnvironmentLocation> Copies { get; }

    /// <summary>True when there are two copies, each with the flags byte.</summary>
    public bool Redundant => Copies.Count == 2;

    /// <summary>Reads and parses the file at <paramref name="path"/>.</summary>
    /// <exception cref="BootControlException">The file is missing or malformed; the message names the file and line.</exception>
    public static UBootEnvironmentConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BootControlException($"{path}: cannot read the U-Boot environment configuration: {e.Message}", e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses the text of a <c>fw_env.config</c>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="BootControlException">A line is malformed, there are more than two, or the copies disagree on the size.</exception>
    public static UBootEnvironmentConfig Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var copies = new List<UBootEnvironmentLocation>();
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var where = $"{source}:{index + 1}";
            if (copies.Count == 2)
            {
                throw new BootControlException($"{where}: a third environment line; fw_env.config holds one copy, or two for a redundant environment");
            }

            copies.Add(ParseLine(line, where));
        }

        if (copies.Count == 0)
        {
            throw new BootControlException($"{source}: no environment line (device offset size [sector-size [sector-count]])");
        }

        if (copies.Count == 2 && copies[0].Size != copies[1].Size)
        {
            throw new BootControlException($"{source}: the two copies have different sizes (0x{copies[0].Size:x} and 0x{copies[1].Size:x})");
        }

        return new UBootEnvironmentConfig(copies);
    }

    private static UBootEnvironmentLocation ParseLine(string line, string where)
    {
        var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is < 3 or > 5)
        {
            throw new BootControlException($"{where}: expected 'device offset size [sector-size [sector-count]]', found {fields.Length} fields");
        }

        if (fields[0].StartsWith("/dev/mtd", StringComparison.Ordinal) || fields[0].StartsWith("/dev/ubi", StringComparison.Ordinal))
        {
            throw new BootControlException($"{where}: {fields[0]} is an MTD/UBI device; this backend writes environments on block devices and files only");
        }

        var offset = CInteger(fields[1], where, "offset");
        var size = Hex(fields[2], where, "environment size");
        if (size is < 16 or > 16 * 1024 * 1024)
        {
            throw new BootControlException($"{where}: environment size 0x{size:x} is outside 0x10..0x1000000");
        }

        var sectorSize = fields.Length > 3 ? Hex(fields[3], where, "sector size") : size;
        var sectorCount = fields.Length > 4 ? Hex(fields[4], where, "sector count") : 1;
        return new UBootEnvironmentLocation(fields[0], offset, (int)size, sectorSize, sectorCount);
    }

    /// <summary>A C integer as strtoll with base 0 reads it; negative offsets (from the end) are refused.</summary>
    private static long CInteger(string text, string where, string field)
    {
        var (digits, style) = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? (text[2..], 16)
            : text.Length > 1 && text[0] == '0' ? (text[1..], 8)
            : (text, 10);
        try
        {
            return digits.Length > 0 && !digits.StartsWith('-') ? Convert.ToInt64(digits, style) : throw new FormatException();
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new BootControlException($"{where}: {field} '{text}' is not a non-negative integer (0x hex, 0 octal, or decimal)", e);
        }
    }

    private static long Hex(string text, string where, string field)
    {
        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        return long.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) && digits.Length > 0
            ? value
            : throw new BootControlException($"{where}: {field} '{text}' is not hexadecimal (fw_env.config sizes are read as hex, 0x optional)");
    }
}
