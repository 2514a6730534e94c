namespace Firmware.Image.Packages;

/// <summary>What <c>fwtool pkg build</c> was asked to make.</summary>
public sealed record PackageBuildRequest
{
    /// <summary>The package directory, holding pkg.yml and the files it names.</summary>
    public required string Directory { get; init; }

    /// <summary>The OCI layout directory to write; replaced whole if it already holds a layout.</summary>
    public required string Output { get; init; }

    /// <summary>The tag the image gets in the layout's index.json.</summary>
    public string Tag { get; init; } = "latest";

    /// <summary>The architectures to build; null for pkg.yml's list. Each must be one pkg.yml lists.</summary>
    public IReadOnlyList<string>? Architectures { get; init; }

    /// <summary>The time stamped on every file and on the configs (SOURCE_DATE_EPOCH); the epoch when unset.</summary>
    public DateTimeOffset SourceDate { get; init; } = DateTimeOffset.UnixEpoch;
}
