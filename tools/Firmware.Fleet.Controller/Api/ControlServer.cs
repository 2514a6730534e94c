using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Firmware.Bundles;
using Firmware.Fleet.Controller.Bundles;

namespace Firmware.Fleet.Controller.Api;

/// <summary>
/// /metrics and the control API on one loopback HTTP port (docs/fleet.md, "Control API"), over
/// <see cref="HttpListener"/>: no web framework, nothing beyond the base library. Every request is
/// answered from the engine's loop, so what it reports is one consistent moment.
/// <code>
/// GET  /metrics                          Prometheus text
/// GET  /api/devices                      DeviceView[]
/// GET  /api/rollouts[/ID]                RolloutView[] or RolloutView
/// POST /api/bundles                      body: the .fwb; verified, stored: BundleView
/// POST /api/rollouts                     body: RolloutRequest: RolloutView (201)
/// POST /api/rollouts/ID/pause|resume|abort                  RolloutView
/// </code>
/// Errors: 400 usage, 404 unknown rollout, 409 not possible in its state, 422 bundle rejected; body an <see cref="ErrorView"/>.
/// </summary>
public sealed class ControlServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly FleetController _controller;
    private readonly Action<string> _log;

    private ControlServer(IPEndPoint endpoint, FleetController controller, Action<string> log)
    {
        Url = new Uri($"http://{endpoint}/");
        _controller = controller;
        _log = log;
        _listener.Prefixes.Add(Url.ToString());
    }

    /// <summary>The base URL.</summary>
    public Uri Url { get; }

    /// <summary>Listens on <paramref name="endpoint"/>, which must be a loopback address.</summary>
    /// <exception cref="ArgumentException">Not a loopback address: the API has no authentication.</exception>
    public static ControlServer Start(IPEndPoint endpoint, FleetController controller, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!IPAddress.IsLoopback(endpoint.Address))
        {
            throw new ArgumentException($"{endpoint}: the control API listens on loopback only (it has no authentication)", nameof(endpoint));
        }

        var server = new ControlServer(endpoint, controller, log);
        server._listener.Start();
        _ = server.AcceptAsync();
        return server;
    }

    /// <inheritdoc/>
    public void Dispose() => _listener.Close();

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            await RouteAsync(context.Request, response).ConfigureAwait(false);
        }
        catch (Exception e) when (Classify(e) is { } error)
        {
            await WriteAsync(response, error.Status, error.View, ApiJsonContext.Default.ErrorView).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _log($"control API: {context.Request.HttpMethod} {context.Request.Url?.AbsolutePath}: {e}");
            await WriteAsync(response, 500, new ErrorView("internal", e.Message), ApiJsonContext.Default.ErrorView).ConfigureAwait(false);
        }
        finally
        {
            response.Close();
        }
    }

    private async Task RouteAsync(HttpListenerRequest request, HttpListenerResponse response)
    {
        var path = (request.Url?.AbsolutePath ?? "/").TrimEnd('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var json = ApiJsonContext.Default;
        switch (request.HttpMethod, path)
        {
            case ("GET", ["metrics"]):
                var text = await _controller.RunAsync(engine => Task.FromResult(MetricsWriter.Write(engine, _controller.Counters))).ConfigureAwait(false);
                response.ContentType = MetricsWriter.ContentType;
                await WriteAsync(response, 200, Encoding.UTF8.GetBytes(text)).ConfigureAwait(false);
                break;
            case ("GET", ["api", "devices"]):
                await WriteAsync(response, 200, await _controller.RunAsync(engine => Task.FromResult(Views.Devices(engine))).ConfigureAwait(false), json.DeviceViewArray).ConfigureAwait(false);
                break;
            case ("GET", ["api", "rollouts"]):
                await WriteAsync(response, 200, await _controller.RunAsync(engine => Task.FromResult(engine.Rollouts.Select(r => Views.Rollout(engine, r)).ToArray())).ConfigureAwait(false), json.RolloutViewArray).ConfigureAwait(false);
                break;
            case ("GET", ["api", "rollouts", var id]):
                await WriteAsync(response, 200, await _controller.RunAsync(engine => Task.FromResult(engine.Rollout(id) is { } r ? Views.Rollout(engine, r) : throw NotFound(id))).ConfigureAwait(false), json.RolloutView).ConfigureAwait(false);
                break;
            case ("POST", ["api", "bundles"]):
                var bundle = await _controller.Store.AddAsync(request.InputStream, CancellationToken.None).ConfigureAwait(false);
                _log($"bundle {bundle.Id} ({bundle.Version}) stored");
                await WriteAsync(response, 201, new BundleView(bundle.Id, bundle.Version, bundle.Compatible, bundle.Size, bundle.Layout.Count), json.BundleView).ConfigureAwait(false);
                break;
            case ("POST", ["api", "rollouts"]):
                var spec = (await JsonSerializer.DeserializeAsync(request.InputStream, json.RolloutRequest).ConfigureAwait(false) ?? throw new ArgumentException("empty request")).ToSpec();
                var stored = await _controller.Store.GetAsync(spec.BundleId, CancellationToken.None).ConfigureAwait(false)
                    ?? throw new ArgumentException($"bundle {spec.BundleId} is not in the store");
                var started = await _controller.RunAsync(engine =>
                {
                    var (rollout, outgoing) = engine.Start(spec, stored);
                    return (Views.Rollout(engine, rollout), outgoing);
                }).ConfigureAwait(false);
                await WriteAsync(response, 201, started, json.RolloutView).ConfigureAwait(false);
                break;
            case ("POST", ["api", "rollouts", var id, var verb and ("pause" or "resume" or "abort")]):
                var view = await _controller.RunAsync(engine =>
                {
                    var rollout = engine.Rollout(id) ?? throw NotFound(id);
                    IReadOnlyList<Engine.Outgoing>? outgoing = [];
                    var done = verb switch
                    {
                        "pause" => engine.Pause(id),
                        "resume" => engine.Resume(id),
                        _ => (outgoing = engine.Abort(id)) is not null,
                    };
                    return done ? (Views.Rollout(engine, engine.Rollout(id)!), outgoing ?? [])
                        : throw new InvalidOperationException($"rollout {id} is {rollout.State.Name}: cannot {verb}");
                }).ConfigureAwait(false);
                await WriteAsync(response, 200, view, json.RolloutView).ConfigureAwait(false);
                break;
            default:
                await WriteAsync(response, 404, new ErrorView("notFound", $"{request.HttpMethod} {request.Url?.AbsolutePath}: no such endpoint"), json.ErrorView).ConfigureAwait(false);
                break;
        }
    }

    private static KeyNotFoundException NotFound(string id) => new($"no rollout {id}");

    private static (int Status, ErrorView View)? Classify(Exception e) => e switch
    {
        ArgumentException a => (400, new ErrorView("usage", Rollouts.RolloutArguments.Describe(a))),
        JsonException => (400, new ErrorView("usage", e.Message)),
        KeyNotFoundException => (404, new ErrorView("notFound", e.Message)),
        InvalidOperationException => (409, new ErrorView("conflict", e.Message)),
        BundleException b => (422, new ErrorView("bundle", b.Describe(), (int)b.Class)),
        BundleStoreException => (422, new ErrorView("bundle", e.Message)),
        _ => null,
    };

    private static Task WriteAsync<T>(HttpListenerResponse response, int status, T value, JsonTypeInfo<T> type)
    {
        response.ContentType = "application/json";
        return WriteAsync(response, status, JsonSerializer.SerializeToUtf8Bytes(value, type));
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, byte[] body)
    {
        response.StatusCode = status;
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
    }
}
