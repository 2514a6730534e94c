using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Firmware.Chunking;
using Firmware.Versioning;

namespace Firmware.Bundles;

/// <summary>
/// Decoding and semantic checks of a manifest: everything that can be known about it without
/// trust or payload bytes. A manifest that passes describes a well-formed archive.
/// </summary>
public static class ManifestRules
{
    /// <summary>Compression name of zstd-compressed chunks.</summary>
    public const string Zstd = "zstd";

    /// <summary>Compression name of payloads stored as is.</summary>
    public const string None = "none";

    /// <summary>Decodes and validates a manifest.</summary>
    /// <exception cref="BundleException">A manifest error code.</exception>
    public static BundleManifest Parse(ReadOnlySpan<byte> utf8)
    {
        // Read the format first, so a newer manifest is reported as such rather than as unknown keys.
        var format = PeekFormat(utf8);
        if (format != BundleManifest.CurrentFormat)
        {
            throw new BundleException(BundleError.UnsupportedFormat, $"manifest format {format} is not supported (this reader implements {BundleManifest.CurrentFormat})", BundleEntryNames.Manifest);
        }

        var manifest = StrictJson.Decode(utf8, FirmwareJsonContext.Default.BundleManifest, BundleError.ManifestMalformed, BundleEntryNames.Manifest);
        RequireElements(manifest);
        Validate(manifest);
        return manifest;
    }

    /// <summary>Serializes a manifest (compact, reproducible).</summary>
    public static byte[] Serialize(BundleManifest manifest) => StrictJson.Encode(manifest, FirmwareJsonContext.Default.BundleManifest);

    /// <summary>Checks a decoded manifest's consistency.</summary>
    /// <exception cref="BundleException"><see cref="BundleError.ManifestInvalid"/>.</exception>
    public static void Validate(BundleManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        Check(manifest.Compatible.Count is > 0 and <= BundleLimits.MaxCompatible, $"compatible lists 1 to {BundleLimits.MaxCompatible} boards");
        foreach (var board in manifest.Compatible)
        {
            Check(IsValidBoard(board), $"board '{board}' is not 1-64 of [A-Za-z0-9._-]");
        }

        Check(manifest.Compatible.Distinct(StringComparer.Ordinal).Count() == manifest.Compatible.Count, "compatible names a board twice");
        Check(FirmwareVersion.TryParse(manifest.Version, out var version), $"version '{manifest.Version}' is not a semantic version");
        if (manifest.MinVersion is not null)
        {
            Check(FirmwareVersion.TryParse(manifest.MinVersion, out var floor), $"minVersion '{manifest.MinVersion}' is not a semantic version");
            Check(floor <= version, $"minVersion {manifest.MinVersion} is above version {manifest.Version}");
        }

        Check(manifest.Expires > manifest.Created, "expires is not after created");
        ValidateTrust(manifest.Trust ?? []);
        Check(manifest.Payloads.Count is > 0 and <= BundleLimits.MaxPayloads, $"a bundle has 1 to {BundleLimits.MaxPayloads} payloads");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var payload in manifest.Payloads)
        {
            Check(BundleEntryNames.IsValidPayloadName(payload.Name), $"payload name '{payload.Name}' is not 1-64 of [a-z0-9._-]");
            Check(names.Add(payload.Name), $"payload '{payload.Name}' is listed twice");
            ValidatePayload(payload);
        }
    }

    /// <summary>True when <paramref name="board"/> is a valid compatible string.</summary>
    public static bool IsValidBoard(string board) =>
        board.Length is > 0 and <= 64 && board.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static void ValidateTrust(IReadOnlyList<TrustReference> trust)
    {
        Check(trust.Count <= BundleLimits.MaxTrustFiles, $"at most {BundleLimits.MaxTrustFiles} trust files");
        for (var i = 0; i < trust.Count; i++)
        {
            Check(trust[i].Version >= 1, "trust versions start at 1");
            Check(i == 0 || trust[i].Version == trust[i - 1].Version + 1, "carried trust versions must be consecutive, oldest first");
            Check(IsDigest(trust[i].Sha256), $"trust {trust[i].Version}: sha256 is not 64 lowercase hex digits");
        }
    }

    private static void ValidatePayload(PayloadManifest payload)
    {
        var name = payload.Name;
        Check(payload.Compression is Zstd or None, $"payload '{name}': compression '{payload.Compression}' is not '{Zstd}' or '{None}'");
        Check(payload.Size > 0, $"payload '{name}' is empty");
        FastCdcChunker chunker;
        try
        {
            chunker = FastCdcChunker.FromParameters(payload.Chunking);
        }
        catch (ArgumentException e)
        {
            throw new BundleException(BundleError.ManifestInvalid, $"payload '{name}': chunking: {e.Message}", BundleEntryNames.Manifest, null, e);
        }

        Check(payload.Chunks.Count > 0, $"payload '{name}' has no chunks");
        long size = 0, stored = 0;
        for (var i = 0; i < payload.Chunks.Count; i++)
        {
            var chunk = payload.Chunks[i];
            Check(chunk.Size >= 1 && chunk.Size <= chunker.MaxSize, $"payload '{name}' chunk {i}: size {chunk.Size} is outside 1..{chunker.MaxSize}");
            Check(chunk.StoredSize >= 1 && chunk.StoredSize <= chunk.Size, $"payload '{name}' chunk {i}: stored size {chunk.StoredSize} is outside 1..{chunk.Size}");
            Check(IsDigest(chunk.Sha256) && IsDigest(chunk.StoredSha256), $"payload '{name}' chunk {i}: digests must be 64 lowercase hex digits");
            Check(payload.Compression == Zstd || chunk.StoredSize == chunk.Size, $"payload '{name}' chunk {i}: compressed, but the payload's compression is '{None}'");
            Check(chunk.StoredSize < chunk.Size || chunk.StoredSha256 == chunk.Sha256, $"payload '{name}' chunk {i}: stored as is, but its two digests differ");
            size += chunk.Size;
            stored += chunk.StoredSize;
        }

        Check(size == payload.Size, $"payload '{name}': chunks add up to {size} bytes, not the declared {payload.Size}");
        Check(stored == payload.StoredSize, $"payload '{name}': stored chunks add up to {stored} bytes, not the declared {payload.StoredSize}");
    }

    private static void RequireElements(BundleManifest manifest)
    {
        const BundleError error = BundleError.ManifestMalformed;
        const string entry = BundleEntryNames.Manifest;
        StrictJson.RequireElements(manifest.Compatible, "$.compatible", error, entry);
        StrictJson.RequireElements(manifest.Trust, "$.trust", error, entry);
        StrictJson.RequireElements(manifest.Payloads, "$.payloads", error, entry);
        for (var i = 0; i < manifest.Payloads.Count; i++)
        {
            StrictJson.RequireElements(manifest.Payloads[i].Chunks, $"$.payloads[{i}].chunks", error, entry);
        }
    }

    private static bool IsDigest(string hex) => hex.Length == 64 && hex.All(char.IsAsciiHexDigitLower);

    private static int PeekFormat(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new BundleException(BundleError.ManifestMalformed, "manifest is not a JSON object", BundleEntryNames.Manifest);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isFormat = reader.ValueTextEquals("format"u8);
                reader.Read();
                if (isFormat)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var format)
                        ? format
                        : throw new BundleException(BundleError.ManifestMalformed, "format is not an integer", BundleEntryNames.Manifest);
                }

                reader.Skip();
            }

            throw new BundleException(BundleError.ManifestMalformed, "manifest has no format", BundleEntryNames.Manifest);
        }
        catch (JsonException e)
        {
            throw new BundleException(BundleError.ManifestMalformed, $"manifest is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})", BundleEntryNames.Manifest, null, e);
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader accepts an escaped lone surrogate ("\ud800") while tokenizing and only
            // fails when the text is unescaped, as ValueTextEquals does, with this exception type.
            throw new BundleException(BundleError.ManifestMalformed, "manifest has a property name that is not valid UTF-16 (an unpaired surrogate escape)", BundleEntryNames.Manifest, null, e);
        }
    }

    private static void Check([DoesNotReturnIf(false)] bool condition, string message)
    {
        if (!condition)
        {
            throw new BundleException(BundleError.ManifestInvalid, message, BundleEntryNames.Manifest);
        }
    }
}
