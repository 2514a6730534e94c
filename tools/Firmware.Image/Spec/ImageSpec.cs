namespace Firmware.Image.Spec;

/// <summary>
/// A validated image spec (firmware/images/*.yml, docs/image-spec.md): LinuxKit's shape (kernel,
/// init, onboot, onshutdown, services, files, volumes) plus the A/B <see cref="Firmware"/> section.
/// </summary>
public sealed record ImageSpec
{
    /// <summary>The first id LinuxKit allots to containers by name.</summary>
    public const uint FirstContainerId = 100;

    /// <summary>The file it was read from, for messages and for resolving relative paths.</summary>
    public required string Source { get; init; }

    /// <summary>The kernel, or null.</summary>
    public KernelSpec? Kernel { get; init; }

    /// <summary>The init images, whose files form the base of the root filesystem, in order.</summary>
    public required IReadOnlyList<ImageReference> Init { get; init; }

    /// <summary>Containers run at boot, in order.</summary>
    public required IReadOnlyList<ContainerSpec> Onboot { get; init; }

    /// <summary>Containers run at shutdown, in order.</summary>
    public required IReadOnlyList<ContainerSpec> Onshutdown { get; init; }

    /// <summary>Long-running containers.</summary>
    public required IReadOnlyList<ContainerSpec> Services { get; init; }

    /// <summary>Files added to the root filesystem, in order.</summary>
    public required IReadOnlyList<FileEntry> Files { get; init; }

    /// <summary>Named volumes.</summary>
    public required IReadOnlyList<VolumeSpec> Volumes { get; init; }

    /// <summary>LinuxKit's legacy content-trust section, or null.</summary>
    public ContentTrust? ContentTrust { get; init; }

    /// <summary>The A/B firmware section, or null.</summary>
    public FirmwareSection? Firmware { get; init; }

    /// <summary>Every container, in LinuxKit's order: onboot, onshutdown, services.</summary>
    public IEnumerable<ContainerSpec> Containers => Onboot.Concat(Onshutdown).Concat(Services);

    /// <summary>The ids LinuxKit allots by container name: 100, 101, ... in <see cref="Containers"/> order.</summary>
    public IReadOnlyDictionary<string, uint> ContainerIds() =>
        Containers.Select((c, i) => (c.Name, Id: FirstContainerId + (uint)i)).ToDictionary(p => p.Name, p => p.Id, StringComparer.Ordinal);
}
