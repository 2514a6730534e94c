namespace Firmware.Image.Build;

/// <summary>Why an image build was refused or failed.</summary>
public enum ImageBuildError
{
    /// <summary>The spec does not list the board among its <c>firmware.compatible</c> boards.</summary>
    BoardNotCompatible = 1,

    /// <summary>The board's bootloader is one this build cannot make an image for.</summary>
    BootloaderUnsupported,

    /// <summary>The spec has no kernel section, so no slot could boot.</summary>
    KernelMissing,

    /// <summary>The version given and the spec's <c>firmware.version</c> disagree.</summary>
    VersionConflict,

    /// <summary>A root filesystem is larger than its slot.</summary>
    RootTooLarge,

    /// <summary>The root has no static busybox for the initramfs.</summary>
    BusyboxMissing,

    /// <summary>A board's layout lacks a partition role the build fills.</summary>
    PartitionMissing,

    /// <summary>An input file is not what it should be (a slot-B root that is not a squashfs).</summary>
    InputInvalid,

    /// <summary>The board's partitions do not fit its disk.</summary>
    LayoutInvalid,

    /// <summary>A host tool failed or is missing.</summary>
    ToolFailed,

    /// <summary>A board booted by the Raspberry Pi firmware was built without a usable <c>--firmware</c> directory.</summary>
    FirmwareMissing,
}
