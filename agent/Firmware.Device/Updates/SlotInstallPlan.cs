using Firmware.Bundles;
using Firmware.Device.Slots;

namespace Firmware.Device.Updates;

/// <summary>One payload of the bundle and the target of the inactive slot it is written to.</summary>
/// <param name="Payload">The payload, as the verified manifest describes it.</param>
/// <param name="Target">The slot's root or boot partition.</param>
internal sealed record PlannedWrite(PayloadManifest Payload, ISlotDevice Target);

/// <summary>
/// Matches a bundle's payloads to the targets of the slot being written (docs/agent.md, "Slots
/// and their targets"): <c>rootfs</c> to the slot's root; on a slot with a boot partition, the
/// payload named for the slot (<c>boot-b</c> when writing B) to that partition, the other slot's
/// (<c>boot-a</c>) left unwritten. A bundle made for a board with boot partitions is refused on a
/// device whose slots have none, and the other way round, before anything is written: installing
/// only the root would leave a kernel that does not match it. Payloads of other names are verified
/// with the rest of the bundle and not written. Pure: the verifying pass checks the plan (sizes
/// included), the writing pass executes it.
/// </summary>
internal static class SlotInstallPlan
{
    /// <summary>The writes that install <paramref name="manifest"/> into <paramref name="slot"/>.</summary>
    /// <exception cref="UpdateException"><see cref="UpdateError.BundleRejected"/> when the payloads do not match the slot's targets;
    /// <see cref="UpdateError.SlotTooSmall"/> when a payload is larger than its target.</exception>
    public static IReadOnlyList<PlannedWrite> For(BundleManifest manifest, string rootfsPayload, SlotName slot, SlotGroup group)
    {
        var writes = new List<PlannedWrite> { new(Find(manifest, rootfsPayload) ?? throw Rejected($"the bundle has no payload '{rootfsPayload}'"), group.Rootfs) };
        var bootPayload = SlotGroup.BootPayload(slot);
        var carried = manifest.Payloads.Where(p => p.Name == SlotGroup.BootPayload(SlotName.A) || p.Name == SlotGroup.BootPayload(SlotName.B)).Select(p => p.Name).ToList();
        if (group.Boot is { } boot)
        {
            var payload = Find(manifest, bootPayload)
                          ?? throw Rejected($"{boot} is slot {slot.Letter()}'s boot partition, but the bundle has no payload '{bootPayload}' for it"
                                            + $" (it carries {string.Join(", ", manifest.Payloads.Select(p => $"'{p.Name}'"))}): a bundle for a board whose kernel lives in the root");
            writes.Add(new PlannedWrite(payload, boot));
        }
        else if (carried.Count > 0)
        {
            throw Rejected($"the bundle carries boot partition payloads ({string.Join(", ", carried.Select(n => $"'{n}'"))}), but slot {slot.Letter()} has no boot partition"
                           + $" (agent.yml: slots.{slot.Letter().ToLowerInvariant()}.boot): a bundle for a board whose firmware boots from a partition per slot");
        }

        foreach (var write in writes)
        {
            if (write.Payload.Size > write.Target.Capacity)
            {
                throw new UpdateException(UpdateError.SlotTooSmall, transient: false,
                    $"payload '{write.Payload.Name}' of {write.Payload.Size} bytes does not fit {write.Target} of {write.Target.Capacity} bytes");
            }
        }

        return writes;
    }

    private static PayloadManifest? Find(BundleManifest manifest, string name) => manifest.Payloads.FirstOrDefault(p => p.Name == name);

    private static UpdateException Rejected(string detail) => new(UpdateError.BundleRejected, transient: false, detail);
}
