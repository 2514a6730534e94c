using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Firmware.Device.Tests.Fleet;
using Firmware.Fleet;
using Firmware.Fleet.Payloads;

namespace Firmware.Agent.Tests;

/// <summary>
/// <c>fwagent run</c> as it ships (NativeAOT) against Mosquitto: image-file slots, the GRUB backend
/// on a real environment block that grub-editenv reads and writes, the init's control socket played
/// by the test, and a controller double serving a signed bundle in chunks. The reboot in between is
/// grub-editenv doing what boards/common/grub/ab.cfg does at boot.
/// </summary>
[Trait("Category", "System")]
[Collection(SharedPublish.Name)]
public sealed class PublishedAgentRunTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly PublishedAgent _agent;
    private readonly ScratchDirectory _scratch = new();
    private readonly MosquittoProcess _broker;
    private readonly byte[] _image = new byte[300_000];

    public PublishedAgentRunTests(PublishedAgent agent)
    {
        _agent = agent;
        _broker = MosquittoProcess.Anonymous(_scratch.Path);
        new Random(9).NextBytes(_image);
        File.WriteAllBytes(_scratch.Of("a.img"), new byte[1 << 20]);
        File.WriteAllBytes(_scratch.Of("b.img"), new byte[1 << 20]);
        Directory.CreateDirectory(_scratch.Of("proc"));
        Assert.Equal(0, Grub("create").ExitCode);
        File.WriteAllText(_scratch.Of("agent.yml"), $$"""
            device: { id: dev-7, compatible: {{SignedBundles.Board}} }
            data-dir: {{_scratch.Of("data")}}
            slots:
              a: { file: {{_scratch.Of("a.img")}}, size: 1MiB }
              b: { file: {{_scratch.Of("b.img")}}, size: 1MiB }
            boot: { backend: grub, tries: 3, grub: { env: {{_scratch.Of("grubenv")}} } }
            health: { timeout-s: 10, retry-s: 1, commands: [ { run: [/bin/true] } ] }
            telemetry: { interval-s: 1, mounts: [/] }
            broker: { url: mqtt://127.0.0.1:{{_broker.Port}} }
            trust: {{_scratch.Of("trust.json")}}
            """);
    }

    public void Dispose()
    {
        _broker.Dispose();
        _scratch.Dispose();
    }

    [Fact]
    public async Task A_job_is_installed_the_trial_armed_in_grubenv_and_committed_after_the_reboot()
    {
        var pieces = new BundlePieces(await File.ReadAllBytesAsync(await SignedBundles.WriteAsync(_scratch.Path, _image, "1.1.0")));
        using var controller = new ControllerDouble(pieces);
        await controller.ConnectAsync(_broker.Url, CancellationToken.None);
        using var init = new InitControlServer(_scratch.Of("control"), _ => "ok\n");

        Booted("A");
        await using (var first = Start())
        {
            Assert.StartsWith("fwagent: ready (device dev-7, slot A, boot 1, broker mqtt://127.0.0.1:", first.Ready, StringComparison.Ordinal);
            await controller.PublishJobAsync("dev-7", pieces.Job with { JobId = "job-7" });
            await Until(() => init.Requests.Contains("reboot"), "the reboot request to the init");
        }

        var armed = Variables();
        Assert.Equal("B", armed["fw_trial"]);
        Assert.Equal("3", armed["fw_tries"]);
        Assert.Equal(_image, File.ReadAllBytes(_scratch.Of("b.img"))[.._image.Length]);

        // GRUB at power-on (ab.cfg): one try counted down, the trial slot booted and recorded.
        Assert.Equal(0, Grub("set", "fw_tries=2", "fw_booted=B").ExitCode);
        Booted("B");
        await using (var second = Start())
        {
            Assert.Contains("slot B", second.Ready, StringComparison.Ordinal);
            ProgressReport last;
            do
            {
                last = ProgressReport.Parse((await controller.NextAsync(FleetTopicKind.Progress, Timeout)).Payload.ToArray());
            }
            while (!last.IsTerminal);

            Assert.Equal(ProgressState.Committed, last.State);
            Assert.Equal("job-7", last.JobId);
        }

        var committed = Variables();
        Assert.Equal("B", committed["fw_primary"]);
        Assert.False(committed.ContainsKey("fw_trial"));
        Assert.Equal(["reboot"], init.Requests);
    }

    private void Booted(string slot) => File.WriteAllText(_scratch.Of("proc/cmdline"), $"console=ttyS0 fw.slot={slot}\n");

    private ProcessResult Grub(params string[] args) => ProcessRunner.Run("grub-editenv", [_scratch.Of("grubenv"), .. args], _scratch.Path);

    private Dictionary<string, string> Variables()
    {
        var list = Grub("list");
        Assert.True(list.ExitCode == 0, list.ToString());
        return list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    }

    private Daemon Start()
    {
        var start = new ProcessStartInfo(_agent.Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "run", "--config", _scratch.Of("agent.yml"), "--proc", _scratch.Of("proc"), "--init-control", _scratch.Of("control"), "--installed-version", "1.0.0" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var ready = process.StandardOutput.ReadLine() ?? "";
        Assert.True(ready.StartsWith("fwagent: ready", StringComparison.Ordinal), $"{ready}\n{(process.WaitForExit(5000) ? errors.Result : "")}");
        return new Daemon(process, ready, errors);
    }

    private static Task Until(Func<bool> condition, string what) => Eventually.Until(condition, what, Timeout);

    /// <summary>A running <c>fwagent run</c>; disposing it sends SIGTERM, as the init does, and expects exit 0.</summary>
    private sealed record Daemon(Process Process, string Ready, Task<string> Errors) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            ProcessRunner.Run("kill", ["-TERM", Process.Id.ToString(CultureInfo.InvariantCulture)], "/");
            await Process.WaitForExitAsync().WaitAsync(Timeout);
            Assert.True(Process.ExitCode == 0, $"exit {Process.ExitCode}\n{await Errors}");
            Process.Dispose();
        }
    }
}
