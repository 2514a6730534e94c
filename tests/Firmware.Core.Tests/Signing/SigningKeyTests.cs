using System.Security.Cryptography;
using Firmware.Signing;

namespace Firmware.Core.Tests.Signing;

[Trait("Category", "Unit")]
public sealed class SigningKeyTests
{
    [Fact]
    public void A_private_key_survives_a_PEM_round_trip()
    {
        using var key = TestKit.Key();

        using var copy = SigningKey.FromPem(key.ExportPem());

        Assert.Equal(key.KeyId, copy.KeyId);
        Assert.Equal(key.Sign("m"u8), copy.Sign("m"u8));
    }

    [Fact]
    public void A_public_key_survives_a_PEM_round_trip()
    {
        using var key = TestKit.Key();

        var copy = VerificationKey.FromPem(key.PublicKey.ExportPem());

        Assert.Equal(key.PublicKey, copy);
    }

    [Fact]
    public void The_key_id_is_the_sha256_of_the_raw_public_key()
    {
        using var key = TestKit.Key();

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(key.PublicKey.Raw)), key.KeyId);
    }

    [Fact]
    public void Signatures_are_deterministic_and_verify_only_their_message()
    {
        using var key = TestKit.Key();
        var signature = key.Sign("message"u8);

        Assert.Equal(signature, key.Sign("message"u8));
        Assert.True(key.PublicKey.Verify("message"u8, signature));
        Assert.False(key.PublicKey.Verify("messagE"u8, signature));
    }

    [Fact]
    public void Text_that_is_not_a_key_is_refused()
    {
        Assert.Throws<FormatException>(() => SigningKey.FromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"u8));
        Assert.Throws<FormatException>(() => VerificationKey.FromPem("not a key"u8));
        Assert.Throws<FormatException>(() => new VerificationKey(new byte[31]));
    }
}
