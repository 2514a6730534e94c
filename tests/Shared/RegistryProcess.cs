using System.Diagnostics;

namespace Firmware.Testing;

/// <summary>
/// Debian's docker-registry (distribution 2.8) on 127.0.0.1 at a free port, filesystem storage in
/// a scratch directory, config written here; optionally with token or htpasswd authentication.
/// </summary>
internal sealed class RegistryProcess : IDisposable
{
    private readonly Process _process;

    /// <summary>Starts the registry; <paramref name="auth"/> is its <c>auth:</c> section, or empty for none.</summary>
    public RegistryProcess(string directory, string auth)
    {
        Port = LoopbackPort.Free();
        var config = Path.Combine(directory, "registry.yml");
        File.WriteAllText(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {Path.Combine(directory, "storage")}
            http:
              addr: 127.0.0.1:{Port}
            {auth}
            """);
        var start = new ProcessStartInfo("docker-registry") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(config);
        _process = Process.Start(start)!;
        _process.BeginOutputReadLine();
        _process.ErrorDataReceived += (_, e) => { lock (Log) { Log.AppendLine(e.Data); } };
        _process.BeginErrorReadLine();
        WaitUntilServing();
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    public System.Text.StringBuilder Log { get; } = new();

    private void WaitUntilServing()
    {
        using var http = new HttpClient();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with {_process.ExitCode}: {Log}");
            }

            try
            {
                using var response = http.GetAsync($"http://{Host}/v2/").GetAwaiter().GetResult();
                return;
            }
            catch (HttpRequestException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException($"docker-registry did not listen on {Host}: {Log}");
    }

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
