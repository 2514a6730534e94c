using Firmware.Oci.Model;

namespace Firmware.Oci.Tests.Model;

[Trait("Category", "Unit")]
public sealed class DigestTests
{
    private const string Sha256Hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Fact]
    public void Sha256OfEmptyIsTheKnownValue() => Assert.Equal("sha256:" + Sha256Hex, Digest.Sha256([]).ToString());

    [Fact]
    public void ParsesSha256AndSha512()
    {
        Assert.Equal(Sha256Hex, Digest.Parse("sha256:" + Sha256Hex).Hex);
        var sha512 = "sha512:" + new string('a', 128);
        Assert.Equal("sha512", Digest.Parse(sha512).Algorithm);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256")]
    [InlineData("sha256:")]
    [InlineData(":" + Sha256Hex)]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("sha256:" + Sha256Hex + "00")]
    [InlineData("sha512:" + Sha256Hex)]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("sha256:zzb0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public void RejectsInvalidDigests(string text)
    {
        var error = Assert.Throws<OciException>(() => Digest.Parse(text));
        Assert.Equal(OciError.InvalidDigest, error.Error);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }
}
