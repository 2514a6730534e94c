using Firmware.Bundles;
using Firmware.Signing;

namespace Firmware.Core.Tests.Signing;

[Trait("Category", "Unit")]
public sealed class ThresholdCheckTests : IDisposable
{
    private static readonly byte[] Message = PreAuthEncoding.Encode(PreAuthEncoding.ManifestType, "{\"format\":1}"u8);
    private readonly SigningKey _a = TestKit.Key();
    private readonly SigningKey _b = TestKit.Key();
    private readonly SigningKey _outsider = TestKit.Key();

    private Dictionary<string, VerificationKey> Role => new() { [_a.KeyId] = _a.PublicKey, [_b.KeyId] = _b.PublicKey };

    [Fact]
    public void A_threshold_of_distinct_role_keys_is_met_and_their_ids_are_returned()
    {
        var valid = ThresholdCheck.Require(Message, [Sign(_a), Sign(_b)], Role, 2, "release", "e");

        Assert.Equal([_a.KeyId, _b.KeyId], valid);
    }

    [Fact]
    public void Signatures_by_keys_outside_the_role_are_ignored_when_the_threshold_is_met()
    {
        var valid = ThresholdCheck.Require(Message, [Sign(_outsider), Sign(_a)], Role, 1, "release", "e");

        Assert.Equal([_a.KeyId], valid);
    }

    [Fact]
    public void Only_signatures_by_keys_outside_the_role_are_an_unknown_signer()
    {
        var error = Assert.Throws<BundleException>(() => ThresholdCheck.Require(Message, [Sign(_outsider)], Role, 1, "release", "e"));

        Assert.Equal(BundleError.UnknownSigner, error.Error);
        Assert.Equal("e", error.Entry);
    }

    [Fact]
    public void Too_few_role_signatures_do_not_meet_the_threshold()
    {
        var error = Assert.Throws<BundleException>(() => ThresholdCheck.Require(Message, [Sign(_a), Sign(_outsider)], Role, 2, "release", "e"));

        Assert.Equal(BundleError.ThresholdNotMet, error.Error);
    }

    [Fact]
    public void No_signatures_at_all_do_not_meet_the_threshold()
    {
        var error = Assert.Throws<BundleException>(() => ThresholdCheck.Require(Message, [], Role, 1, "release", "e"));

        Assert.Equal(BundleError.ThresholdNotMet, error.Error);
    }

    [Fact]
    public void The_same_key_twice_is_a_duplicate_signer()
    {
        var error = Assert.Throws<BundleException>(() => ThresholdCheck.Require(Message, [Sign(_a), Sign(_a)], Role, 2, "release", "e"));

        Assert.Equal(BundleError.DuplicateSigner, error.Error);
    }

    [Fact]
    public void The_same_outside_key_twice_is_also_a_duplicate_signer()
    {
        var error = Assert.Throws<BundleException>(() => ThresholdCheck.Require(Message, [Sign(_a), Sign(_outsider), Sign(_outsider)], Role, 1, "release", "e"));

        Assert.Equal(BundleError.DuplicateSigner, error.Error);
    }

    [Fact]
    public void A_role_key_signature_that_does_not_verify_is_invalid_even_when_the_threshold_is_otherwise_met()
    {
        var forged = Sign(_b) with { Sig = Convert.ToBase64String(_b.Sign("something else"u8)) };

        var error = Assert.Throws<BundleException>(() => ThresholdCheck.Require(Message, [Sign(_a), forged], Role, 1, "release", "e"));

        Assert.Equal(BundleError.SignatureInvalid, error.Error);
    }

    [Fact]
    public void A_signature_made_by_another_key_under_a_role_key_id_is_invalid()
    {
        var impostor = Sign(_outsider) with { KeyId = _a.KeyId };

        var error = Assert.Throws<BundleException>(() => ThresholdCheck.Require(Message, [impostor], Role, 1, "release", "e"));

        Assert.Equal(BundleError.SignatureInvalid, error.Error);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    [InlineData("")]
    public void A_signature_that_is_not_64_bytes_of_base64_is_malformed(string sig)
    {
        var error = Assert.Throws<BundleException>(() => ThresholdCheck.Require(Message, [Sign(_a) with { Sig = sig }], Role, 1, "release", "e"));

        Assert.Equal(BundleError.SignatureMalformed, error.Error);
    }

    [Fact]
    public void More_than_32_signatures_are_malformed_before_any_is_checked()
    {
        var many = Enumerable.Range(0, 33).Select(i => new SignatureRecord { KeyId = i.ToString("x64", System.Globalization.CultureInfo.InvariantCulture), Sig = "" }).ToList();

        var error = Assert.Throws<BundleException>(() => ThresholdCheck.Require(Message, many, Role, 1, "release", "e"));

        Assert.Equal(BundleError.SignatureMalformed, error.Error);
    }

    [Fact]
    public void A_threshold_below_one_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdCheck.Require(Message, [Sign(_a)], Role, 0, "release", "e"));
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _outsider.Dispose();
    }

    private static SignatureRecord Sign(SigningKey key) => SignatureRecord.Create(key, Message);
}
