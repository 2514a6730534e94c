using Firmware.Device.Updates;
using Firmware.Fleet.Simulation.Slots;

namespace Firmware.Fleet.Simulation;

/// <summary>
/// N virtual devices in one process (docs/agent.md, "The fleet simulator"), each a separate MQTT
/// client running the agent's device runtime. Reconnect storms are spread by the runtime's own
/// jittered back-off; nothing here paces the devices.
/// </summary>
public sealed class FleetSimulation : IDisposable
{
    private readonly List<VirtualDevice> _devices;
    private readonly HttpClient _http = new();
    private readonly Action<string> _log;

    /// <summary>Creates the devices' directories and files (sparse slots); they start in <see cref="RunAsync"/>.</summary>
    /// <param name="options">How many devices, where, and which faults.</param>
    /// <param name="log">Where the devices' runtimes say what they do (each line starts with the device id).</param>
    public FleetSimulation(SimulationOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Devices, 1);
        foreach (var (value, name) in new[] { (options.FailHealth, nameof(options.FailHealth)), (options.FlakyNetwork, nameof(options.FlakyNetwork)), (options.Offline, nameof(options.Offline)) })
        {
            if (value is < 0 or > 1 or double.NaN)
            {
                throw new ArgumentOutOfRangeException(nameof(options), value, $"{name} is a probability: 0 to 1.");
            }
        }

        Directory.CreateDirectory(options.Directory);
        _log = log ?? (_ => { });
        _devices = [.. Enumerable.Range(1, options.Devices).Select(i => new VirtualDevice(options, i, _http, Pool))];
    }

    /// <summary>The blocks of the devices' memory slots, each distinct content held once.</summary>
    public BlockPool Pool { get; } = new();

    /// <summary>Runs every device until <paramref name="stop"/>; a device whose runtime fails ends the simulation with its error.</summary>
    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(_devices.Select(device => Task.Run(() => device.RunAsync(_log, stop), CancellationToken.None)));

    /// <summary>The content of device <paramref name="index"/>'s (1-based) slot when the slots are in memory.</summary>
    internal SlotBlocks? SlotContent(int index, Firmware.Device.Slots.SlotName slot) => _devices[index - 1].SlotContent(slot);

    /// <summary>Counts the devices' states now.</summary>
    public SimulationStatus Status()
    {
        int connected = 0, updating = 0, committed = 0, rolledBack = 0, failed = 0;
        foreach (var device in _devices)
        {
            var runtime = device.Runtime;
            connected += runtime?.Connection?.IsConnected == true ? 1 : 0;
            var checkpoint = runtime?.Checkpoint;
            if (checkpoint?.Update is { Finished: false })
            {
                updating++;
            }
            else if (checkpoint?.Outbox is [.., var last])
            {
                committed += last.Outcome == UpdateOutcome.Committed ? 1 : 0;
                rolledBack += last.Outcome == UpdateOutcome.RolledBack ? 1 : 0;
                failed += last.Outcome == UpdateOutcome.Failed ? 1 : 0;
            }
        }

        return new SimulationStatus(_devices.Count, _devices.Count(d => d.IsOffline), connected, updating, committed, rolledBack, failed,
            _devices.Sum(d => d.Reboots), _devices.Sum(d => d.Drops), Pool.Bytes);
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();
}
