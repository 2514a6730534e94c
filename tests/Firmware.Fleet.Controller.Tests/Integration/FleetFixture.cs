using System.Collections.Concurrent;
using System.Net;
using Firmware.Device.Config;
using Firmware.Fleet.Controller.Api;
using Firmware.Fleet.Controller.Chunks;
using Firmware.Fuzz;

namespace Firmware.Fleet.Controller.Tests.Integration;

/// <summary>Debian's Mosquitto on a random loopback port, the controller in-process with its control API, and device doubles.</summary>
internal sealed class FleetFixture : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly ScratchDirectory _scratch = new();
    private readonly List<DeviceDouble> _devices = [];

    /// <param name="brokerConfiguration">Lines added to Mosquitto's configuration.</param>
    public FleetFixture(string brokerConfiguration = "")
    {
        Broker = MosquittoProcess.Anonymous(_scratch.Path, brokerConfiguration);
        BundlePath = ControllerBundles.Write(_scratch.Path);
    }

    public MosquittoProcess Broker { get; }

    public string BundlePath { get; }

    public FleetController? Controller { get; private set; }

    public ControlClient? Client { get; private set; }

    public ConcurrentQueue<string> Log { get; } = new();

    public async Task<FleetController> StartControllerAsync(ChunkRates? rates = null)
    {
        var port = LoopbackPort.Free();
        Controller = await FleetController.StartAsync(new ControllerOptions
        {
            Broker = new BrokerConfig { Url = Broker.Url.ToString(), Host = "127.0.0.1", Port = Broker.Port, UseTls = false },
            DatabasePath = _scratch.Of("fleet.db"),
            StoreDirectory = _scratch.Of("store"),
            Trust = FuzzKeys.Trust,
            Listen = new IPEndPoint(IPAddress.Loopback, port),
            Rates = rates ?? ChunkRates.Default,
            Tick = TimeSpan.FromMilliseconds(200),
            Log = Log.Enqueue,
        }, CancellationToken.None);
        Client?.Dispose();
        Client = new ControlClient(Controller.ControlUrl!);
        await Until(() => Task.FromResult(Controller.IsConnected), "the controller connects");
        return Controller;
    }

    public async Task StopControllerAsync()
    {
        await Controller!.DisposeAsync();
        Controller = null;
    }

    public async Task<DeviceDouble> DeviceAsync(string id, DeviceBehaviour behaviour = DeviceBehaviour.Commit, bool connect = true, params string[] tags)
    {
        var device = new DeviceDouble(id, _scratch.Of("devices"), Broker.Port, behaviour, tags: tags);
        _devices.Add(device);
        if (connect)
        {
            await device.ConnectAsync();
        }

        return device;
    }

    public async Task<RolloutView> StartRolloutAsync(string waves, string maxFailures = "0", string soak = "0s", string? target = null)
    {
        await using var bundle = File.OpenRead(BundlePath);
        var stored = await Client!.AddBundleAsync(bundle, CancellationToken.None);
        return await Client.StartAsync(new RolloutRequest { BundleId = stored.Id, Waves = waves, MaxFailures = maxFailures, Soak = soak, Target = target }, CancellationToken.None);
    }

    /// <summary>Waits until the controller lists every one of <paramref name="ids"/> online.</summary>
    public Task KnowsAsync(params string[] ids) => Until(async () =>
    {
        var devices = await Client!.DevicesAsync(CancellationToken.None);
        return ids.All(id => devices.Any(d => d.Id == id && d.Online));
    }, $"the controller knows {string.Join(", ", ids)}");

    public async Task<RolloutView> RolloutUntilAsync(string id, Func<RolloutView, bool> condition, string what)
    {
        RolloutView? view = null;
        await Until(async () => condition(view = await Client!.RolloutAsync(id, CancellationToken.None)), what, () => view is null ? "" : $"state {view.State} wave {view.Wave}, jobs: {string.Join("; ", view.Jobs.Select(j => $"{j.Device} {j.Action} {j.State}"))}");
        return view!;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after a generous limit with what it waited for and the controller's log.</summary>
    public Task Until(Func<Task<bool>> condition, string what, Func<string>? state = null) =>
        Eventually.Until(condition, what, Patience, () => $"{state?.Invoke()}\ncontroller log:\n{string.Join('\n', Log.TakeLast(40))}");

    public async ValueTask DisposeAsync()
    {
        foreach (var device in _devices)
        {
            await device.DisposeAsync();
        }

        if (Controller is not null)
        {
            await Controller.DisposeAsync();
        }

        Client?.Dispose();
        Broker.Dispose();
        _scratch.Dispose();
    }
}
