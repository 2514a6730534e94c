using Firmware.Kernel.Cpio;
using Firmware.Kernel.Modules;

namespace Firmware.Kernel.Initramfs;

/// <summary>
/// Everything an initramfs will hold, decided before a byte is written: what <c>--dry-run</c> prints
/// and what tests assert. <see cref="InitramfsBuilder.Write"/> turns it into a compressed cpio.
/// </summary>
/// <param name="KernelVersion">The kernel the modules are for.</param>
/// <param name="Modules">The modules in load order.</param>
/// <param name="Items">Every entry with its size, sorted by path.</param>
/// <param name="Entries">The cpio entries themselves.</param>
/// <param name="Mtime">The mtime every entry gets.</param>
public sealed record InitramfsPlan(string KernelVersion, ModuleLoadPlan Modules, IReadOnlyList<InitramfsItem> Items, IReadOnlyList<CpioEntry> Entries, long Mtime)
{
    /// <summary>The sum of the entries' data sizes, before compression and cpio headers.</summary>
    public long PayloadBytes => Items.Sum(i => i.Bytes);
}
