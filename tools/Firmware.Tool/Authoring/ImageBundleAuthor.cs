using Firmware.Bundles;
using Firmware.Image.Build;
using Firmware.Signing;

namespace Firmware.Tool.Authoring;

/// <summary>The image build's bundles, written by <see cref="BundleAuthoring"/> exactly as <c>fwtool bundle create</c> writes them.</summary>
/// <param name="keys">The release keys that sign.</param>
/// <param name="created">The creation time (SOURCE_DATE_EPOCH for reproducible bundles).</param>
/// <param name="lifetime">How long the bundle may be installed.</param>
public sealed class ImageBundleAuthor(IReadOnlyList<SigningKey> keys, DateTimeOffset created, TimeSpan lifetime) : IBundleAuthor
{
    /// <inheritdoc/>
    public async Task<long> WriteAsync(string compatible, string version, IReadOnlyList<(string Name, string Path)> payloads, string output, CancellationToken cancellationToken)
    {
        await BundleAuthoring.CreateAsync(new BundleRequest
        {
            Boards = [compatible],
            Version = version,
            Created = created,
            Lifetime = lifetime,
            Payloads = payloads,
            Keys = keys,
            Encoding = new PayloadEncoding(),
        }, output, overwrite: false, cancellationToken);
        return new FileInfo(output).Length;
    }
}
