using Firmware.Device.Boot;
using Firmware.Device.Config;
using Firmware.Device.Slots;
using Firmware.Device.Sources;
using Firmware.Device.Storage;
using Firmware.Device.Updates;
using Firmware.Device.Updates.Checkpoints;
using Firmware.Trust;

namespace Firmware.Device.Runtime;

/// <summary>
/// Puts a device together from agent.yml, in one place: the data directory and its checkpoint,
/// the bootloader backend, the slots, the booted slot as <see cref="ActiveSlotDetector"/> works it
/// out (kernel command line, boot environment and mounts, refused when they disagree), the
/// configured health gate and the reboot. The daemon, the local commands and the fleet simulator
/// all build their devices here.
/// </summary>
public static class DeviceComposition
{
    /// <summary>Composes the device <paramref name="config"/> describes on <paramref name="host"/>.</summary>
    /// <param name="config">The validated agent.yml.</param>
    /// <param name="host">The system around the agent.</param>
    /// <param name="trust">The trust bundles are verified against (agent.yml's <c>trust</c> file, read by the caller).</param>
    /// <exception cref="SlotDetectionException">The sources of the booted slot disagree, or none names a slot.</exception>
    /// <exception cref="BootControlException">The bootloader's state cannot be read.</exception>
    /// <exception cref="IOException">A slot is missing or its size cannot be told.</exception>
    public static ComposedDevice Compose(AgentConfig config, AgentHost host, TrustFile trust)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(trust);
        var storage = new DirectoryStorage(config.DataDirectory);
        var boot = BootBackends.Create(config.Boot, host.Reboot, storage);
        var layout = new SlotLayout(Device(config.SlotA), Device(config.SlotB));
        var active = new ActiveSlotDetector(layout, boot as IBootedSlotRecord, host.Roots).Detect();
        var device = new UpdateDevice
        {
            Storage = storage,
            Checkpoints = new CheckpointStore(storage),
            Slots = new SlotPair(Group(config.SlotA, active, host), Group(config.SlotB, active, host)),
            Boot = boot,
            Booted = active.Slot,
            Health = host.GateFor(config),
            Reboot = host.Reboot,
            Reporter = new JournalReporter(storage),
            Sources = new BundleSources(host.Http),
            Clock = host.Clock,
        };
        var options = new UpdateEngineOptions
        {
            Board = config.Compatible,
            Trust = trust,
            InstalledVersion = host.FlashedVersion,
            TrialTries = config.TrialTries,
        };
        return new ComposedDevice(config, device, options, active, host);
    }

    private static SlotDevice Device(SlotConfig slot) => new(slot.Path, slot.Size) { Boot = slot.Boot is { } boot ? Device(boot) : null };

    private static SlotGroup Group(SlotConfig slot, ActiveSlot active, AgentHost host) =>
        new(Target(slot, SlotTarget.Rootfs, active, host), slot.Boot is { } boot ? Target(boot, SlotTarget.Boot, active, host) : null);

    // Written only through the detector's ActiveSlot: never the running slot, O_EXCL on a block device.
    // A host's own slots (the fleet simulator's memory slots) take the root's place; a boot partition is always the configured one.
    private static ISlotDevice Target(SlotConfig slot, SlotTarget target, ActiveSlot active, AgentHost host)
    {
        var path = slot.IsFile ? slot.Path : host.Roots.MapDevice(slot.Path);
        var size = slot.Size ?? SlotCapacity.Of(path);
        return (target == SlotTarget.Rootfs ? host.Slots?.Invoke(slot.Name, active, size) : null)
            ?? new DetectedSlot(active, slot.Name, path, size, target);
    }
}
