namespace Firmware.Disk.Gpt;

/// <summary>
/// Partition type GUIDs from the UEFI specification (the ESP) and the Discoverable Partitions
/// Specification (https://uapi-group.org/specifications/specs/discoverable_partitions_specification/),
/// so that systemd-gpt-auto-generator, the kernel's PARTUUID lookup and humans reading
/// <c>sfdisk -l</c> all know what each partition is.
/// </summary>
public static class GptPartitionTypes
{
    /// <summary>EFI System Partition (UEFI 2.10, 5.3.3).</summary>
    public static readonly Guid EfiSystem = new("c12a7328-f81f-11d2-ba4b-00a0c93ec93b");

    /// <summary>Root partition, x86-64 (DPS <c>SD_GPT_ROOT_X86_64</c>).</summary>
    public static readonly Guid RootX64 = new("4f68bce3-e8cd-4db1-96e7-fbcaf984b709");

    /// <summary>Root partition, 64-bit ARM (DPS <c>SD_GPT_ROOT_ARM64</c>).</summary>
    public static readonly Guid RootArm64 = new("b921b045-1df0-41c3-af44-4c6f280d3fae");

    /// <summary>Generic Linux data (DPS <c>SD_GPT_LINUX_GENERIC</c>): the persistent data partition.</summary>
    public static readonly Guid LinuxData = new("0fc63daf-8483-4772-8e79-3d69d8477de4");

    /// <summary>Microsoft basic data: FAT partitions that firmware other than UEFI reads (the
    /// Raspberry Pi's boot partitions).</summary>
    public static readonly Guid BasicData = new("ebd0a0a2-b9e5-4433-87c0-68b6b72699c7");

    /// <summary>Extended Boot Loader Partition (DPS <c>SD_GPT_XBOOTLDR</c>).</summary>
    public static readonly Guid ExtendedBoot = new("bc13c2ff-59e6-4262-a352-b275fd6f7172");

    /// <summary>The root type for an architecture name as OCI spells it ("amd64", "arm64").</summary>
    /// <exception cref="ArgumentException">An architecture without a root type here.</exception>
    public static Guid RootFor(string architecture) => architecture switch
    {
        "amd64" or "x86_64" => RootX64,
        "arm64" or "aarch64" => RootArm64,
        _ => throw new ArgumentException($"no root partition type for architecture '{architecture}'", nameof(architecture)),
    };
}
