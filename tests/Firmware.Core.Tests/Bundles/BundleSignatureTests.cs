using Firmware.Bundles;
using Firmware.Trust;

namespace Firmware.Core.Tests.Bundles;

/// <summary>The manifest is accepted only when a threshold of distinct release keys signed it.</summary>
[Trait("Category", "Malformed")]
public sealed class BundleSignatureTests(Scenario scenario) : IClassFixture<Scenario>
{
    [Fact]
    public async Task A_bundle_signed_only_by_an_unknown_key_is_rejected_as_unknown_signer()
    {
        using var stranger = TestKit.Key();
        var bundle = scenario.Write(scenario.Manifest, [stranger], [scenario.Trust2]);

        var error = await TestKit.RejectedAsync(bundle, scenario.Policy);

        Assert.Equal(BundleError.UnknownSigner, error.Error);
        Assert.Equal(BundleEntryNames.Signatures, error.Entry);
    }

    [Fact]
    public async Task A_bundle_signed_by_the_root_key_instead_of_a_release_key_is_rejected_as_unknown_signer()
    {
        var bundle = scenario.Write(scenario.Manifest, [scenario.Root], [scenario.Trust2]);

        var error = await TestKit.RejectedAsync(bundle, scenario.Policy);

        Assert.Equal(BundleError.UnknownSigner, error.Error);
    }

    [Fact]
    public async Task One_signature_under_a_release_threshold_of_two_is_rejected_as_threshold_not_met()
    {
        using var root = TestKit.Key();
        using var first = TestKit.Key();
        using var second = TestKit.Key();
        var trust = TrustFile.Create(TestKit.Document(1, [root], 1, [first, second], 2), [root]);
        var bundle = TestKit.Bundle([first], new Dictionary<string, byte[]> { ["app"] = TestKit.Random(5000, 1) }, encoding: TestKit.SmallChunks);

        var error = await TestKit.RejectedAsync(bundle, TestKit.Policy(trust));

        Assert.Equal(BundleError.ThresholdNotMet, error.Error);
        Assert.Equal(BundleEntryNames.Signatures, error.Entry);
    }

    [Fact]
    public async Task Two_signatures_under_a_release_threshold_of_two_are_accepted()
    {
        using var root = TestKit.Key();
        using var first = TestKit.Key();
        using var second = TestKit.Key();
        var trust = TrustFile.Create(TestKit.Document(1, [root], 1, [first, second], 2), [root]);
        var bundle = TestKit.Bundle([second, first], new Dictionary<string, byte[]> { ["app"] = TestKit.Random(5000, 1) }, encoding: TestKit.SmallChunks);

        var result = await TestKit.ReadAsync(bundle, TestKit.Policy(trust));

        Assert.True(result.Completed);
        Assert.Equal([second.KeyId, first.KeyId], result.Manifest!.Signers);
    }

    [Fact]
    public async Task The_same_key_signing_twice_does_not_count_twice_and_is_rejected_as_duplicate_signer()
    {
        using var root = TestKit.Key();
        using var first = TestKit.Key();
        using var second = TestKit.Key();
        var trust = TrustFile.Create(TestKit.Document(1, [root], 1, [first, second], 2), [root]);
        var bundle = TestKit.Bundle([first, first], new Dictionary<string, byte[]> { ["app"] = TestKit.Random(5000, 1) }, encoding: TestKit.SmallChunks);

        var error = await TestKit.RejectedAsync(bundle, TestKit.Policy(trust));

        Assert.Equal(BundleError.DuplicateSigner, error.Error);
        Assert.Equal(BundleEntryNames.Signatures, error.Entry);
    }

    [Fact]
    public async Task A_signature_entry_that_is_not_json_is_malformed()
    {
        var entries = scenario.Entries();
        entries[1] = entries[1] with { Data = "not json"u8.ToArray() };

        var error = await TestKit.RejectedAsync(RawTar.Archive(entries), scenario.Policy);

        Assert.Equal(BundleError.SignatureMalformed, error.Error);
        Assert.Equal(BundleEntryNames.Signatures, error.Entry);
    }

    [Fact]
    public async Task A_signature_over_a_different_payload_type_does_not_verify()
    {
        // Signed as if the manifest were a trust document: the type is bound into the signature.
        var message = Firmware.Signing.PreAuthEncoding.Encode(Firmware.Signing.PreAuthEncoding.TrustType, scenario.ManifestBytes);
        var signatures = new Firmware.Signing.DetachedSignatures
        {
            PayloadType = Firmware.Signing.PreAuthEncoding.ManifestType,
            Signatures = [Firmware.Signing.SignatureRecord.Create(scenario.Release, message)],
        };
        var entries = scenario.Entries();
        entries[1] = entries[1] with { Data = StrictJson.Encode(signatures, FirmwareJsonContext.Default.DetachedSignatures) };

        var error = await TestKit.RejectedAsync(RawTar.Archive(entries), scenario.Policy);

        Assert.Equal(BundleError.SignatureInvalid, error.Error);
    }
}
