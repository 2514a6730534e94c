using System.Diagnostics;
using System.Net.Sockets;

namespace Firmware.Testing;

/// <summary>
/// Debian's mosquitto on 127.0.0.1, started on a configuration file the test writes; never the
/// system service. <see cref="Stop"/> and <see cref="Start"/> again keep the port, for reconnect tests.
/// </summary>
internal sealed class MosquittoProcess : IDisposable
{
    private static readonly TimeSpan ListenTimeout = TimeSpan.FromSeconds(10);
    private readonly string _configuration;
    private Process? _process;

    /// <summary>Starts mosquitto on <paramref name="configuration"/>, which listens on <paramref name="port"/>.</summary>
    public MosquittoProcess(string configuration, int port)
    {
        _configuration = configuration;
        Port = port;
        Start();
    }

    public int Port { get; }

    public Uri Url => new($"mqtt://127.0.0.1:{Port}");

    /// <summary>A plain, anonymous broker on a free loopback port, its configuration written in <paramref name="directory"/>.</summary>
    public static MosquittoProcess Anonymous(string directory, string extraConfiguration = "")
    {
        var port = LoopbackPort.Free();
        var configuration = Path.Combine(directory, "mosquitto.conf");
        File.WriteAllText(configuration, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest none\n{extraConfiguration}");
        return new MosquittoProcess(configuration, port);
    }

    /// <summary>Starts the broker and waits until it accepts connections.</summary>
    public void Start()
    {
        var start = new ProcessStartInfo("mosquitto") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(_configuration);
        _process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start");
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < ListenTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited {_process.ExitCode}: {_process.StandardError.ReadToEnd()}");
            }

            try
            {
                using var probe = new TcpClient("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }

        Stop();
        throw new TimeoutException($"mosquitto did not listen within {ListenTimeout.TotalSeconds} s");
    }

    /// <summary>Kills the broker and reaps it.</summary>
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
}
