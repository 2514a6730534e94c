namespace Firmware.Kernel.Initramfs;

/// <summary>What goes into an initramfs besides the modules.</summary>
/// <param name="Busybox">A static busybox binary for the target architecture (Debian's busybox-static: <see cref="BusyboxPackage"/>).</param>
/// <param name="Mtime">The mtime of every entry, seconds since the epoch (SOURCE_DATE_EPOCH).</param>
public sealed record InitramfsOptions(ReadOnlyMemory<byte> Busybox, long Mtime)
{
    /// <summary>The <c>/init</c> script; the one shipped in this assembly (docs/kernel.md) unless replaced.</summary>
    public ReadOnlyMemory<byte> Init { get; init; } = InitScript.Bytes;
}
