using Firmware.Device;
using Firmware.Device.Boot;
using Firmware.Device.Config;
using Firmware.Device.Runtime;
using Firmware.Device.Slots;
using Firmware.Device.Storage;
using Firmware.Fleet.Simulation.Slots;
using Firmware.Versioning;

namespace Firmware.Fleet.Simulation;

/// <summary>
/// One simulated device: its own directory with agent.yml's data directory, two slots (in memory or
/// sparse files, <see cref="SimulatedSlots"/>) and the simulated bootloader's state, and a procfs stand-in whose command line names the booted
/// slot. It runs the agent's <see cref="DeviceRuntime"/>, composed from agent.yml as on a real
/// device; a reboot the engine asks for is a power cycle: the runtime stops, the bootloader picks
/// the slot (counting a trial try down) and a new runtime starts over the same files.
/// </summary>
internal sealed class VirtualDevice
{
    private readonly SimulationOptions _options;
    private readonly string _root;
    private readonly Random _random;
    private readonly bool _offline;
    private readonly SimulatedBootloader _boot;
    private readonly AgentConfig _config;
    private readonly HttpClient _http;
    private readonly (SlotBlocks A, SlotBlocks B)? _memory;

    public VirtualDevice(SimulationOptions options, int index, HttpClient http, BlockPool pool)
    {
        _options = options;
        _http = http;
        Id = options.DeviceId(index);
        _root = Path.Combine(options.Directory, Id);
        _random = new Random(HashCode.Combine(options.Seed, index));
        _offline = _random.NextDouble() < options.Offline;
        Directory.CreateDirectory(Path.Combine(_root, "proc"));
        if (options.Slots == SimulatedSlots.Memory)
        {
            _memory = (new SlotBlocks(pool, options.SlotSize), new SlotBlocks(pool, options.SlotSize));
        }
        else
        {
            foreach (var slot in new[] { "slot-a.img", "slot-b.img" })
            {
                using var file = new FileStream(Path.Combine(_root, slot), FileMode.OpenOrCreate, FileAccess.Write);
                file.SetLength(options.SlotSize);
            }
        }

        _config = AgentConfigParser.Parse(Yaml(), Path.Combine(_root, "agent.yml"));
        _boot = new SimulatedBootloader(new DirectoryStorage(_root), Path.Combine(_root, "boot.state"));
        _boot.Initialize(SlotName.A);
        if (!File.Exists(CommandLine))
        {
            Booted(SlotName.A);
        }
    }

    public string Id { get; }

    /// <summary>The content of slot <paramref name="slot"/> when the slots are in memory (null for file slots).</summary>
    public SlotBlocks? SlotContent(SlotName slot) => _memory is { } m ? (slot == SlotName.A ? m.A : m.B) : null;

    /// <summary>True for a device that never connects (<c>--offline</c>).</summary>
    public bool IsOffline => _offline;

    /// <summary>The runtime running now (it changes at every simulated reboot).</summary>
    public DeviceRuntime? Runtime { get; private set; }

    /// <summary>Simulated reboots so far.</summary>
    public int Reboots { get; private set; }

    /// <summary>Connection drops injected so far.</summary>
    public int Drops { get; private set; }

    private string CommandLine => Path.Combine(_root, "proc", "cmdline");

    /// <summary>Runs the device, rebooting it whenever its engine asks, until <paramref name="stop"/>.</summary>
    public async Task RunAsync(Action<string> log, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            using var power = CancellationTokenSource.CreateLinkedTokenSource(stop);
            using var runtime = new DeviceRuntime(Compose(), new RuntimeOptions
            {
                Tags = [$"sim:{(_offline ? "offline" : "online")}"],
                Log = line => log($"{Id}: {line}"),
            });
            Runtime = runtime;
            var running = runtime.RunAsync(power.Token);
            var faults = _options.FlakyNetwork > 0 && !_offline ? InjectFaultsAsync(runtime, power.Token) : Task.CompletedTask;
            var finished = await Task.WhenAny(running, runtime.RebootRequested).ConfigureAwait(false);
            await power.CancelAsync().ConfigureAwait(false);
            await Quietly(running).ConfigureAwait(false);
            await Quietly(faults).ConfigureAwait(false);
            if (finished == running)
            {
                return;
            }

            Reboots++;
            Booted(_boot.PowerOn());
        }
    }

    private ComposedDevice Compose() => DeviceComposition.Compose(_config, new AgentHost
    {
        Roots = new SystemRoots(Path.Combine(_root, "proc"), Path.Combine(_root, "sys"), Path.Combine(_root, "dev")),
        Reboot = new PowerCycle(),
        Http = _http,
        FlashedVersion = FirmwareVersion.Parse(_options.Version),
        HealthGate = _ => new ScriptedHealthGate(_random, _options, () => Runtime?.Checkpoint?.Update?.Version),
        Slots = _memory is null ? null : (slot, active, _) => new MemorySlot(active, slot, SlotContent(slot)!),
    }, _options.Trust);

    /// <summary>Every fault interval, drops the connection with the configured probability; the runtime's jittered back-off brings it back.</summary>
    private async Task InjectFaultsAsync(DeviceRuntime runtime, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(_options.FaultInterval, stop).ConfigureAwait(false);
            bool drop;
            lock (_random)
            {
                drop = _random.NextDouble() < _options.FlakyNetwork;
            }

            if (drop && runtime.Connection is { IsConnected: true } connection)
            {
                Drops++;
                await connection.DropAsync(stop).ConfigureAwait(false);
            }
        }
    }

    private void Booted(SlotName slot) => File.WriteAllText(CommandLine, $"fw.slot={slot.Letter()}\n");

    private string Yaml() => $$"""
        device: { id: {{Id}}, compatible: {{_options.Board}} }
        data-dir: {{_root}}/data
        slots:
          a: { file: {{_root}}/slot-a.img, size: {{_options.SlotSize}} }
          b: { file: {{_root}}/slot-b.img, size: {{_options.SlotSize}} }
        boot: { backend: simulated, simulated: { state: {{_root}}/boot.state } }
        telemetry: { interval-s: {{(int)_options.TelemetryInterval.TotalSeconds}}, ring: 100, mounts: [{{_root}}] }
        trust: {{_root}}/trust.json

        """ + (_offline ? "" : $"broker: {{ url: {_options.Broker}{Login()} }}\n");

    private string Login() => _options.Credentials is { } dir
        ? $", ca: {Path.Combine(dir, "tls", "ca.crt")}, username: {Id}, password-file: {Path.Combine(dir, "devices", Id, "password")}"
        : "";

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped: the device powers off at a safe point.
        }
    }

    /// <summary>The reboot of a virtual device: the runtime's <see cref="DeviceRuntime.RebootRequested"/> drives the power cycle.</summary>
    private sealed class PowerCycle : IReboot
    {
        public void Restart(string? argument)
        {
        }
    }
}
