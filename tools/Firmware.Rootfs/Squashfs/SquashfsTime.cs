namespace Firmware.Rootfs.Squashfs;

/// <summary>Squashfs stores times as unsigned 32-bit seconds; this maps tree times into that range.</summary>
internal static class SquashfsTime
{
    /// <summary>The time written for <paramref name="mtime"/>: clamped to [0, 2^32-1] and to the epoch when one is set.</summary>
    public static uint Of(long mtime, long? sourceDateEpoch)
    {
        if (sourceDateEpoch is { } epoch && mtime > epoch)
        {
            mtime = epoch;
        }

        return (uint)Math.Clamp(mtime, 0, uint.MaxValue);
    }
}
