using System.Net;
using System.Net.Http.Headers;
using Firmware.Device.Updates;

namespace Firmware.Device.Sources;

/// <summary>
/// A bundle at an HTTP(S) URL, read with Range requests (RFC 9110 §14): opening at an offset asks
/// for <c>bytes=OFFSET-</c>, and a connection that drops mid-body is resumed where it stopped, up to
/// <see cref="MaxResumes"/> times per open. Resumed requests carry <c>If-Range</c> with the first
/// response's entity tag, so a bundle replaced on the server is never stitched onto the old one.
/// </summary>
public sealed class HttpBundleSource : IBundleSource
{
    /// <summary>The plain HTTP scheme.</summary>
    public const string Http = "http";

    /// <summary>The HTTPS scheme.</summary>
    public const string Https = "https";

    private readonly HttpClient _http;

    /// <summary>Creates the source.</summary>
    public HttpBundleSource(Uri uri, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(http);
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"'{uri}' is not an http or https URL.", nameof(uri));
        }

        Uri = uri;
        _http = http;
    }

    /// <summary>The bundle's URL.</summary>
    public Uri Uri { get; }

    /// <summary>How many times one open resumes a dropped body before giving up (a transient failure).</summary>
    public int MaxResumes { get; init; } = 5;

    /// <inheritdoc/>
    public string Location => Uri.AbsoluteUri;

    /// <inheritdoc/>
    public bool Resumable => true;

    /// <inheritdoc/>
    public string? LocalPath => null;

    /// <inheritdoc/>
    public async Task<Stream> OpenAsync(long offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var (body, tag) = await RequestAsync(offset, null, cancellationToken);
        return new HttpResumingStream(this, body, offset, tag);
    }

    /// <summary>Requests the body from <paramref name="offset"/>; returns it and the entity tag to resume against.</summary>
    internal async Task<(Stream Body, EntityTagHeaderValue? Tag)> RequestAsync(long offset, EntityTagHeaderValue? ifRange, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Uri);
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
            if (ifRange is not null)
            {
                request.Headers.IfRange = new RangeConditionHeaderValue(ifRange);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new UpdateException(UpdateError.SourceUnavailable, transient: true, $"{Uri}: {e.Message}", e);
        }

        try
        {
            return (await CheckAsync(response, offset, ifRange, cancellationToken), response.Headers.ETag);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<Stream> CheckAsync(HttpResponseMessage response, long offset, EntityTagHeaderValue? ifRange, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        if (offset > 0 && status == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From == offset)
        {
            return await response.Content.ReadAsStreamAsync(cancellationToken);
        }

        if (offset == 0 && status == HttpStatusCode.OK)
        {
            return await response.Content.ReadAsStreamAsync(cancellationToken);
        }

        if (offset > 0 && status == HttpStatusCode.OK && ifRange is not null)
        {
            throw new UpdateException(UpdateError.BundleChanged, transient: false, $"{Uri}: the bundle changed on the server while it was being downloaded");
        }

        var transient = (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
        var detail = offset > 0 && status == HttpStatusCode.OK ? "the server ignores Range requests" : $"HTTP {(int)status} {response.ReasonPhrase}";
        throw new UpdateException(UpdateError.SourceUnavailable, transient, $"{Uri}: {detail} (from byte {offset})");
    }
}
