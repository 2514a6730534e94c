using Firmware.Bundles;
using Firmware.Cli;
using Firmware.Install;
using Firmware.Tool.Authoring;
using Firmware.Trust;
using Firmware.Versioning;

namespace Firmware.Tool.Demo;

/// <summary>
/// The end-to-end walkthrough behind <c>fwtool demo</c>: keys, a two-of-two root trust file, a
/// signed bundle, verification, installation into a simulated inactive slot with read-back,
/// the rejections a device makes, and a key rotation carried inside a bundle. Every step uses
/// the same library calls as the individual commands. Narration goes to <paramref name="say"/>.
/// </summary>
internal sealed class DemoWalkthrough(string directory, TimeProvider clock, Action<string> say)
{
    private const string Board = DemoFiles.Board;
    private const long ImageSize = 48L << 20;
    private const long SlotSize = 64L << 20;

    private readonly DemoFiles _files = new(directory, clock, say);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        say($"Working in {directory}");

        say("1. Keys: two root keys (trust changes need both) and one release key (signs bundles).");
        var rootA = _files.Key("root-a");
        var rootB = _files.Key("root-b");
        var releaseA = _files.Key("release-a");

        say("2. Trust version 1: root 2-of-2, release 1-of-1, signed by both root keys.");
        using var rootAKey = KeyFiles.ReadSigningKey(rootA);
        using var rootBKey = KeyFiles.ReadSigningKey(rootB);
        var trust = TrustAuthoring.Init(
            new RoleMembers([rootAKey.PublicKey, rootBKey.PublicKey], 2),
            new RoleMembers([KeyFiles.ReadVerificationKey(releaseA)], 1),
            clock.GetUtcNow().AddDays(365), [rootAKey, rootBKey]);
        var trustPath = await _files.WriteTrustAsync(trust, "trust.json", cancellationToken);

        say($"3. A {Units.Bytes(ImageSize)} root filesystem image for version 1.1.0.");
        var image = _files.Image("rootfs-1.1.0.img", ImageSize, seed: 11);

        say("4. Bundle 1.1.0, signed by release-a, setting the anti-rollback floor to 1.0.0.");
        var bundle = await _files.BundleAsync("demo-1.1.0.fwb", "1.1.0", image, releaseA, [], cancellationToken);

        say("5. Verify it as the device would: board, installed version 1.0.0, trust version 1.");
        var device = Policy(trust, "1.0.0");
        await Verify(bundle, device, "accepted", cancellationToken);

        say("6. Install into the inactive slot B (a file standing in for a partition), then read it back.");
        var slot = Path.Combine(directory, "slot-b.img");
        await Install(bundle, device, slot, cancellationToken);

        say("7. What the device refuses, each with its own error code:");
        var tampered = Path.Combine(directory, "demo-1.1.0-tampered.fwb");
        File.Copy(bundle, tampered, overwrite: true);
        FlipBit(tampered, new FileInfo(tampered).Length * 3 / 5);
        await Verify(tampered, device, "one flipped bit", cancellationToken);
        await Verify(bundle, device with { Board = "other-board" }, "another board", cancellationToken);
        await Verify(bundle, device with { InstalledVersion = FirmwareVersion.Parse("2.0.0") }, "a downgrade from 2.0.0", cancellationToken);
        await Verify(bundle, device with { Now = clock.GetUtcNow().AddDays(120) }, "120 days later", cancellationToken);

        say("8. Rotate the release key: trust version 2 replaces release-a with release-b, signed by both roots.");
        var releaseB = _files.Key("release-b");
        var trust2 = TrustAuthoring.Rotate(trust, new TrustChange
        {
            AddRelease = [KeyFiles.ReadVerificationKey(releaseB)],
            RemoveRelease = [KeyFiles.ReadVerificationKey(releaseA).KeyId],
        }, clock.GetUtcNow().AddDays(365), [rootAKey, rootBKey]);
        await _files.WriteTrustAsync(trust2, "trust-2.json", cancellationToken);
        var bundle2 = await _files.BundleAsync("demo-1.2.0.fwb", "1.2.0", image, releaseB, [trust2], cancellationToken);
        say("   Bundle 1.2.0 is signed by release-b only and carries trust version 2.");
        var advanced = await Verify(bundle2, device with { InstalledVersion = FirmwareVersion.Parse("1.1.0") }, "accepted", cancellationToken);
        say($"   The device still holding trust version 1 follows the rotation to version {advanced?.Manifest.Trust.Version}.");
        var forged = await _files.BundleAsync("demo-1.2.0-old-key.fwb", "1.2.0", image, releaseA, [trust2], cancellationToken);
        await Verify(forged, device, "signed by the retired key", cancellationToken);

        say($"Done. Inspect the files in {directory}, for example:");
        say($"  fwtool bundle inspect {bundle}");
        say($"  fwtool bundle verify {bundle2} --trust {trustPath} --board {Board}");
    }

    private VerificationPolicy Policy(TrustFile trust, string installed) => new()
    {
        Trust = trust,
        Now = clock.GetUtcNow(),
        Board = Board,
        InstalledVersion = FirmwareVersion.Parse(installed),
        Floor = FirmwareVersion.Parse("1.0.0"),
    };

    private async Task<VerificationResult?> Verify(string path, VerificationPolicy policy, string label, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = VerifyCommand.OpenInput(path);
            var result = await BundleVerification.VerifyAsync(stream, policy, cancellationToken);
            say($"   {label}: OK, version {result.Manifest.Manifest.Version}, {result.Chunks} chunks verified");
            return result;
        }
        catch (BundleException e)
        {
            say($"   {label}: rejected, exit code {ExitCodes.For(e.Class)}: {e.Describe()}");
            return null;
        }
    }

    private async Task Install(string bundle, VerificationPolicy policy, string slotPath, CancellationToken cancellationToken)
    {
        await using var slot = new FileStream(slotPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        slot.SetLength(SlotSize);
        await using var input = VerifyCommand.OpenInput(bundle);
        using var reader = new BundleReader(input, policy);
        var manifest = await reader.ReadManifestAsync(cancellationToken);
        await PayloadInstaller.InstallAsync(reader, manifest, "rootfs", slot, SlotSize, cancellationToken);
        slot.Flush(flushToDisk: true);
        var payload = manifest.Manifest.Payloads[0];
        var mismatch = await PayloadInstaller.VerifyReadBackAsync(slot, payload, cancellationToken);
        say(mismatch is null
            ? $"   slot B holds {Units.Bytes(payload.Size)}; all {payload.Chunks.Count} chunks read back intact"
            : $"   slot B differs from the bundle at chunk {mismatch}");
    }

    private static void FlipBit(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var b = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(b ^ 0x10));
    }
}
