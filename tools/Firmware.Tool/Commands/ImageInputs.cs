using System.CommandLine;
using System.Globalization;
using Firmware.Cli;
using Firmware.Oci.Blobs;

namespace Firmware.Tool.Commands;

/// <summary>The options every image command that resolves images shares: the blob cache and the source map.</summary>
internal sealed class ImageInputs
{
    public Option<string?> Cache { get; } = new("--cache") { Description = "The content-addressed blob cache; default $XDG_CACHE_HOME/fwtool/oci or ~/.cache/fwtool/oci." };

    public Option<string[]> Sources { get; } = new("--source")
    {
        Description = "Read a spec reference from elsewhere: REF=LOCATION, LOCATION as skopeo writes it (oci:DIR:TAG, oci-archive:FILE:TAG, docker-archive:FILE, docker://HOST/NAME:TAG). Repeatable.",
        AllowMultipleArgumentsPerToken = false,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Cache);
        command.Options.Add(Sources);
    }

    public BlobCache BlobCache(ParseResult result) =>
        new(result.GetValue(Cache) ?? Firmware.Oci.Blobs.BlobCache.DefaultRoot(Environment.GetEnvironmentVariable));

    /// <summary>SOURCE_DATE_EPOCH, or null when unset.</summary>
    public static long? SourceDateEpoch() => Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH") is { Length: > 0 } epoch
        ? long.TryParse(epoch, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw new UsageException($"SOURCE_DATE_EPOCH: '{epoch}' is not a number of seconds")
        : null;
}
