using Firmware.Bundles;

namespace Firmware.Core.Tests.Bundles;

/// <summary>Reading a bundle's leading entries for display checks structure but no signature.</summary>
[Trait("Category", "Malformed")]
public sealed class BundleHeaderTests(Scenario scenario) : IClassFixture<Scenario>
{
    [Fact]
    public async Task The_header_of_a_valid_bundle_holds_its_manifest_signatures_and_carried_trust()
    {
        var header = await BundleReader.ReadHeaderUnverifiedAsync(new ForwardOnlyStream(scenario.Bundle));

        Assert.Equal(scenario.ManifestBytes, header.ManifestBytes.ToArray());
        Assert.Equal(scenario.Release.KeyId, Assert.Single(header.Signatures.Signatures).KeyId);
        Assert.Equal(scenario.Trust2.Sha256, Assert.Single(header.CarriedTrust).Sha256);
    }

    [Fact]
    public async Task A_bundle_signed_by_an_unknown_key_can_still_be_inspected()
    {
        using var stranger = TestKit.Key();
        var bundle = scenario.Write(scenario.Manifest, [stranger], [scenario.Trust2]);

        var header = await BundleReader.ReadHeaderUnverifiedAsync(new MemoryStream(bundle));

        Assert.Equal(stranger.KeyId, Assert.Single(header.Signatures.Signatures).KeyId);
    }

    [Fact]
    public async Task Inspection_still_rejects_a_malformed_manifest()
    {
        var bundle = scenario.WithManifest("{\"format\":1,\"extra\":true}"u8.ToArray());

        var error = await Assert.ThrowsAsync<BundleException>(async () => await BundleReader.ReadHeaderUnverifiedAsync(new MemoryStream(bundle)));

        Assert.Equal(BundleError.ManifestMalformed, error.Error);
    }

    [Fact]
    public async Task Inspection_still_rejects_a_carried_trust_file_that_does_not_match_its_digest()
    {
        var bundle = TestKit.FlipBit(scenario.Bundle, scenario.Layout["trust/2.json"].DataOffset + 10);

        var error = await Assert.ThrowsAsync<BundleException>(async () => await BundleReader.ReadHeaderUnverifiedAsync(new MemoryStream(bundle)));

        Assert.Equal(BundleError.TrustMismatch, error.Error);
    }

    [Fact]
    public async Task Inspection_reads_nothing_of_the_payloads()
    {
        var stream = new ForwardOnlyStream(scenario.Bundle);

        await BundleReader.ReadHeaderUnverifiedAsync(stream);

        Assert.Equal(scenario.Layout["trust/2.json"].DataEnd, stream.BytesRead);
    }
}
