using Firmware.Disk.Gpt;

namespace Firmware.Image.Build.Qemu;

/// <summary>Tells an image's architecture from its GPT: the root partition type GUIDs of the Discoverable Partitions Specification say it.</summary>
public static class ImageArchitecture
{
    /// <summary>amd64 or arm64, or null when the image has no root partition of either type.</summary>
    /// <exception cref="GptException">The image has no valid GPT.</exception>
    public static string? Detect(Stream disk)
    {
        var table = GptTable.Read(disk);
        return table.Partitions.Select(p => p.Type).FirstOrDefault(t => t == GptPartitionTypes.RootX64 || t == GptPartitionTypes.RootArm64) switch
        {
            var t when t == GptPartitionTypes.RootX64 => "amd64",
            var t when t == GptPartitionTypes.RootArm64 => "arm64",
            _ => null,
        };
    }
}
