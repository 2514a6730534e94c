using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Firmware.Device.Tests.Sources;

/// <summary>
/// An HTTP server on 127.0.0.1 that serves one file with Range requests (RFC 9110 §14) and an
/// entity tag, and can drop the connection part-way through a body.
/// </summary>
internal sealed class LoopbackBundleServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public LoopbackBundleServer(byte[] content)
    {
        Content = content;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Uri = new Uri($"http://127.0.0.1:{port}/bundle.fwb");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Uri { get; }

    public byte[] Content { get; set; }

    public string ETag { get; set; } = "\"v1\"";

    /// <summary>Serve whole bodies (200) even when a range is asked for.</summary>
    public bool IgnoreRanges { get; set; }

    /// <summary>For each coming request in turn: drop the connection after this many body bytes.</summary>
    public Queue<int> Drops { get; } = new();

    /// <summary>Each request's Range header ("" when none).</summary>
    public List<string> Ranges { get; } = [];

    public void Dispose()
    {
        // Close alone: after Stop, the managed HttpListener's Close looks its endpoint up again and
        // binds the port anew, which fails when another test has taken the port meanwhile.
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await RespondAsync(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The client went away, or the connection was dropped on purpose.
            }
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var range = request.Headers["Range"] ?? "";
        lock (Ranges)
        {
            Ranges.Add(range);
        }

        if (request.Url?.AbsolutePath != Uri.AbsolutePath)
        {
            response.StatusCode = 404;
            response.Close();
            return;
        }

        var ifRange = request.Headers["If-Range"];
        long start = 0;
        if (range.StartsWith("bytes=", StringComparison.Ordinal) && !IgnoreRanges && (ifRange is null || ifRange == ETag))
        {
            start = long.Parse(range["bytes=".Length..].TrimEnd('-'), CultureInfo.InvariantCulture);
            response.StatusCode = 206;
            response.AddHeader("Content-Range", $"bytes {start}-{Content.Length - 1}/{Content.Length}");
        }

        response.AddHeader("ETag", ETag);
        response.ContentLength64 = Content.Length - start;
        var body = Content.AsMemory((int)start);
        int? drop = null;
        lock (Drops)
        {
            if (Drops.Count > 0)
            {
                drop = Drops.Dequeue();
            }
        }

        if (drop is { } after && after < body.Length)
        {
            await response.OutputStream.WriteAsync(body[..after]);
            await response.OutputStream.FlushAsync();
            response.Abort();
            return;
        }

        await response.OutputStream.WriteAsync(body);
        response.Close();
    }
}
