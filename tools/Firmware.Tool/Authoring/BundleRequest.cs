using Firmware.Bundles;
using Firmware.Signing;
using Firmware.Trust;

namespace Firmware.Tool.Authoring;

/// <summary>Everything <see cref="BundleAuthoring"/> needs to make a bundle from files.</summary>
public sealed record BundleRequest
{
    /// <summary>Board compatible strings.</summary>
    public required IReadOnlyList<string> Boards { get; init; }

    /// <summary>The version the bundle installs.</summary>
    public required string Version { get; init; }

    /// <summary>The anti-rollback floor the bundle sets, if any.</summary>
    public string? MinVersion { get; init; }

    /// <summary>Creation time (SOURCE_DATE_EPOCH for reproducible output).</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>How long the bundle may be installed after creation.</summary>
    public required TimeSpan Lifetime { get; init; }

    /// <summary>Payload names and the files that hold them, in bundle order.</summary>
    public required IReadOnlyList<(string Name, string Path)> Payloads { get; init; }

    /// <summary>Release keys that sign the manifest.</summary>
    public required IReadOnlyList<SigningKey> Keys { get; init; }

    /// <summary>Trust files to carry, oldest first.</summary>
    public IReadOnlyList<TrustFile> CarriedTrust { get; init; } = [];

    /// <summary>If set, the signers must satisfy this trust's release role, or nothing is written.</summary>
    public TrustFile? CheckAgainst { get; init; }

    /// <summary>Chunking and compression.</summary>
    public PayloadEncoding Encoding { get; init; } = new();
}
