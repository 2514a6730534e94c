using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Firmware.Boot;

/// <summary>
/// U-Boot's environment (include/env.h, env/common.c; what <c>fw_printenv</c>/<c>fw_setenv</c>
/// of libubootenv read and write). Little-endian layout of one copy of <c>size</c> bytes:
/// <code>
/// offset 0  CRC32 (zlib polynomial) of the data area
/// offset 4  flags byte: redundant environments only, the copy's generation
/// then      data: "name=value\0" ... "\0", zero-padded to the end of the copy
/// </code>
/// Variables are kept sorted by name, as U-Boot and libubootenv write them.
/// </summary>
public sealed class UBootEnvironment
{
    private readonly SortedDictionary<string, string> _variables = new(StringComparer.Ordinal);

    /// <summary>The variables, sorted by name.</summary>
    public IReadOnlyDictionary<string, string> Variables => _variables;

    /// <summary>The value of <paramref name="name"/>, or null.</summary>
    public string? this[string name] => _variables.GetValueOrDefault(name);

    /// <summary>Sets a variable.</summary>
    public void Set(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' cannot be stored: names hold no '=' and neither holds NUL.", nameof(name));
        }

        _variables[name] = value;
    }

    /// <summary>Removes a variable; false if it was not set.</summary>
    public bool Remove(string name) => _variables.Remove(name);

    /// <summary>Parses one copy; null when its CRC does not match (an erased or torn copy, not an error).</summary>
    /// <param name="copy">The copy's bytes.</param>
    /// <param name="redundant">True when the copy has the flags byte (two-copy environments).</param>
    /// <param name="flags">The copy's generation (0 for a single copy).</param>
    public static UBootEnvironment? TryParse(ReadOnlySpan<byte> copy, bool redundant, out byte flags)
    {
        var header = redundant ? 5 : 4;
        flags = 0;
        if (copy.Length <= header)
        {
            throw new ArgumentException("A U-Boot environment copy is larger than its header.", nameof(copy));
        }

        var data = copy[header..];
        if (BinaryPrimitives.ReadUInt32LittleEndian(copy) != Crc32.HashToUInt32(data))
        {
            return null;
        }

        flags = redundant ? copy[4] : (byte)0;
        var environment = new UBootEnvironment();
        while (data.Length > 0 && data[0] != 0)
        {
            var end = data.IndexOf((byte)0);
            if (end < 0)
            {
                throw new BootEnvironmentException("U-Boot environment data is not terminated by NUL");
            }

            var entry = Encoding.UTF8.GetString(data[..end]);
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new BootEnvironmentException($"U-Boot environment entry '{entry}' is not name=value");
            }

            environment._variables[entry[..equals]] = entry[(equals + 1)..];
            data = data[(end + 1)..];
        }

        return environment;
    }

    /// <summary>Serializes one copy of <paramref name="size"/> bytes; <paramref name="flags"/> is written for redundant environments.</summary>
    /// <exception cref="BootEnvironmentException">The variables do not fit.</exception>
    public byte[] ToBytes(int size, byte? flags)
    {
        var header = flags is null ? 4 : 5;
        var copy = new byte[size];
        var data = copy.AsSpan(header);
        var position = 0;
        foreach (var (name, value) in _variables)
        {
            var entry = Encoding.UTF8.GetBytes($"{name}={value}");
            if (position + entry.Length + 2 > data.Length)
            {
                throw new BootEnvironmentException($"the variables do not fit the {size}-byte U-Boot environment");
            }

            entry.CopyTo(data[position..]);
            position += entry.Length + 1;
        }

        if (flags is { } generation)
        {
            copy[4] = generation;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(copy, Crc32.HashToUInt32(data));
        return copy;
    }

    /// <summary>
    /// Picks the current copy of a redundant environment as libubootenv and U-Boot do: the only
    /// valid one, or of two valid ones the newer generation, where 0 follows 255.
    /// </summary>
    /// <returns>The index (0 or 1) of the current copy, or null when neither is valid.</returns>
    public static int? CurrentCopy(bool firstValid, byte firstFlags, bool secondValid, byte secondFlags) => (firstValid, secondValid) switch
    {
        (false, false) => null,
        (true, false) => 0,
        (false, true) => 1,
        _ when firstFlags == 255 && secondFlags == 0 => 1,
        _ when secondFlags == 255 && firstFlags == 0 => 0,
        _ => firstFlags >= secondFlags ? 0 : 1,
    };
}
