using Firmware.Boot;
using Firmware.Device.IO;

namespace Firmware.Device.Boot.UBoot;

/// <summary>
/// Reads and writes the U-Boot environment where <c>fw_env.config</c> places it, in the binary
/// layout of <see cref="UBootEnvironment"/> (CRC32, then for redundant copies the flags byte).
/// </summary>
/// <remarks>
/// Power-cut safety. A redundant environment is updated by writing the whole inactive copy, with
/// a generation one above the current copy's, and syncing it; the current copy is not touched.
/// The generation byte is the flag: U-Boot and libubootenv take the valid copy with the newer
/// generation, so until the new copy is completely on the medium (its CRC holds) the old copy stays
/// current, and once it is, the new one is. A power cut at any point leaves one valid copy. A
/// single environment is rewritten in place: a torn write there fails the CRC, and U-Boot then
/// boots with its built-in default environment (slot A, no trial); use two copies where that matters.
/// </remarks>
internal sealed class UBootEnvironmentStore(UBootEnvironmentConfig config)
{
    /// <summary>Reads the current environment.</summary>
    /// <exception cref="BootControlException">No copy is valid or a copy cannot be read.</exception>
    public UBootEnvironmentSnapshot Read()
    {
        var first = ReadCopy(config.Copies[0], out var firstFlags);
        if (!config.Redundant)
        {
            return first is null
                ? throw new BootControlException($"{Describe(config.Copies[0])}: the U-Boot environment's CRC does not match: it is empty or corrupt")
                : new UBootEnvironmentSnapshot(first, 0, 0);
        }

        var second = ReadCopy(config.Copies[1], out var secondFlags);
        return UBootEnvironment.CurrentCopy(first is not null, firstFlags, second is not null, secondFlags) switch
        {
            0 => new UBootEnvironmentSnapshot(first!, 0, firstFlags),
            1 => new UBootEnvironmentSnapshot(second!, 1, secondFlags),
            _ => throw new BootControlException($"{Describe(config.Copies[0])} and {Describe(config.Copies[1])}: neither U-Boot environment copy has a matching CRC"),
        };
    }

    /// <summary>Writes <paramref name="environment"/> as the next state after <paramref name="current"/>.</summary>
    /// <exception cref="BootControlException">The variables do not fit or the write fails.</exception>
    public void Write(UBootEnvironment environment, UBootEnvironmentSnapshot current)
    {
        var target = config.Redundant ? config.Copies[1 - current.CopyIndex] : config.Copies[0];
        byte? flags = config.Redundant ? unchecked((byte)(current.Flags + 1)) : null;
        try
        {
            DurableFile.WriteInPlace(target.Device, target.Offset, environment.ToBytes(target.Size, flags));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BootEnvironmentException)
        {
            throw new BootControlException($"{Describe(target)}: cannot write the U-Boot environment: {e.Message}", e);
        }
    }

    private UBootEnvironment? ReadCopy(UBootEnvironmentLocation copy, out byte flags)
    {
        try
        {
            var bytes = DurableFile.ReadExactly(copy.Device, copy.Offset, copy.Size);
            return UBootEnvironment.TryParse(bytes, config.Redundant, out flags);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BootEnvironmentException)
        {
            throw new BootControlException($"{Describe(copy)}: cannot read the U-Boot environment: {e.Message}", e);
        }
    }

    private static string Describe(UBootEnvironmentLocation copy) => $"{copy.Device} at 0x{copy.Offset:x}";
}
