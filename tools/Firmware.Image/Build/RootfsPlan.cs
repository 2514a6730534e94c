using Firmware.Image.Spec;
using Firmware.Oci.Model;

namespace Firmware.Image.Build;

/// <summary>
/// Everything a root filesystem build does, decided before anything is unpacked: each image
/// resolved to a manifest digest for one platform, each container's config.json, each file's
/// bytes and owner. <see cref="RootfsExecutor"/> applies it.
/// </summary>
public sealed record RootfsPlan
{
    /// <summary>The spec planned.</summary>
    public required ImageSpec Spec { get; init; }

    /// <summary>The platform every image was resolved for.</summary>
    public required Platform Platform { get; init; }

    /// <summary>The kernel image, recorded only, or null when the spec has no kernel.</summary>
    public PlannedImage? Kernel { get; init; }

    /// <summary>The init images, in order.</summary>
    public required IReadOnlyList<PlannedImage> Init { get; init; }

    /// <summary>The containers: onboot, onshutdown, then services, each in spec order.</summary>
    public required IReadOnlyList<PlannedContainer> Containers { get; init; }

    /// <summary>The files section, in order.</summary>
    public required IReadOnlyList<PlannedFile> Files { get; init; }

    /// <summary>SOURCE_DATE_EPOCH: the mtime of generated entries and the ceiling of all others; null keeps the layers' times.</summary>
    public long? SourceDateEpoch { get; init; }

    /// <summary>Every image of the plan: kernel, init images, container images.</summary>
    public IEnumerable<PlannedImage> Images =>
        (Kernel is null ? [] : new[] { Kernel }).Concat(Init).Concat(Containers.Select(c => c.Image));
}
