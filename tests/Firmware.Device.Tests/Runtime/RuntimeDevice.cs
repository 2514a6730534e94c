using Firmware.Device.Boot;
using Firmware.Device.Config;
using Firmware.Device.Health;
using Firmware.Device.Runtime;
using Firmware.Device.Slots;
using Firmware.Device.Storage;
using Firmware.Device.Tests.Boot;
using Firmware.Device.Tests.Simulation;
using Firmware.Fuzz;

namespace Firmware.Device.Tests.Runtime;

/// <summary>
/// One device for the runtime tests, on files: agent.yml with image-file slots and the simulated
/// bootloader, a data directory, and a procfs whose command line says which slot booted.
/// <see cref="Start"/> runs a <see cref="DeviceRuntime"/> over it as <c>fwagent run</c> would;
/// <see cref="PowerOn"/> is the reboot: the bootloader picks the slot and the kernel command line
/// names it, so the next runtime finds it through the same composition.
/// </summary>
internal sealed class RuntimeDevice
{
    public const int SlotSize = 1 << 20;

    private readonly string _root;
    private readonly AgentConfig _config;

    public RuntimeDevice(string root, string id, Uri? broker)
    {
        _root = root;
        Directory.CreateDirectory(Path.Combine(root, "proc"));
        File.WriteAllBytes(Path.Combine(root, "slot-a.img"), TestBundles.Image(SlotSize, 1));
        File.WriteAllBytes(Path.Combine(root, "slot-b.img"), new byte[SlotSize]);
        _config = AgentConfigParser.Parse($$"""
            device: { id: {{id}}, compatible: {{FuzzKeys.Board}} }
            data-dir: {{root}}/data
            slots:
              a: { file: {{root}}/slot-a.img, size: {{SlotSize}} }
              b: { file: {{root}}/slot-b.img, size: {{SlotSize}} }
            boot: { backend: simulated, tries: 2, simulated: { state: {{root}}/boot.state } }
            telemetry: { interval-s: 1 }
            trust: {{root}}/trust.json

            """ + (broker is null ? "" : $"broker: {{ url: {broker.GetLeftPart(UriPartial.Authority)} }}\n"), Path.Combine(root, "agent.yml"));
        Boot = new SimulatedBootloader(new DirectoryStorage(root), Path.Combine(root, "boot.state"));
        Boot.Initialize(SlotName.A);
        Booted(SlotName.A);
    }

    public SimulatedBootloader Boot { get; }

    /// <summary>The health gate's verdict for the next trial.</summary>
    public bool Healthy { get; set; } = true;

    /// <summary>When set, the health gate waits for it before answering (a trial held open, as while services start).</summary>
    public TaskCompletionSource? HoldTrial { get; set; }

    public RecordingReboot Reboot { get; } = new();

    public List<string> Log { get; } = [];

    public string DataDirectory => _config.DataDirectory;

    public string Slot(SlotName slot) => Path.Combine(_root, slot == SlotName.A ? "slot-a.img" : "slot-b.img");

    /// <summary>Composes the device from its agent.yml and runs it in the background.</summary>
    public Running Start(RuntimeOptions? options = null)
    {
        var runtime = new DeviceRuntime(Compose(), (options ?? Options()) with
        {
            Log = line =>
            {
                lock (Log)
                {
                    Log.Add(line);
                }
            },
        });
        var stop = new CancellationTokenSource();
        return new Running(runtime, runtime.RunAsync(stop.Token), stop);
    }

    /// <summary>The device as agent.yml and the booted slot make it.</summary>
    public ComposedDevice Compose()
    {
        var host = new AgentHost
        {
            Roots = new SystemRoots(Path.Combine(_root, "proc"), Path.Combine(_root, "sys"), Path.Combine(_root, "dev")),
            Reboot = Reboot,
            Http = new HttpClient(),
            Clock = new ShiftedClock(FuzzKeys.Now),
            FlashedVersion = Firmware.Versioning.FirmwareVersion.Parse(FuzzKeys.InstalledVersion),
            HealthGate = _ => new HeldHealthGate(this),
        };
        return DeviceComposition.Compose(_config, host, FuzzKeys.Trust);
    }

    /// <summary>Options for fast tests: a quick back-off, re-requests after 1 s, progress every 200 ms.</summary>
    public static RuntimeOptions Options() => new()
    {
        Backoff = new Firmware.Device.Fleet.ReconnectBackoff(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(400)),
        Chunks = new Firmware.Device.Fleet.ChunkDownloadOptions { Window = 4, RequestTimeout = TimeSpan.FromSeconds(1), Tick = TimeSpan.FromMilliseconds(100) },
        ProgressInterval = TimeSpan.FromMilliseconds(200),
        RetryDelay = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>Power on: the bootloader chooses (counting a trial try down), and the kernel command line says what it chose.</summary>
    public SlotName PowerOn()
    {
        var slot = Boot.PowerOn();
        Booted(slot);
        return slot;
    }

    private void Booted(SlotName slot) => File.WriteAllText(Path.Combine(_root, "proc", "cmdline"), $"console=ttyS0 fw.slot={slot.Letter()}\n");

    /// <summary>A runtime running in the background.</summary>
    internal sealed record Running(DeviceRuntime Runtime, Task Task, CancellationTokenSource Stop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Stop.CancelAsync();
            await Task.WaitAsync(TimeSpan.FromSeconds(30));
            Stop.Dispose();
        }
    }
}

/// <summary>The device's scripted gate: waits while the test holds the trial, then answers <see cref="RuntimeDevice.Healthy"/>.</summary>
internal sealed class HeldHealthGate(RuntimeDevice device) : IHealthGate
{
    public async Task<HealthVerdict> CheckAsync(CancellationToken cancellationToken)
    {
        if (device.HoldTrial is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        return new HealthVerdict([new HealthCheckResult("scripted", device.Healthy, device.Healthy ? "passes" : "fails")]);
    }
}

/// <summary>The real clock moved to <paramref name="now"/>: timers run in real time, and "now" is when the test bundles are valid.</summary>
internal sealed class ShiftedClock(DateTimeOffset now) : TimeProvider
{
    private readonly TimeSpan _offset = now - DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
}
