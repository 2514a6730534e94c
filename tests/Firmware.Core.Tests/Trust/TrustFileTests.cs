using System.Text;
using Firmware.Bundles;
using Firmware.Signing;
using Firmware.Trust;

namespace Firmware.Core.Tests.Trust;

[Trait("Category", "Unit")]
public sealed class TrustFileTests : IDisposable
{
    private readonly SigningKey _root1 = TestKit.Key();
    private readonly SigningKey _root2 = TestKit.Key();
    private readonly SigningKey _root3 = TestKit.Key();
    private readonly SigningKey _release = TestKit.Key();

    [Fact]
    public void A_created_trust_file_parses_back_to_the_same_document()
    {
        var created = TrustFile.Create(TestKit.Document(1, [_root1], 1, [_release], 1), [_root1]);

        var parsed = TrustFile.Parse(created.Bytes, "trust.json");

        Assert.Equal(created.Sha256, parsed.Sha256);
        Assert.Equal(1, parsed.Version);
        Assert.Equal("trust.json", parsed.Name);
        Assert.Equal([_root1.KeyId], parsed.RootKeys.Keys);
        Assert.Equal([_release.KeyId], parsed.ReleaseKeys.Keys);
        Assert.Equal(created.Document.Expires, parsed.Document.Expires);
    }

    [Fact]
    public void A_trust_file_signed_by_its_root_verifies_itself()
    {
        var trust = TrustFile.Create(TestKit.Document(1, [_root1, _root2], 2, [_release], 1), [_root1, _root2]);

        Assert.Equal([_root1.KeyId, _root2.KeyId], trust.VerifySelfSigned());
    }

    [Fact]
    public void A_trust_file_signed_by_fewer_than_its_root_threshold_does_not_verify_itself()
    {
        var trust = TrustFile.Create(TestKit.Document(1, [_root1, _root2], 2, [_release], 1), [_root1]);

        var error = Assert.Throws<BundleException>(() => trust.VerifySelfSigned());

        Assert.Equal(BundleError.ThresholdNotMet, error.Error);
    }

    [Fact]
    public void A_trust_file_signed_by_its_release_key_only_does_not_verify_itself()
    {
        var trust = TrustFile.Create(TestKit.Document(1, [_root1], 1, [_release], 1), [_release]);

        var error = Assert.Throws<BundleException>(() => trust.VerifySelfSigned());

        Assert.Equal(BundleError.UnknownSigner, error.Error);
    }

    [Fact]
    public void An_edited_document_no_longer_verifies()
    {
        var trust = TrustFile.Create(TestKit.Document(1, [_root1], 1, [_release], 1), [_root1]);
        var body = Convert.FromBase64String(trust.Envelope.Payload);
        body[^2] ^= 1;
        var edited = trust.Envelope with { Payload = Convert.ToBase64String(body) };
        var bytes = StrictJson.Encode(edited, FirmwareJsonContext.Default.SignedEnvelope);

        var error = Record.Exception(() => TrustFile.Parse(bytes, "t").VerifySelfSigned());

        Assert.IsType<BundleException>(error);
    }

    [Fact]
    public void A_valid_trust_file_is_current_until_its_expiry_instant()
    {
        var trust = TrustFile.Create(TestKit.Document(1, [_root1], 1, [_release], 1, TestKit.Epoch), [_root1]);

        trust.EnsureCurrent(TestKit.Epoch.AddSeconds(-1));
        var error = Assert.Throws<BundleException>(() => trust.EnsureCurrent(TestKit.Epoch));

        Assert.Equal(BundleError.TrustExpired, error.Error);
    }

    [Fact]
    public void A_rotation_signed_by_both_root_thresholds_is_accepted()
    {
        var v1 = TrustFile.Create(TestKit.Document(1, [_root1], 1, [_release], 1), [_root1]);
        var v2 = TrustFile.Create(TestKit.Document(2, [_root2], 1, [_release], 1), [_root1, _root2]);

        v1.VerifyRotationTo(v2);
    }

    [Fact]
    public void A_rotation_that_keeps_the_same_root_needs_only_its_signature()
    {
        var v1 = TrustFile.Create(TestKit.Document(1, [_root1], 1, [_release], 1), [_root1]);
        var v2 = TrustFile.Create(TestKit.Document(2, [_root1], 1, [_release], 1), [_root1]);

        v1.VerifyRotationTo(v2);
    }

    [Fact]
    public void A_rotation_that_skips_a_version_is_invalid()
    {
        var v1 = TrustFile.Create(TestKit.Document(1, [_root1], 1, [_release], 1), [_root1]);
        var v3 = TrustFile.Create(TestKit.Document(3, [_root1], 1, [_release], 1), [_root1]);

        var error = Assert.Throws<BundleException>(() => v1.VerifyRotationTo(v3));

        Assert.Equal(BundleError.TrustRotationInvalid, error.Error);
    }

    [Fact]
    public void A_rotation_to_the_same_version_is_invalid()
    {
        var v1 = TrustFile.Create(TestKit.Document(1, [_root1], 1, [_release], 1), [_root1]);
        var other = TrustFile.Create(TestKit.Document(1, [_root2], 1, [_release], 1), [_root1, _root2]);

        var error = Assert.Throws<BundleException>(() => v1.VerifyRotationTo(other));

        Assert.Equal(BundleError.TrustRotationInvalid, error.Error);
    }

    [Fact]
    public void A_rotation_signed_only_by_the_new_root_is_invalid()
    {
        var v1 = TrustFile.Create(TestKit.Document(1, [_root1], 1, [_release], 1), [_root1]);
        var v2 = TrustFile.Create(TestKit.Document(2, [_root2], 1, [_release], 1), [_root2]);

        var error = Assert.Throws<BundleException>(() => v1.VerifyRotationTo(v2));

        Assert.Equal(BundleError.TrustRotationInvalid, error.Error);
        Assert.Contains("version 1 root", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rotation_signed_only_by_the_old_root_is_invalid()
    {
        var v1 = TrustFile.Create(TestKit.Document(1, [_root1], 1, [_release], 1), [_root1]);
        var v2 = TrustFile.Create(TestKit.Document(2, [_root2], 1, [_release], 1), [_root1]);

        var error = Assert.Throws<BundleException>(() => v1.VerifyRotationTo(v2));

        Assert.Equal(BundleError.TrustRotationInvalid, error.Error);
        Assert.Contains("version 2 root", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rotation_with_one_of_two_old_root_signatures_is_invalid()
    {
        var v1 = TrustFile.Create(TestKit.Document(1, [_root1, _root2], 2, [_release], 1), [_root1, _root2]);
        var v2 = TrustFile.Create(TestKit.Document(2, [_root3], 1, [_release], 1), [_root1, _root3]);

        var error = Assert.Throws<BundleException>(() => v1.VerifyRotationTo(v2));

        Assert.Equal(BundleError.TrustRotationInvalid, error.Error);
    }

    [Fact]
    public void A_rotation_meeting_a_threshold_of_two_old_and_two_new_roots_is_accepted()
    {
        var v1 = TrustFile.Create(TestKit.Document(1, [_root1, _root2], 2, [_release], 1), [_root1, _root2]);
        var v2 = TrustFile.Create(TestKit.Document(2, [_root2, _root3], 2, [_release], 1), [_root1, _root2, _root3]);

        v1.VerifyRotationTo(v2);
    }

    [Fact]
    public void A_file_that_is_not_json_is_malformed()
    {
        var error = Assert.Throws<BundleException>(() => TrustFile.Parse("trust"u8, "t.json"));

        Assert.Equal(BundleError.TrustMalformed, error.Error);
        Assert.Equal("t.json", error.Entry);
    }

    [Fact]
    public void An_envelope_of_another_payload_type_is_malformed()
    {
        var trust = TrustFile.Create(TestKit.Document(1, [_root1], 1, [_release], 1), [_root1]);
        var bytes = StrictJson.Encode(trust.Envelope with { PayloadType = PreAuthEncoding.ManifestType }, FirmwareJsonContext.Default.SignedEnvelope);

        var error = Assert.Throws<BundleException>(() => TrustFile.Parse(bytes, "t"));

        Assert.Equal(BundleError.TrustMalformed, error.Error);
    }

    [Fact]
    public void A_file_larger_than_the_limit_is_too_large()
    {
        var error = Assert.Throws<BundleException>(() => TrustFile.Parse(new byte[TrustFile.MaxBytes + 1], "t"));

        Assert.Equal(BundleError.EntryTooLarge, error.Error);
    }

    [Fact]
    public void A_document_whose_key_id_does_not_match_its_key_is_malformed()
    {
        var document = TestKit.Document(1, [_root1], 1, [_release], 1);
        var keys = document.Keys.ToList();
        keys[0] = keys[0] with { Public = Convert.ToBase64String(_root2.PublicKey.Raw) };
        var body = StrictJson.Encode(document with { Keys = keys }, FirmwareJsonContext.Default.TrustDocument);
        var envelope = new SignedEnvelope { PayloadType = PreAuthEncoding.TrustType, Payload = Convert.ToBase64String(body), Signatures = [] };

        var error = Assert.Throws<BundleException>(() => TrustFile.Parse(StrictJson.Encode(envelope, FirmwareJsonContext.Default.SignedEnvelope), "t"));

        Assert.Equal(BundleError.TrustMalformed, error.Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_document_whose_threshold_is_outside_its_key_count_cannot_be_created(int threshold)
    {
        Assert.Throws<ArgumentException>(() => TrustFile.Create(TestKit.Document(1, [_root1], threshold, [_release], 1), [_root1]));
    }

    [Fact]
    public void A_document_with_an_unknown_key_is_malformed()
    {
        var body = Encoding.UTF8.GetString(StrictJson.Encode(TestKit.Document(1, [_root1], 1, [_release], 1), FirmwareJsonContext.Default.TrustDocument));
        body = body.Replace("{\"type\":", "{\"comment\":\"x\",\"type\":", StringComparison.Ordinal);
        var envelope = new SignedEnvelope { PayloadType = PreAuthEncoding.TrustType, Payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(body)), Signatures = [] };

        var error = Assert.Throws<BundleException>(() => TrustFile.Parse(StrictJson.Encode(envelope, FirmwareJsonContext.Default.SignedEnvelope), "t"));

        Assert.Equal(BundleError.TrustMalformed, error.Error);
    }

    public void Dispose()
    {
        _root1.Dispose();
        _root2.Dispose();
        _root3.Dispose();
        _release.Dispose();
    }
}
