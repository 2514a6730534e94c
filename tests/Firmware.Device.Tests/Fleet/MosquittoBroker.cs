using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Firmware.Device.Tests.Fleet;

/// <summary>
/// A real Mosquitto on 127.0.0.1 and a free port, with a config file the test writes; never the
/// system service. Stop and Start again keep the port, for reconnect tests.
/// </summary>
internal sealed class MosquittoBroker : IDisposable
{
    private readonly string _config;
    private Process? _process;

    public MosquittoBroker(string directory)
    {
        Port = FreePort();
        _config = Path.Combine(directory, "mosquitto.conf");
        File.WriteAllText(_config, $"""
            listener {Port} 127.0.0.1
            allow_anonymous true
            persistence false
            log_dest none
            """ + "\n");
        Start();
    }

    public int Port { get; }

    public Uri Url => new($"mqtt://127.0.0.1:{Port}");

    public void Start()
    {
        _process = Process.Start(new ProcessStartInfo("mosquitto", ["-c", _config]) { RedirectStandardError = true, RedirectStandardOutput = true })
                   ?? throw new InvalidOperationException("mosquitto did not start");
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"mosquitto exited: {_process.StandardError.ReadToEnd()}");
                }

                Thread.Sleep(20);
            }
        }

        throw new TimeoutException("mosquitto did not listen within 10 s");
    }

    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Stop();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
