using Firmware.Disk.Gpt;

namespace Firmware.Disk.Tests;

/// <summary>The A/B layout the boards use, at test sizes.</summary>
internal static class GptSamples
{
    public static readonly byte[] Seed = "minimal 1.0.0"u8.ToArray();

    public static IReadOnlyList<PartitionRequest> AbLayout(string architecture = "amd64") =>
    [
        new("esp", GptPartitionTypes.EfiSystem, 8 << 20),
        new("rootfs-a", GptPartitionTypes.RootFor(architecture), 16 << 20, GptAttributes.ReadOnly),
        new("rootfs-b", GptPartitionTypes.RootFor(architecture), 16 << 20, GptAttributes.ReadOnly | GptAttributes.NoAuto),
        new("data", GptPartitionTypes.LinuxData, 4 << 20, GptAttributes.GrowFileSystem),
    ];

    /// <summary>Writes <paramref name="table"/> into a sparse file of the disk's size.</summary>
    public static string WriteImage(ScratchDirectory scratch, GptTable table, string name = "disk.img")
    {
        var path = scratch.Of(name);
        using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite);
        file.SetLength(table.DiskBytes);
        table.WriteTo(file);
        return path;
    }
}
