using System.Security.Cryptography;
using Firmware.Bundles;
using Firmware.Install;

namespace Firmware.Device.Updates.States;

/// <summary>
/// Streams the payload into the inactive slot, syncs it, and reads it back against the manifest's
/// chunk digests. Resuming after a crash writes the whole payload again: the slot is not armed
/// until this step has finished, so whatever a crash left in it is never booted.
/// </summary>
internal sealed class WritingState : UpdateState
{
    public override UpdateStateName Name => UpdateStateName.Writing;

    public override async Task<Step> RunAsync(UpdateContext context, UpdateRecord update, CancellationToken cancellationToken)
    {
        var slot = context.Device.Slots[update.TargetSlot];
        using var bundle = await context.OpenBundleAsync(update, cancellationToken);
        using var reader = new BundleReader(bundle, context.Policy(PayloadCheck.Full));
        var manifest = await reader.ReadManifestAsync(cancellationToken);
        if (Convert.ToHexStringLower(SHA256.HashData(manifest.ManifestBytes.Span)) != update.ManifestSha256)
        {
            throw new UpdateException(UpdateError.BundleChanged, transient: false, "the bundle's manifest differs from the one verified before writing");
        }

        var payload = manifest.Manifest.Payloads.First(p => p.Name == update.Payload);
        try
        {
            using (var target = slot.OpenWrite())
            {
                // InstallAsync refuses a payload larger than the slot before its first write, and
                // ends with Flush: through IDeviceStorage that is the fsync.
                await PayloadInstaller.InstallAsync(reader, manifest, update.Payload, target, slot.Capacity, cancellationToken);
            }

            using var readBack = slot.OpenRead();
            if (await PayloadInstaller.VerifyReadBackAsync(readBack, payload, cancellationToken) is { } bad)
            {
                throw new UpdateException(UpdateError.ReadBackMismatch, transient: true, $"{slot}: chunk {bad} reads back other bytes than were written");
            }
        }
        catch (IOException e)
        {
            throw UpdateContext.Io(e, UpdateError.SlotIo, slot.ToString()!);
        }
        catch (SlotTooSmallException e)
        {
            throw new UpdateException(UpdateError.SlotTooSmall, transient: false, $"{slot}: {e.Message}", e);
        }

        return Step.To(update, UpdateStateName.Armed);
    }
}
