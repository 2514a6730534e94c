using Firmware.Bundles;

namespace Firmware.Core.Tests.Bundles;

[Trait("Category", "Unit")]
public sealed class BundleErrorTests
{
    public static TheoryData<BundleError> Errors() => [.. Enum.GetValues<BundleError>()];

    [Theory]
    [MemberData(nameof(Errors))]
    public void Every_error_belongs_to_the_class_of_its_hundreds(BundleError error)
    {
        var expected = ((int)error / 100) switch
        {
            1 => BundleErrorClass.Container,
            2 => BundleErrorClass.Manifest,
            3 => BundleErrorClass.Signature,
            4 => BundleErrorClass.Trust,
            5 => BundleErrorClass.Integrity,
            6 => BundleErrorClass.Policy,
            _ => (BundleErrorClass)(-1),
        };

        Assert.Equal(expected, BundleException.ClassOf(error));
    }

    [Fact]
    public void Error_numbers_are_stable()
    {
        Assert.Equal(100, (int)BundleError.Empty);
        Assert.Equal(112, (int)BundleError.TrailingData);
        Assert.Equal(200, (int)BundleError.ManifestMalformed);
        Assert.Equal(304, (int)BundleError.ThresholdNotMet);
        Assert.Equal(403, (int)BundleError.TrustMismatch);
        Assert.Equal(502, (int)BundleError.DecompressedSizeMismatch);
        Assert.Equal(603, (int)BundleError.BundleExpired);
    }

    [Fact]
    public void A_description_names_the_code_the_entry_and_the_offset()
    {
        var error = new BundleException(BundleError.Truncated, "the bundle ends early", "payloads/rootfs", 4096);

        Assert.Equal("Truncated: the bundle ends early (entry 'payloads/rootfs', offset 4096)", error.Describe());
        Assert.Equal(BundleErrorClass.Container, error.Class);
    }
}
