using System.Security.Cryptography;
using Firmware.Bundles;
using Firmware.Install;

namespace Firmware.Device.Updates.States;

/// <summary>
/// Streams the payloads into the inactive slot's targets (its root, and its boot partition where
/// it has one) in one pass over the bundle, syncs each, and reads each back against the manifest's
/// chunk digests. Resuming after a crash writes every target again: the slot is not armed until
/// this step has finished, so whatever a crash left in it is never booted.
/// </summary>
internal sealed class WritingState : UpdateState
{
    public override UpdateStateName Name => UpdateStateName.Writing;

    public override async Task<Step> RunAsync(UpdateContext context, UpdateRecord update, CancellationToken cancellationToken)
    {
        using var bundle = await context.OpenBundleAsync(update, cancellationToken);
        using var reader = new BundleReader(bundle, context.Policy(PayloadCheck.Full));
        var manifest = await reader.ReadManifestAsync(cancellationToken);
        if (Convert.ToHexStringLower(SHA256.HashData(manifest.ManifestBytes.Span)) != update.ManifestSha256)
        {
            throw new UpdateException(UpdateError.BundleChanged, transient: false, "the bundle's manifest differs from the one verified before writing");
        }

        var plan = SlotInstallPlan.For(manifest.Manifest, update.Payload, update.TargetSlot, context.Device.Slots[update.TargetSlot]);
        // What an I/O error names: the target being opened or read back, else all of them.
        var all = string.Join(", ", plan.Select(w => w.Target.ToString()));
        var where = all;
        var streams = new List<Stream>();
        try
        {
            foreach (var write in plan)
            {
                where = write.Target.ToString()!;
                streams.Add(write.Target.OpenWrite());
            }

            where = all;

            // InstallAsync refuses a payload larger than its target before its first write, and
            // flushes each target: through IDeviceStorage that is the fsync.
            await PayloadInstaller.InstallAsync(reader, manifest, [.. plan.Select((w, i) => new PayloadTarget(w.Payload.Name, streams[i], w.Target.Capacity))], cancellationToken);
            DisposeAll(streams);
            foreach (var write in plan)
            {
                where = write.Target.ToString()!;
                using var readBack = write.Target.OpenRead();
                if (await PayloadInstaller.VerifyReadBackAsync(readBack, write.Payload, cancellationToken) is { } bad)
                {
                    throw new UpdateException(UpdateError.ReadBackMismatch, transient: true, $"{write.Target}: chunk {bad} of payload '{write.Payload.Name}' reads back other bytes than were written");
                }
            }
        }
        catch (IOException e)
        {
            throw UpdateContext.Io(e, UpdateError.SlotIo, where);
        }
        catch (SlotTooSmallException e)
        {
            throw new UpdateException(UpdateError.SlotTooSmall, transient: false, $"{where}: {e.Message}", e);
        }
        finally
        {
            DisposeAll(streams);
        }

        return Step.To(update, UpdateStateName.Armed);
    }

    private static void DisposeAll(List<Stream> streams)
    {
        foreach (var stream in streams)
        {
            stream.Dispose();
        }

        streams.Clear();
    }
}
