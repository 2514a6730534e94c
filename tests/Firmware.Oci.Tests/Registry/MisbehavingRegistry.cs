using System.Net;
using System.Text;
using Firmware.Oci.Model;

namespace Firmware.Oci.Tests.Registry;

/// <summary>
/// A loopback HTTP server that speaks just enough of the distribution API to misbehave on
/// purpose, which no real registry does on demand. It serves the amd64 image of a layout written
/// by the test (blobs through a 307 redirect, as registries on object storage do), and under other
/// repository names: a 500, a garbage manifest, a lying Docker-Content-Digest, a corrupt layer,
/// headers that never come, and a body that stops.
/// </summary>
internal sealed class MisbehavingRegistry : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _layout;
    private readonly Descriptor _manifest;
    private readonly Digest _layer;
    private volatile bool _corruptNext;

    public MisbehavingRegistry(string layout, Descriptor manifest, Digest layer)
    {
        _layout = layout;
        _manifest = manifest;
        _layer = layer;
        Port = LoopbackPort.Free();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var context = await _listener.GetContextAsync();
                _ = Task.Run(() => ServeAsync(context));
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var path = context.Request.Url!.AbsolutePath;
            var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (path == "/v2/")
            {
                await SendAsync(response, "{}"u8.ToArray(), "application/json");
            }
            else if (parts is ["storage", var hex])
            {
                var bytes = Blob(hex);
                if (hex == _layer.Hex && _corruptNext)
                {
                    bytes[bytes.Length / 2] ^= 0x40;
                }

                await SendAsync(response, bytes, "application/octet-stream");
            }
            else if (parts is ["v2", "bad", var behaviour, "manifests", _])
            {
                await MisbehaveAsync(response, behaviour);
            }
            else if (parts is ["v2", "good" or "corrupt", "manifests", _])
            {
                await SendAsync(response, Blob(_manifest.Digest.Hex), MediaTypes.OciManifest, _manifest.Digest);
            }
            else if (parts is ["v2", var name, "blobs", var digest])
            {
                _corruptNext = name == "corrupt";
                response.StatusCode = 307;
                response.RedirectLocation = $"http://{Host}/storage/{Digest.Parse(digest).Hex}";
            }
            else
            {
                response.StatusCode = 404;
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            return;
        }

        response.Close();
    }

    private async Task MisbehaveAsync(HttpListenerResponse response, string behaviour)
    {
        switch (behaviour)
        {
            case "status":
                response.StatusCode = 500;
                await SendAsync(response, "internal error, try later"u8.ToArray(), "text/plain");
                break;
            case "garbage":
                await SendAsync(response, "<html><body>502 Bad Gateway</body></html>"u8.ToArray(), MediaTypes.OciManifest);
                break;
            case "lying":
                await SendAsync(response, Blob(_manifest.Digest.Hex), MediaTypes.OciManifest, Digest.Sha256("something else"u8));
                break;
            case "silent":
                await Task.Delay(Timeout.Infinite, _stop.Token);
                break;
            case "stall":
                response.ContentType = MediaTypes.OciManifest;
                response.ContentLength64 = 1000;
                await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes("{\"schemaVersion\":2,"));
                await response.OutputStream.FlushAsync();
                await Task.Delay(Timeout.Infinite, _stop.Token);
                break;
        }
    }

    private byte[] Blob(string hex) => File.ReadAllBytes(Path.Combine(_layout, "blobs", "sha256", hex));

    private static async Task SendAsync(HttpListenerResponse response, byte[] body, string contentType, Digest? digest = null)
    {
        response.ContentType = contentType;
        if (digest is not null)
        {
            response.Headers["Docker-Content-Digest"] = digest.ToString();
        }

        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
    }

    public void Dispose()
    {
        _stop.Cancel();
        // Close alone: after Stop, the managed HttpListener's Close looks its endpoint up again and
        // binds the port anew, which fails when another test has taken the port meanwhile.
        _listener.Close();
        _stop.Dispose();
    }
}
