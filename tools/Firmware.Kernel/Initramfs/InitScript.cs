namespace Firmware.Kernel.Initramfs;

/// <summary>The initramfs <c>/init</c> (Initramfs/init.sh, a busybox ash script), embedded in the assembly.</summary>
public static class InitScript
{
    private static readonly Lazy<byte[]> Contents = new(() =>
    {
        using var stream = typeof(InitScript).Assembly.GetManifestResourceStream("Firmware.Kernel.init.sh")
            ?? throw new InvalidOperationException("the init script resource is missing from the assembly");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    });

    /// <summary>The script's bytes.</summary>
    public static ReadOnlyMemory<byte> Bytes => Contents.Value;

    /// <summary>The busybox applets the script calls; the initramfs links each in <c>/bin</c>.</summary>
    public static IReadOnlyList<string> Applets { get; } =
    [
        "cat", "echo", "grep", "insmod", "mkdir", "mount", "sed", "sh", "sleep", "switch_root", "tr", "uname", "usleep",
    ];
}
