using Firmware.Versioning;

namespace Firmware.Core.Tests.Versioning;

[Trait("Category", "Unit")]
public sealed class FirmwareVersionTests
{
    /// <summary>The ordered examples of semver.org §11, each lower than the next.</summary>
    public static TheoryData<string, string> Semver11Pairs()
    {
        string[][] chains =
        [
            ["1.0.0", "2.0.0", "2.1.0", "2.1.1"],
            ["1.0.0-alpha", "1.0.0"],
            ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0"],
        ];
        var data = new TheoryData<string, string>();
        foreach (var chain in chains)
        {
            for (var i = 0; i + 1 < chain.Length; i++)
            {
                data.Add(chain[i], chain[i + 1]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Semver11Pairs))]
    public void Semver_precedence_examples_are_ordered(string lower, string higher)
    {
        var a = FirmwareVersion.Parse(lower);
        var b = FirmwareVersion.Parse(higher);

        Assert.True(a < b);
        Assert.True(b > a);
        Assert.True(a <= b);
        Assert.False(a >= b);
        Assert.True(a.CompareTo(b) < 0);
        Assert.True(b.CompareTo(a) > 0);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void The_whole_semver_example_list_sorts_into_its_own_order()
    {
        string[] ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1"];

        var sorted = ordered.Reverse().Select(FirmwareVersion.Parse).Order().Select(v => v.Text);

        Assert.Equal(ordered, sorted);
    }

    [Theory]
    [InlineData("1.0.0-alpha+001", "1.0.0-alpha")]
    [InlineData("1.0.0+20130313144700", "1.0.0")]
    [InlineData("1.0.0-beta+exp.sha.5114f85", "1.0.0-beta+other")]
    public void Build_metadata_does_not_affect_precedence(string left, string right)
    {
        var a = FirmwareVersion.Parse(left);
        var b = FirmwareVersion.Parse(right);

        Assert.Equal(0, a.CompareTo(b));
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Numbers_compare_numerically_not_as_text()
    {
        Assert.True(FirmwareVersion.Parse("1.10.0") > FirmwareVersion.Parse("1.9.0"));
        Assert.True(FirmwareVersion.Parse("1.0.0-rc.10") > FirmwareVersion.Parse("1.0.0-rc.9"));
    }

    [Fact]
    public void Numeric_pre_release_identifiers_beyond_64_bits_still_compare_numerically()
    {
        var lower = FirmwareVersion.Parse("1.0.0-99999999999999999999");
        var higher = FirmwareVersion.Parse("1.0.0-100000000000000000000");

        Assert.True(lower < higher);
    }

    [Fact]
    public void A_numeric_pre_release_identifier_beyond_64_bits_ranks_below_an_alphanumeric_one()
    {
        Assert.True(FirmwareVersion.Parse("1.0.0-100000000000000000000") < FirmwareVersion.Parse("1.0.0-1a"));
    }

    [Theory]
    [InlineData("0.0.0")]
    [InlineData("1.2.3")]
    [InlineData("10.20.30")]
    [InlineData("1.0.0-0A.is.legal")]
    [InlineData("1.0.0-x-y-z.--")]
    [InlineData("1.0.0+0.build.1-rc.10000aaa-kk-0.1")]
    [InlineData("1.0.0+001")]
    [InlineData("18446744073709551615.0.0")]
    public void Valid_versions_parse_and_keep_their_text(string text)
    {
        Assert.True(FirmwareVersion.TryParse(text, out var version));
        Assert.Equal(text, version.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1.2")]
    [InlineData("1.2.3.4")]
    [InlineData("01.1.1")]
    [InlineData("1.01.1")]
    [InlineData("1.1.01")]
    [InlineData("v1.2.3")]
    [InlineData(" 1.2.3")]
    [InlineData("1.2.3 ")]
    [InlineData("-1.2.3")]
    [InlineData("+1.2.3")]
    [InlineData("1.2.3-")]
    [InlineData("1.2.3+")]
    [InlineData("1.2.3-01")]
    [InlineData("1.2.3-alpha..1")]
    [InlineData("1.2.3-alpha_beta")]
    [InlineData("1.2.3+build+more")]
    [InlineData("1.2.3-caf\u00e9")]
    [InlineData("1.2.3-\u0661")]
    [InlineData("\u0661.2.3")]
    [InlineData("18446744073709551616.0.0")]
    [InlineData("a.b.c")]
    public void Invalid_versions_are_refused(string text)
    {
        Assert.False(FirmwareVersion.TryParse(text, out _));
        Assert.Throws<FormatException>(() => FirmwareVersion.Parse(text));
    }

    [Fact]
    public void Null_is_not_a_version()
    {
        Assert.False(FirmwareVersion.TryParse(null, out _));
    }

    [Fact]
    public void A_version_longer_than_128_characters_is_refused()
    {
        Assert.False(FirmwareVersion.TryParse("1.0.0-" + new string('a', 123), out _));
        Assert.True(FirmwareVersion.TryParse("1.0.0-" + new string('a', 122), out _));
    }

    [Fact]
    public void Every_version_ranks_above_null()
    {
        Assert.True(FirmwareVersion.Parse("0.0.0").CompareTo(null) > 0);
    }
}
