using Firmware.Image.Spec;
using Firmware.Oci.Model;

namespace Firmware.Image.Build;

/// <summary>What to build: a spec, for one platform, with its images read from where <see cref="Sources"/> says.</summary>
public sealed record RootfsBuildRequest
{
    /// <summary>The validated spec.</summary>
    public required ImageSpec Spec { get; init; }

    /// <summary>The platform (linux/amd64 or linux/arm64).</summary>
    public required Platform Platform { get; init; }

    /// <summary>Where each reference is read from.</summary>
    public ImageSourceMap Sources { get; init; } = ImageSourceMap.Empty;

    /// <summary>SOURCE_DATE_EPOCH, or null.</summary>
    public long? SourceDateEpoch { get; init; }
}
