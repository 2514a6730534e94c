using Firmware.Agent.Tests;
using Firmware.Device.Config;
using Firmware.Fleet.Controller;
using Firmware.Fleet.Controller.Api;
using Firmware.Fleet.Controller.Chunks;
using Firmware.Trust;

namespace Firmware.Fleet.Simulation.Tests;

/// <summary>
/// Issue 6, "Broker restart": Mosquitto is killed while every device is downloading and started
/// again with nothing kept (no persistence: sessions, retained jobs and chunks in flight are gone).
/// The real controller resends the jobs when it reconnects; each device reconnects through its
/// back-off, resumes from its bitmap and finishes. Every device commits exactly once and its
/// slot holds the image byte for byte.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BrokerRestartTests : IDisposable
{
    private const int Devices = 4;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);
    private readonly ScratchDirectory _scratch = new();
    private readonly MosquittoProcess _broker;

    public BrokerRestartTests() => _broker = MosquittoProcess.Anonymous(_scratch.Path);

    public void Dispose()
    {
        _broker.Dispose();
        _scratch.Dispose();
    }

    [Fact]
    public async Task Every_device_resumes_its_download_after_a_broker_restart_and_commits_an_intact_slot()
    {
        // Random bytes do not compress: 1 MiB at 128 KiB/s per device is an eight-second download, long enough to cut.
        var image = new byte[1 << 20];
        new Random(6).NextBytes(image);
        var bundlePath = await SignedBundles.WriteAsync(_scratch.Path, image, "1.1.0");
        var trust = TrustFile.Parse(await File.ReadAllBytesAsync(_scratch.Of("trust.json")), "trust.json");
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var controller = await FleetController.StartAsync(new ControllerOptions
        {
            Broker = new BrokerConfig { Url = _broker.Url.ToString(), Host = "127.0.0.1", Port = _broker.Port, UseTls = false },
            DatabasePath = _scratch.Of("fleet.db"),
            StoreDirectory = _scratch.Of("store"),
            Trust = trust,
            Rates = new ChunkRates(128 << 10, 16 << 20),
            Tick = TimeSpan.FromMilliseconds(200),
            Log = log.Enqueue,
        }, CancellationToken.None);
        var options = new SimulationOptions
        {
            Devices = Devices,
            Broker = $"mqtt://127.0.0.1:{_broker.Port}",
            Trust = trust,
            Directory = _scratch.Of("devices"),
            Board = SignedBundles.Board,
            SlotSize = 4L << 20,
            Slots = SimulatedSlots.File,
        };
        using var simulation = new FleetSimulation(options);
        using var stop = new CancellationTokenSource();
        var running = simulation.RunAsync(stop.Token);
        await Until(async () => (await Views(controller)).Devices.Count(d => d.Online) == Devices, "every device registered");

        await using (var file = File.OpenRead(bundlePath))
        {
            var bundle = await controller.Store.AddAsync(file, CancellationToken.None);
            var spec = new RolloutRequest { BundleId = bundle.Id, Waves = "100%" }.ToSpec();
            await controller.RunAsync(engine =>
            {
                var (started, outgoing) = engine.Start(spec, bundle);
                return (started.Id, outgoing);
            });
        }

        await Until(async () => (await Views(controller)).Devices.All(d => d.JobState == "downloading"), "every device downloading");
        _broker.Stop();
        await Task.Delay(TimeSpan.FromSeconds(1));
        _broker.Start();

        await Until(async () => (await Views(controller)).Rollout is { State: "completed" or "aborted" }, "the rollout ended");
        var (rollout, _) = await Views(controller);
        Assert.Equal("completed", rollout!.State);
        Assert.Equal(Devices, rollout.Committed);
        Assert.All(rollout.Jobs, j => Assert.Equal("committed", j.State));
        var status = simulation.Status();
        Assert.Equal(Devices, status.Committed);
        Assert.Equal(Devices, status.Reboots);
        for (var i = 1; i <= Devices; i++)
        {
            var slot = await File.ReadAllBytesAsync(Path.Combine(options.Directory, options.DeviceId(i), "slot-b.img"));
            Assert.True(slot.AsSpan(0, image.Length).SequenceEqual(image), $"{options.DeviceId(i)}: slot B differs from the image");
        }

        await stop.CancelAsync();
        await running.WaitAsync(Timeout);
    }

    private static Task<(RolloutView? Rollout, DeviceView[] Devices)> Views(FleetController controller) =>
        controller.RunAsync(engine => Task.FromResult((engine.Rollouts.LastOrDefault() is { } r ? Controller.Api.Views.Rollout(engine, r) : null, Controller.Api.Views.Devices(engine))));

    private static Task Until(Func<Task<bool>> condition, string what) => Eventually.Until(condition, what, Timeout);
}
