using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Firmware.Oci.Json;
using Firmware.Oci.Model;

namespace Firmware.Oci.Registry;

/// <summary>
/// HTTP for the distribution API v2 (OCI distribution-spec 1.1): the <c>GET /v2/</c> probe,
/// then requests that answer a 401 challenge once, with HTTP Basic or with a bearer token from
/// the challenge's realm (distribution, docs/spec/auth/token.md). Every failure becomes an
/// <see cref="OciException"/> naming the image and the URL.
/// </summary>
internal sealed class RegistryClient(HttpClient http, RegistryOptions options)
{
    private readonly ConcurrentDictionary<string, AuthChallenge?> _challenges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);

    /// <summary><c>http(s)://host/v2/</c>: plain HTTP for loopback and listed registries only.</summary>
    public Uri BaseUri(ImageReference reference)
    {
        var host = reference.ApiHost;
        var name = host.StartsWith('[') ? host[..(host.IndexOf(']', StringComparison.Ordinal) + 1)] : host.Split(':')[0];
        var plain = name is "localhost" or "[::1]" || (IPAddress.TryParse(name.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address))
            || options.PlainHttpRegistries.Contains(reference.Registry);
        return new Uri($"{(plain ? "http" : "https")}://{host}/v2/");
    }

    /// <summary>GETs <paramref name="url"/> with pull access to the reference's repository; the response is a success or an exception.</summary>
    public async Task<HttpResponseMessage> GetAsync(ImageReference reference, Uri url, IEnumerable<string> accept, string image, CancellationToken cancellationToken)
    {
        var scope = $"repository:{reference.Repository}:pull";
        var challenge = await ProbeAsync(reference, image, cancellationToken);
        var authorization = await AuthorizeAsync(reference, challenge, scope, image, refresh: false, cancellationToken);
        var response = await SendAsync(url, accept, authorization, image, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized && AuthChallenge.From(response.Headers) is { } fresh)
        {
            // A token for another scope, or one that expired: ask again, once, for what this challenge names.
            response.Dispose();
            authorization = await AuthorizeAsync(reference, fresh, fresh["scope"] ?? scope, image, refresh: true, cancellationToken);
            response = await SendAsync(url, accept, authorization, image, cancellationToken);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await FailureAsync(response, url, image, reference, cancellationToken);
        }
    }

    /// <summary>Reads a response body of at most <paramref name="limit"/> bytes, guarding against stalls.</summary>
    public async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, long limit, string what, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > limit)
        {
            throw new OciException(OciError.Oversized, $"{what}: the body is {response.Content.Headers.ContentLength} bytes; the limit is {limit}");
        }

        await using var body = Guard(await response.Content.ReadAsStreamAsync(cancellationToken), what, null);
        var buffer = new MemoryStream();
        var chunk = new byte[16384];
        for (int count; (count = await body.ReadAsync(chunk, cancellationToken)) > 0;)
        {
            if (buffer.Length + count > limit)
            {
                throw new OciException(OciError.Oversized, $"{what}: the body is longer than the limit of {limit} bytes");
            }

            buffer.Write(chunk, 0, count);
        }

        return buffer.ToArray();
    }

    /// <summary>Wraps a body so that a transfer that stops sending fails instead of hanging.</summary>
    public Stream Guard(Stream body, string what, IDisposable? owner) => new StallGuardStream(body, options.StallTimeout, options.Clock, what, owner);

    // GET /v2/ tells whether the registry wants authentication, and how (distribution-spec "Determining support").
    private async Task<AuthChallenge?> ProbeAsync(ImageReference reference, string image, CancellationToken cancellationToken)
    {
        if (_challenges.TryGetValue(reference.Registry, out var known))
        {
            return known;
        }

        var url = BaseUri(reference);
        using var response = await SendAsync(url, [], null, image, cancellationToken);
        var challenge = response.StatusCode switch
        {
            HttpStatusCode.OK => null,
            HttpStatusCode.Unauthorized => AuthChallenge.From(response.Headers)
                ?? throw new OciException(OciError.RegistryFailed, $"{image}: {url} answered 401 without a Basic or Bearer challenge"),
            _ => throw new OciException(OciError.RegistryFailed, $"{image}: {url} answered {(int)response.StatusCode} {response.ReasonPhrase}: not a registry (distribution API v2)"),
        };
        _challenges[reference.Registry] = challenge;
        return challenge;
    }

    private async Task<AuthenticationHeaderValue?> AuthorizeAsync(ImageReference reference, AuthChallenge? challenge, string scope, string image, bool refresh, CancellationToken cancellationToken)
    {
        var credentials = options.Credentials(reference.Registry);
        if (challenge is null)
        {
            return null;
        }

        if (challenge.IsBasic)
        {
            return credentials is null ? null : new AuthenticationHeaderValue("Basic", credentials.BasicValue);
        }

        var key = $"{reference.Registry}|{scope}";
        if (refresh || !_tokens.TryGetValue(key, out var token))
        {
            token = await FetchTokenAsync(challenge, scope, credentials, image, cancellationToken);
            _tokens[key] = token;
        }

        return new AuthenticationHeaderValue("Bearer", token);
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, IEnumerable<string> accept, AuthenticationHeaderValue? authorization, string image, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var type in accept)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        request.Headers.Authorization = authorization;
        using var timeout = new CancellationTokenSource(options.ResponseTimeout, options.Clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new OciException(OciError.Timeout, $"{image}: {url} did not answer within {options.ResponseTimeout.TotalSeconds:0.#} s", e);
        }
        catch (HttpRequestException e)
        {
            throw new OciException(OciError.RegistryFailed, $"{image}: cannot reach {url}: {e.Message}", e);
        }
    }

    private async Task<OciException> FailureAsync(HttpResponseMessage response, Uri url, string image, ImageReference reference, CancellationToken cancellationToken)
    {
        var detail = await SnippetAsync(response, cancellationToken);
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}{detail}";
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new OciException(OciError.Unauthorized,
                $"{image}: {url} refused {(options.Credentials(reference.Registry) is { } c ? $"the credentials of '{c.Username}'" : "anonymous access")} ({status})"),
            HttpStatusCode.NotFound => new OciException(OciError.NotFound, $"{image}: not found at {url} ({status})"),
            _ => new OciException(OciError.RegistryFailed, $"{image}: {url} answered {status}"),
        };
    }

    // The start of an error body (registries send {"errors":[{"code":...}]}), on one line.
    private async Task<string> SnippetAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await ReadBoundedAsync(response, 64 << 10, "error body", cancellationToken);
            var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)).ReplaceLineEndings(" ").Trim();
            return text.Length == 0 ? "" : $": {text}";
        }
        catch (OciException)
        {
            return "";
        }
    }

    private async Task<string> FetchTokenAsync(AuthChallenge challenge, string scope, RegistryCredentials? credentials, string image, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(challenge["realm"], UriKind.Absolute, out var realm) || realm.Scheme is not ("http" or "https"))
        {
            throw new OciException(OciError.RegistryFailed, $"{image}: the registry's Bearer challenge has no usable realm ('{challenge["realm"]}')");
        }

        var query = new List<string>();
        if (challenge["service"] is { } service)
        {
            query.Add("service=" + Uri.EscapeDataString(service));
        }

        query.Add("scope=" + Uri.EscapeDataString(scope));
        var url = new UriBuilder(realm) { Query = string.Join('&', new[] { realm.Query.TrimStart('?') }.Where(q => q.Length > 0).Concat(query)) }.Uri;
        var authorization = credentials is null ? null : new AuthenticationHeaderValue("Basic", credentials.BasicValue);
        using var response = await SendAsync(url, ["application/json"], authorization, image, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new OciException(OciError.Unauthorized,
                $"{image}: the token server {realm} refused {(credentials is null ? "anonymous access" : $"the credentials of '{credentials.Username}'")} ({(int)response.StatusCode})");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new OciException(OciError.RegistryFailed, $"{image}: the token server {url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        var body = await ReadBoundedAsync(response, 1 << 20, $"{image}: token from {realm}", cancellationToken);
        TokenResponse answer;
        try
        {
            answer = OciDocuments.Parse(body, OciJsonContext.Default.TokenResponse, $"the token server's answer ({url})");
        }
        catch (OciException e)
        {
            throw new OciException(OciError.RegistryFailed, $"{image}: {e.Message}", e);
        }

        return answer.Token ?? answer.AccessToken
            ?? throw new OciException(OciError.RegistryFailed, $"{image}: the token server {url} sent no token");
    }
}
