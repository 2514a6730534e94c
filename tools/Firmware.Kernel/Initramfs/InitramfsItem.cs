namespace Firmware.Kernel.Initramfs;

/// <summary>One line of an initramfs plan: what an entry is, where it comes from and its size.</summary>
/// <param name="Path">The path inside the initramfs.</param>
/// <param name="Kind">directory, file, symlink, device, module, init or busybox.</param>
/// <param name="Bytes">The data size (0 for directories and nodes).</param>
public sealed record InitramfsItem(string Path, string Kind, long Bytes);
