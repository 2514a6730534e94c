using System.Diagnostics;
using System.Net.Sockets;

namespace Firmware.Fleet.Host.Tests.Mosquitto;

/// <summary>Debian's mosquitto, started on a configuration file; stopped (and reaped) on dispose.</summary>
internal sealed class MosquittoBroker : IDisposable
{
    private readonly Process _process;

    private MosquittoBroker(Process process) => _process = process;

    public static MosquittoBroker Start(string configuration, int port)
    {
        var start = new ProcessStartInfo("mosquitto") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(configuration);
        var process = Process.Start(start)!;
        var broker = new MosquittoBroker(process);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited {process.ExitCode}: {process.StandardError.ReadToEnd()}");
            }

            try
            {
                using var probe = new TcpClient("127.0.0.1", port);
                return broker;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        broker.Dispose();
        throw new TimeoutException("mosquitto did not listen within 10 s");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
