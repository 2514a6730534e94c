using System.Buffers;
using Firmware.Agent.Tests;
using Firmware.Device.Slots;
using Firmware.Device.Tests.Fleet;
using Firmware.Fleet.Simulation.Slots;
using Firmware.Fleet.Payloads;
using Firmware.Trust;

namespace Firmware.Fleet.Simulation.Tests;

/// <summary>
/// Virtual devices against a real Mosquitto, driven by a controller double that publishes a job to
/// each and serves a signed bundle in chunks: the devices run the agent's own runtime, so they
/// install, reboot (a simulated power cycle) and report as real devices do.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FleetSimulationTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly ScratchDirectory _scratch = new();
    private readonly MosquittoProcess _broker;

    public FleetSimulationTests() => _broker = MosquittoProcess.Anonymous(_scratch.Path);

    public void Dispose()
    {
        _broker.Dispose();
        _scratch.Dispose();
    }

    private static byte[] Image()
    {
        var image = new byte[200_000];
        new Random(2).NextBytes(image);
        return image;
    }

    private async Task<(BundlePieces Pieces, TrustFile Trust)> BundleAsync()
    {
        var bundle = await SignedBundles.WriteAsync(_scratch.Path, Image(), "1.1.0");
        var trust = TrustFile.Parse(await File.ReadAllBytesAsync(_scratch.Of("trust.json")), "trust.json");
        return (new BundlePieces(await File.ReadAllBytesAsync(bundle)), trust);
    }

    private SimulationOptions Options(TrustFile trust, int devices) => new()
    {
        Devices = devices,
        Broker = $"mqtt://127.0.0.1:{_broker.Port}",
        Trust = trust,
        Directory = _scratch.Of("devices"),
        Board = SignedBundles.Board,
    };

    [Theory]
    [InlineData(0.0, false, ProgressState.Committed)]
    [InlineData(1.0, false, ProgressState.RolledBack)]
    [InlineData(0.0, true, ProgressState.RolledBack)]
    public async Task Every_device_installs_the_job_and_its_health_decides_the_outcome(double failHealth, bool versionFails, ProgressState expected)
    {
        var (pieces, trust) = await BundleAsync();
        using var controller = new ControllerDouble(pieces);
        await controller.ConnectAsync(_broker.Url, CancellationToken.None);
        using var simulation = new FleetSimulation(Options(trust, 4) with { FailHealth = failHealth, FailingVersions = versionFails ? new HashSet<string> { "1.1.0" } : new HashSet<string>() });
        using var stop = new CancellationTokenSource();
        var running = simulation.RunAsync(stop.Token);
        await Until(() => simulation.Status().Connected == 4, "every device connected");
        for (var i = 1; i <= 4; i++)
        {
            await controller.PublishJobAsync($"sim-{i:D5}", pieces.Job with { JobId = $"job-{i}" });
        }

        var finals = new Dictionary<string, ProgressState>();
        while (finals.Count < 4)
        {
            var report = ProgressReport.Parse((await controller.NextAsync(FleetTopicKind.Progress, Timeout)).Payload.ToArray());
            if (report.IsTerminal)
            {
                Assert.True(finals.TryAdd(report.JobId, report.State), $"{report.JobId} reported its outcome twice");
            }
        }

        Assert.All(finals.Values, state => Assert.Equal(expected, state));
        var status = simulation.Status();
        Assert.Equal(expected == ProgressState.Committed ? 4 : 0, status.Committed);
        Assert.Equal(expected == ProgressState.RolledBack ? 4 : 0, status.RolledBack);
        Assert.Equal(expected == ProgressState.Committed ? 4 : 8, status.Reboots);

        // The memory slots the engine wrote and read back hold the image, stored once for the four devices.
        var image = Image();
        for (var i = 1; i <= 4; i++)
        {
            var written = new byte[image.Length];
            simulation.SlotContent(i, SlotName.B)!.Read(0, written);
            Assert.True(written.AsSpan().SequenceEqual(image), $"device {i}: slot B differs from the image");
        }

        Assert.Equal((image.Length + BlockPool.BlockSize - 1) / BlockPool.BlockSize, simulation.Pool.Blocks);
        await stop.CancelAsync();
        await running.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Offline_devices_never_connect_and_a_flaky_network_drops_connections_that_come_back()
    {
        var (_, trust) = await BundleAsync();
        using var simulation = new FleetSimulation(Options(trust, 6) with { Offline = 0.5, FlakyNetwork = 1, FaultInterval = TimeSpan.FromMilliseconds(300), Seed = 3 });
        using var stop = new CancellationTokenSource();
        var running = simulation.RunAsync(stop.Token);
        var offline = simulation.Status().Offline;
        Assert.InRange(offline, 1, 5);

        await Until(() => simulation.Status().Drops >= 2 * (6 - offline), "two drops per online device");
        await Until(() => simulation.Status().Connected == 6 - offline, "every online device back");
        await stop.CancelAsync();
        await running.WaitAsync(Timeout);
        Assert.Equal(offline, simulation.Status().Offline);
    }

    private static Task Until(Func<bool> condition, string what) => Eventually.Until(condition, what, Timeout);
}
