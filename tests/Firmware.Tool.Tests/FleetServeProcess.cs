using System.Diagnostics;

namespace Firmware.Tool.Tests;

/// <summary>
/// <c>fwtool fleet serve</c> as its own process on a broker on 127.0.0.1, with its database, bundle
/// store and trust file in <c>directory</c> and its HTTP API on a free loopback port.
/// <see cref="Kill"/> and <see cref="Start"/> again keep the port, for restart tests.
/// </summary>
internal sealed class FleetServeProcess : IAsyncDisposable
{
    private readonly string _directory;
    private readonly int _brokerPort;
    private Process? _process;

    public FleetServeProcess(string directory, int brokerPort)
    {
        _directory = directory;
        _brokerPort = brokerPort;
        Start();
    }

    public int Port { get; } = LoopbackPort.Free();

    /// <summary>The controller's API, for <c>--controller-url</c>.</summary>
    public string Url => $"http://127.0.0.1:{Port}/";

    public void Start()
    {
        _process?.Dispose();
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "fwtool")) { WorkingDirectory = _directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "fleet", "serve", "--broker", $"mqtt://127.0.0.1:{_brokerPort}", "--db", "fleet.db", "--store", "store", "--trust", "trust.json", "--metrics", $"127.0.0.1:{Port}" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task Kill()
    {
        _process!.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            await Kill();
        }

        _process?.Dispose();
    }
}
