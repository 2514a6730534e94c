using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Firmware.Fleet.Controller.Api;

/// <summary>The CLI's side of the control API (<see cref="ControlServer"/>).</summary>
public sealed class ControlClient(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(10) };

    /// <summary>Every device.</summary>
    public Task<DeviceView[]> DevicesAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "api/devices", null, ApiJsonContext.Default.DeviceViewArray, cancellationToken);

    /// <summary>Every rollout.</summary>
    public Task<RolloutView[]> RolloutsAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "api/rollouts", null, ApiJsonContext.Default.RolloutViewArray, cancellationToken);

    /// <summary>One rollout.</summary>
    public Task<RolloutView> RolloutAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "api/rollouts/" + Uri.EscapeDataString(id), null, ApiJsonContext.Default.RolloutView, cancellationToken);

    /// <summary>Uploads a bundle to the store (the controller verifies it).</summary>
    public Task<BundleView> AddBundleAsync(Stream bundle, CancellationToken cancellationToken)
    {
        var content = new StreamContent(bundle);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return SendAsync(HttpMethod.Post, "api/bundles", content, ApiJsonContext.Default.BundleView, cancellationToken);
    }

    /// <summary>Starts a rollout.</summary>
    public Task<RolloutView> StartAsync(RolloutRequest request, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, ApiJsonContext.Default.RolloutRequest));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return SendAsync(HttpMethod.Post, "api/rollouts", content, ApiJsonContext.Default.RolloutView, cancellationToken);
    }

    /// <summary>Pauses, resumes or aborts a rollout (<paramref name="verb"/>).</summary>
    public Task<RolloutView> ActAsync(string id, string verb, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"api/rollouts/{Uri.EscapeDataString(id)}/{verb}", null, ApiJsonContext.Default.RolloutView, cancellationToken);

    /// <summary>The /metrics text.</summary>
    public async Task<string> MetricsAsync(CancellationToken cancellationToken)
    {
        using var response = await Exchange(new HttpRequestMessage(HttpMethod.Get, "metrics"), cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await Exchange(new HttpRequestMessage(method, path) { Content = content }, cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync(body, type, cancellationToken).ConfigureAwait(false)
            ?? throw new ControlException(new ErrorView("internal", $"{path}: empty answer"));
    }

    private async Task<HttpResponseMessage> Exchange(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ControlException(new ErrorView("unreachable", $"no controller at {_http.BaseAddress}: {e.Message} (is fwtool fleet serve running with --listen there?)"));
        }
        finally
        {
            request.Dispose();
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            ErrorView? error;
            try
            {
                error = JsonSerializer.Deserialize(text, ApiJsonContext.Default.ErrorView);
            }
            catch (JsonException)
            {
                error = null;
            }

            throw new ControlException(error ?? new ErrorView("internal", $"{(int)response.StatusCode}: {text}"));
        }
    }
}
