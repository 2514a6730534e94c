using System.Security.Cryptography;
using Firmware.Bundles;

namespace Firmware.Device.Updates.States;

/// <summary>
/// One full pass over the bundle that writes nothing: manifest, signatures, trust, board, version
/// floor, expiry, and every chunk's stored digest and frame. A bundle that fails here has written
/// 0 bytes to the slot. Records the manifest's digest so the writing pass can insist on the same bundle.
/// </summary>
internal sealed class VerifyingState : UpdateState
{
    public override UpdateStateName Name => UpdateStateName.Verifying;

    public override async Task<Step> RunAsync(UpdateContext context, UpdateRecord update, CancellationToken cancellationToken)
    {
        VerificationResult result;
        using (var bundle = await context.OpenBundleAsync(update, cancellationToken))
        {
            result = await BundleVerification.VerifyAsync(bundle, context.Policy(PayloadCheck.Stored), cancellationToken);
        }

        var manifest = result.Manifest.Manifest;

        // Every payload matched to its target and checked against its size before the first write.
        SlotInstallPlan.For(manifest, update.Payload, update.TargetSlot, context.Device.Slots[update.TargetSlot]);
        return Step.To(update with
        {
            ManifestSha256 = Convert.ToHexStringLower(SHA256.HashData(result.Manifest.ManifestBytes.Span)),
            Version = manifest.Version,
            MinVersion = manifest.MinVersion,
        }, UpdateStateName.Writing);
    }
}
