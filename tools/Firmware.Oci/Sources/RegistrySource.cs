using System.Security.Cryptography;
using Firmware.Oci.Blobs;
using Firmware.Oci.Model;
using Firmware.Oci.Registry;

namespace Firmware.Oci.Sources;

/// <summary>
/// Images in a registry, over the distribution API v2: <c>docker://[host/]name[:tag][@digest]</c>.
/// Manifests are asked for with every manifest and index type in Accept, hashed whole, and
/// checked against the digest they were asked by and against Docker-Content-Digest when the
/// registry sends it; blobs (redirects followed) are checked while they stream.
/// </summary>
public sealed class RegistrySource : IImageSource
{
    private readonly RegistryClient _client;

    /// <summary>A source that sends its requests through <paramref name="http"/>.</summary>
    public RegistrySource(HttpClient http, RegistryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _client = new RegistryClient(http, options ?? new RegistryOptions());
    }

    /// <inheritdoc/>
    public string Name => ImageSources.Registry;

    /// <inheritdoc/>
    public async Task<ResolvedImage> ResolveAsync(string location, Platform platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var reference = ImageReference.Parse(location);
        var image = $"{Name}://{reference}";
        var root = await GetManifestAsync(reference, reference.ManifestReference, reference.Digest, image, cancellationToken);
        return await ImageResolver.ResolveAsync(Name, reference.ToString(), root, platform,
            (descriptor, ct) => GetManifestAsync(reference, descriptor.Digest.ToString(), descriptor.Digest, image, ct),
            async (descriptor, ct) =>
            {
                await using var blob = await OpenAsync(reference, descriptor, image, ct);
                return await blob.ReadAllAsync(ct);
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<VerifiedBlob> OpenBlobAsync(ResolvedImage image, Descriptor blob, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(blob);
        return OpenAsync(ImageReference.Parse(image.Location), blob, image.DisplayName, cancellationToken);
    }

    private async Task<VerifiedBlob> OpenAsync(ImageReference reference, Descriptor blob, string image, CancellationToken cancellationToken)
    {
        var url = new Uri(_client.BaseUri(reference), $"{reference.Repository}/blobs/{blob.Digest}");
        var response = await _client.GetAsync(reference, url, ["*/*"], image, cancellationToken);
        try
        {
            // The size is bounded before a byte of the body is read.
            if (response.Content.Headers.ContentLength is { } length && length != blob.Size)
            {
                throw new OciException(length > blob.Size ? OciError.Oversized : OciError.Truncated,
                    $"{image}: blob {blob.Digest} from {url} is {length} bytes, not the {blob.Size} its descriptor says");
            }

            var body = _client.Guard(await response.Content.ReadAsStreamAsync(cancellationToken), $"{image}: {url}", response);
            return new VerifiedBlob(blob, new VerifyingStream(body, blob, $"{image} ({url})"));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<ManifestDocument> GetManifestAsync(ImageReference reference, string manifestReference, Digest? expected, string image, CancellationToken cancellationToken)
    {
        var url = new Uri(_client.BaseUri(reference), $"{reference.Repository}/manifests/{manifestReference}");
        using var response = await _client.GetAsync(reference, url, MediaTypes.ManifestAccept, image, cancellationToken);
        var bytes = await _client.ReadBoundedAsync(response, ImageResolver.MaxDocumentSize, $"{image}: manifest at {url}", cancellationToken);
        Digest? announced = null;
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var values) && !Digest.TryParse(values.FirstOrDefault(), out announced))
        {
            throw new OciException(OciError.RegistryFailed, $"{image}: {url} sent an invalid Docker-Content-Digest '{values.FirstOrDefault()}'");
        }

        // Hash what arrived, always: a tag names nothing verifiable, so the digest computed here is
        // what identifies the image from now on.
        var algorithm = expected?.Algorithm ?? announced?.Algorithm ?? "sha256";
        var actual = Digest.FromHash(algorithm, algorithm == "sha512" ? SHA512.HashData(bytes) : SHA256.HashData(bytes));
        if ((expected ?? announced) is { } wanted && wanted != actual)
        {
            throw new OciException(OciError.DigestMismatch,
                $"{image}: the manifest from {url} has digest {actual}, not {wanted} ({(expected is null ? "Docker-Content-Digest" : "the digest asked for")})");
        }

        if (expected is not null && announced is not null && announced.Algorithm == expected.Algorithm && announced != expected)
        {
            throw new OciException(OciError.DigestMismatch, $"{image}: {url} announced Docker-Content-Digest {announced} for {expected}");
        }

        try
        {
            return ManifestDocument.Parse(bytes, actual, response.Content.Headers.ContentType?.MediaType, image);
        }
        catch (OciException e)
        {
            throw new OciException(e.Error, $"{e.Message} (from {url})", e);
        }
    }
}
