using Firmware.Bundles;
using Firmware.Signing;
using Firmware.Trust;

namespace Firmware.Core.Tests.Bundles;

/// <summary>Carried trust files move the device's trust forward only along valid rotations.</summary>
[Trait("Category", "Malformed")]
public sealed class BundleTrustTests(Scenario scenario) : IClassFixture<Scenario>
{
    private static readonly DateTimeOffset Epoch = TestKit.Epoch;

    [Fact]
    public async Task An_expired_device_trust_file_without_a_carried_rotation_is_expired()
    {
        using var root = TestKit.Key();
        using var release = TestKit.Key();
        var trust = TrustFile.Create(TestKit.Document(1, [root], 1, [release], 1, Epoch.AddDays(10)), [root]);
        var bundle = Build([release], []);

        var error = await TestKit.RejectedAsync(bundle, TestKit.Policy(trust, Epoch.AddDays(20)));

        Assert.Equal(BundleError.TrustExpired, error.Error);
    }

    [Fact]
    public async Task An_expired_carried_trust_file_is_expired()
    {
        using var root = TestKit.Key();
        using var release = TestKit.Key();
        var trust1 = TrustFile.Create(TestKit.Document(1, [root], 1, [release], 1, Epoch.AddDays(365)), [root]);
        var trust2 = TrustFile.Create(TestKit.Document(2, [root], 1, [release], 1, Epoch.AddDays(10)), [root]);
        var bundle = Build([release], [trust2]);

        var error = await TestKit.RejectedAsync(bundle, TestKit.Policy(trust1, Epoch.AddDays(20)));

        Assert.Equal(BundleError.TrustExpired, error.Error);
        Assert.Equal("trust/2.json", error.Entry);
    }

    [Fact]
    public async Task An_expired_device_trust_file_is_recovered_by_a_carried_rotation()
    {
        using var root = TestKit.Key();
        using var release = TestKit.Key();
        var trust1 = TrustFile.Create(TestKit.Document(1, [root], 1, [release], 1, Epoch.AddDays(10)), [root]);
        var trust2 = TrustFile.Create(TestKit.Document(2, [root], 1, [release], 1, Epoch.AddDays(365)), [root]);
        var bundle = Build([release], [trust2]);

        var result = await TestKit.ReadAsync(bundle, TestKit.Policy(trust1, Epoch.AddDays(20)));

        Assert.True(result.Completed);
        Assert.True(result.Manifest!.TrustAdvanced);
        Assert.Equal(trust2.Sha256, result.Manifest.Trust.Sha256);
    }

    [Fact]
    public async Task A_carried_rotation_signed_by_both_root_sets_moves_trust_to_new_keys()
    {
        using var root1 = TestKit.Key();
        using var root2 = TestKit.Key();
        using var release1 = TestKit.Key();
        using var release2 = TestKit.Key();
        var trust1 = TrustFile.Create(TestKit.Document(1, [root1], 1, [release1], 1), [root1]);
        var trust2 = TrustFile.Create(TestKit.Document(2, [root2], 1, [release2], 1), [root1, root2]);
        var bundle = Build([release2], [trust2]);

        var result = await TestKit.ReadAsync(bundle, TestKit.Policy(trust1));

        Assert.True(result.Completed);
        Assert.Equal(2, result.Manifest!.Trust.Version);
        Assert.Equal([release2.KeyId], result.Manifest.Signers);
    }

    [Fact]
    public async Task After_a_carried_rotation_the_retired_release_key_no_longer_signs()
    {
        using var root1 = TestKit.Key();
        using var release1 = TestKit.Key();
        using var release2 = TestKit.Key();
        var trust1 = TrustFile.Create(TestKit.Document(1, [root1], 1, [release1], 1), [root1]);
        var trust2 = TrustFile.Create(TestKit.Document(2, [root1], 1, [release2], 1), [root1]);
        var bundle = Build([release1], [trust2]);

        var error = await TestKit.RejectedAsync(bundle, TestKit.Policy(trust1));

        Assert.Equal(BundleError.UnknownSigner, error.Error);
    }

    [Fact]
    public async Task A_carried_rotation_without_the_old_root_threshold_is_an_invalid_rotation()
    {
        using var root1 = TestKit.Key();
        using var root2 = TestKit.Key();
        using var release = TestKit.Key();
        var trust1 = TrustFile.Create(TestKit.Document(1, [root1], 1, [release], 1), [root1]);
        var trust2 = TrustFile.Create(TestKit.Document(2, [root2], 1, [release], 1), [root2]);
        var bundle = Build([release], [trust2]);

        var error = await TestKit.RejectedAsync(bundle, TestKit.Policy(trust1));

        Assert.Equal(BundleError.TrustRotationInvalid, error.Error);
        Assert.Equal("trust/2.json", error.Entry);
    }

    [Fact]
    public async Task A_carried_trust_file_that_skips_a_version_is_an_invalid_rotation()
    {
        using var root = TestKit.Key();
        using var release = TestKit.Key();
        var trust1 = TrustFile.Create(TestKit.Document(1, [root], 1, [release], 1), [root]);
        var trust3 = TrustFile.Create(TestKit.Document(3, [root], 1, [release], 1), [root]);
        var bundle = Build([release], [trust3]);

        var error = await TestKit.RejectedAsync(bundle, TestKit.Policy(trust1));

        Assert.Equal(BundleError.TrustRotationInvalid, error.Error);
    }

    [Fact]
    public async Task A_carried_trust_file_that_does_not_match_its_manifest_digest_is_a_trust_mismatch()
    {
        // The manifest binds one version 2; the archive carries another, equally well signed.
        var other = TrustFile.Create(TestKit.Document(2, [scenario.Root], 1, [scenario.Release], 1, Epoch.AddDays(800)), [scenario.Root]);
        var entries = scenario.Entries();
        entries[2] = entries[2] with { Data = other.Bytes.ToArray() };

        var error = await TestKit.RejectedAsync(RawTar.Archive(entries), scenario.Policy);

        Assert.Equal(BundleError.TrustMismatch, error.Error);
        Assert.Equal("trust/2.json", error.Entry);
    }

    [Fact]
    public async Task A_carried_trust_file_of_another_version_than_its_reference_is_a_trust_mismatch()
    {
        var trust3 = TrustFile.Create(TestKit.Document(3, [scenario.Root], 1, [scenario.Release], 1), [scenario.Root]);
        var manifest = scenario.Manifest with { Trust = [new TrustReference { Version = 2, Sha256 = trust3.Sha256 }] };
        var entries = scenario.Entries();
        entries[0] = entries[0] with { Data = ManifestRules.Serialize(manifest) };
        entries[1] = entries[1] with { Data = TestKit.SignatureEntry(entries[0].Data, [scenario.Release]) };
        entries[2] = entries[2] with { Data = trust3.Bytes.ToArray() };

        var error = await TestKit.RejectedAsync(RawTar.Archive(entries), scenario.Policy);

        Assert.Equal(BundleError.TrustMismatch, error.Error);
    }

    [Fact]
    public async Task A_carried_trust_file_that_is_not_a_trust_file_is_malformed()
    {
        var junk = "{\"payloadType\":\"x\"}"u8.ToArray();
        var manifest = scenario.Manifest with { Trust = [new TrustReference { Version = 2, Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(junk)) }] };
        var entries = scenario.Entries();
        entries[0] = entries[0] with { Data = ManifestRules.Serialize(manifest) };
        entries[1] = entries[1] with { Data = TestKit.SignatureEntry(entries[0].Data, [scenario.Release]) };
        entries[2] = entries[2] with { Data = junk };

        var error = await TestKit.RejectedAsync(RawTar.Archive(entries), scenario.Policy);

        Assert.Equal(BundleError.TrustMalformed, error.Error);
        Assert.Equal("trust/2.json", error.Entry);
    }

    [Fact]
    public async Task A_device_trust_file_not_signed_by_its_own_root_is_refused()
    {
        using var root = TestKit.Key();
        using var release = TestKit.Key();
        var unsigned = TrustFile.Create(TestKit.Document(1, [root], 1, [release], 1), [release]);
        var bundle = Build([release], []);

        var error = await TestKit.RejectedAsync(bundle, TestKit.Policy(unsigned));

        Assert.Equal(BundleErrorClass.Signature, error.Class);
    }

    private byte[] Build(IReadOnlyList<SigningKey> signers, IReadOnlyList<TrustFile> trust)
    {
        var manifest = TestKit.Manifest([scenario.KernelManifest, scenario.RootfsManifest], trust.Count == 0 ? null : trust) with { Expires = Epoch.AddDays(1000) };
        return scenario.Write(manifest, signers, trust);
    }
}
