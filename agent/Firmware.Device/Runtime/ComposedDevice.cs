using Firmware.Device.Config;
using Firmware.Device.Slots;
using Firmware.Device.Updates;

namespace Firmware.Device.Runtime;

/// <summary>A device put together from agent.yml by <see cref="DeviceComposition"/>: what the update engine drives, and how.</summary>
/// <param name="Config">The configuration it came from.</param>
/// <param name="Device">Storage, checkpoint, slots, bootloader, booted slot, health gate, reboot, reporter and sources.</param>
/// <param name="Options">Board, trust, flashed version and trial tries.</param>
/// <param name="Active">The booted slot and what each source said about it.</param>
/// <param name="Host">The system it runs on.</param>
public sealed record ComposedDevice(AgentConfig Config, UpdateDevice Device, UpdateEngineOptions Options, ActiveSlot Active, AgentHost Host)
{
    /// <summary>An engine over the device, loading its checkpoint; <paramref name="reporter"/> replaces the outcome journal when given.</summary>
    public UpdateEngine Engine(IOutcomeReporter? reporter = null) =>
        new(reporter is null ? Device : Device with { Reporter = reporter }, Options);
}
