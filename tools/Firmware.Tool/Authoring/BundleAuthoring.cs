using Firmware.Bundles;
using Firmware.Cli;

namespace Firmware.Tool.Authoring;

/// <summary>
/// Makes a bundle file from payload files. The manifest comes first in the archive but needs
/// every chunk's digest, so payloads are encoded into scratch files beside the output first,
/// then the archive is written in one pass and renamed into place.
/// </summary>
public static class BundleAuthoring
{
    /// <summary>Creates the bundle at <paramref name="outputPath"/>.</summary>
    /// <returns>The manifest written.</returns>
    public static async Task<BundleManifest> CreateAsync(BundleRequest request, string outputPath, bool overwrite, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        if (!overwrite && File.Exists(outputPath))
        {
            throw new IOException($"{outputPath} exists; refusing to overwrite it");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        var scratch = new Dictionary<string, FileStream>(StringComparer.Ordinal);
        try
        {
            var payloads = new List<PayloadManifest>();
            foreach (var (name, path) in request.Payloads)
            {
                var stored = Scratch(directory, name);
                scratch[name] = stored;
                var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
                await using (source.ConfigureAwait(false))
                {
                    payloads.Add(await PayloadEncoder.EncodeAsync(name, source, stored, request.Encoding, cancellationToken));
                }

                stored.Position = 0;
            }

            var manifest = new BundleManifest
            {
                Format = BundleManifest.CurrentFormat,
                Compatible = request.Boards,
                Version = request.Version,
                MinVersion = request.MinVersion,
                Created = request.Created,
                Expires = request.Created + request.Lifetime,
                Trust = request.CarriedTrust.Count == 0 ? null : request.CarriedTrust.Select(t => new TrustReference { Version = t.Version, Sha256 = t.Sha256 }).ToList(),
                Payloads = payloads,
            };
            CheckSigners(request);

            await OutputFile.WriteAsync(outputPath, overwrite, output =>
                BundleWriter.WriteAsync(output, manifest, request.Keys, request.CarriedTrust, p => scratch[p.Name], cancellationToken),
                cancellationToken: cancellationToken);
            return manifest;
        }
        finally
        {
            foreach (var stream in scratch.Values)
            {
                await stream.DisposeAsync();
            }
        }
    }

    // Refuse to publish a bundle the devices would reject for its signatures.
    private static void CheckSigners(BundleRequest request)
    {
        if (request.CheckAgainst is not { } trust)
        {
            return;
        }

        var effective = request.CarriedTrust.Count > 0 ? request.CarriedTrust[^1] : trust;
        var threshold = effective.Document.Roles.Release.Threshold;
        var known = request.Keys.Select(k => k.KeyId).Distinct(StringComparer.Ordinal).Count(effective.ReleaseKeys.ContainsKey);
        if (known < threshold)
        {
            throw new BundleException(known == 0 ? BundleError.UnknownSigner : BundleError.ThresholdNotMet,
                $"the signing keys hold {known} of the {threshold} release signature(s) trust version {effective.Version} requires", "--key");
        }
    }

    private static FileStream Scratch(string directory, string name) =>
        new(Path.Combine(directory, $".{name}.{Environment.ProcessId}.stored.tmp"),
            new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.ReadWrite,
                Options = FileOptions.DeleteOnClose,
                BufferSize = 1 << 20,
            });
}
