using System.Diagnostics;
using System.Text.Json;
using Firmware.Fleet.Controller.Api;
using Firmware.Fleet.Controller.Tests;
using Firmware.Fleet.Controller.Tests.Integration;
using Firmware.Fuzz;

namespace Firmware.Tool.Tests.Commands;

[Trait("Category", "Malformed")]
public sealed class RolloutArgumentTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("--waves", "1,lots", "--waves: 'lots' in '1,lots' is not a count or a percentage")]
    [InlineData("--waves", "50%,10%", "--waves: wave 2 (10%) is not larger than wave 1 (50%)")]
    [InlineData("--soak", "2", "--soak: '2' is not a duration")]
    [InlineData("--max-failures", "many", "--max-failures: 'many' is not a count or a percentage")]
    [InlineData("--target", "colour=red", "--target: 'colour=red': unknown key")]
    [InlineData("--success", "2", "--success: '2' is not a percentage")]
    public void Garbage_rollout_arguments_exit_2_naming_the_option(string option, string value, string message)
    {
        string[] waves = option == "--waves" ? [] : ["--waves", "100%"];
        var result = _cli.Fwtool(["rollout", "start", "missing.fwb", .. waves, option, value]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void No_controller_listening_exits_3()
    {
        File.WriteAllBytes(_cli.PathOf("b.fwb"), [1]);
        var result = _cli.Fwtool("rollout", "start", "b.fwb", "--waves", "100%", "--controller-url", $"http://127.0.0.1:{LoopbackPort.Free()}/");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("no controller at", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--broker", "http://x")]
    [InlineData("--device-rate", "fast")]
    [InlineData("--metrics", "localhost:9100")]
    [InlineData("--prefix", "fw/#")]
    [InlineData("--cert", "c.pem")]
    public void Bad_serve_arguments_exit_2(string option, string value)
    {
        var arguments = new Dictionary<string, string> { ["--broker"] = "mqtt://127.0.0.1:1", ["--db"] = "f.db", ["--store"] = "s", ["--trust"] = "t.json" };
        arguments[option] = value;
        File.WriteAllBytes(_cli.PathOf("t.json"), FuzzKeys.Trust.Bytes.ToArray());
        var result = _cli.Fwtool(["fleet", "serve", .. arguments.SelectMany(p => new[] { p.Key, p.Value })]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Stderr, StringComparison.Ordinal);
    }
}

[Trait("Category", "Integration")]
public sealed class FleetServeProcessTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly CliRunner _cli = new();
    private readonly MosquittoProcess _broker;
    private readonly List<DeviceDouble> _devices = [];
    private FleetServeProcess? _serve;

    public FleetServeProcessTests()
    {
        _broker = MosquittoProcess.Anonymous(_cli.Directory);
        File.WriteAllBytes(_cli.PathOf("trust.json"), FuzzKeys.Trust.Bytes.ToArray());
    }

    private string Url => _serve!.Url;

    [Fact]
    public async Task A_controller_killed_mid_rollout_resumes_from_its_database_and_finishes()
    {
        _serve = new FleetServeProcess(_cli.Directory, _broker.Port);
        using var client = new ControlClient(new Uri(Url));
        foreach (var name in new[] { "dev-1", "dev-2", "dev-3" })
        {
            var device = new DeviceDouble(name, _cli.PathOf("devices"), _broker.Port);
            _devices.Add(device);
            await device.ConnectAsync();
        }

        await Until(async () => (await client.DevicesAsync(CancellationToken.None)).Count(d => d.Online) == 3, "three devices online");
        var bundle = ControllerBundles.Write(_cli.Directory);
        var started = _cli.Fwtool("rollout", "start", bundle, "--waves", "1,100%", "--soak", "3s", "--json", "--controller-url", Url);
        Assert.True(started.ExitCode == 0, started.Stderr);
        var id = JsonSerializer.Deserialize(started.Stdout, ApiJsonContext.Default.RolloutView)!.Id;

        await Until(async () => (await client.RolloutAsync(id, CancellationToken.None)).State == "soaking", "the canary committed");
        await _serve.Kill();
        _serve.Start();

        await Until(async () => (await client.RolloutAsync(id, CancellationToken.None)).State == "completed", "the restarted controller finished");
        var status = _cli.Fwtool("rollout", "status", id, "--json", "--controller-url", Url);
        Assert.Equal(0, status.ExitCode);
        var view = JsonSerializer.Deserialize(status.Stdout, ApiJsonContext.Default.RolloutView)!;
        Assert.Equal(3, view.Committed);
        var list = _cli.Fwtool("fleet", "list", "--controller-url", Url);
        Assert.Equal(3, list.Stdout.Split('\n').Count(l => l.Contains(" 2.0.0 ", StringComparison.Ordinal)));
        var pause = _cli.Fwtool("rollout", "pause", id, "--controller-url", Url);
        Assert.Equal(2, pause.ExitCode);
        Assert.Contains("is completed: cannot pause", pause.Stderr, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // IAsyncLifetime, not IAsyncDisposable: xunit 2 disposes a test class only through IDisposable
    // or IAsyncLifetime, and the controller and broker processes must not outlive the test.
    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync()
    {
        foreach (var device in _devices)
        {
            await device.DisposeAsync();
        }

        if (_serve is not null)
        {
            await _serve.DisposeAsync();
        }

        _broker.Dispose();
        _cli.Dispose();
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (ControlException) when (started.Elapsed < TimeSpan.FromSeconds(90))
            {
                // The controller is (re)starting.
            }

            Assert.True(started.Elapsed < TimeSpan.FromSeconds(90), $"timed out waiting until {what}");
            await Task.Delay(100);
        }
    }
}
