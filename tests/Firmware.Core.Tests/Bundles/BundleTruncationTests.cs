using Firmware.Bundles;

namespace Firmware.Core.Tests.Bundles;

/// <summary>A bundle cut short anywhere is rejected as truncated, saying where.</summary>
[Trait("Category", "Malformed")]
public sealed class BundleTruncationTests(Scenario scenario) : IClassFixture<Scenario>
{
    public enum Cut
    {
        AtHeaderStart,
        InsideHeader,
        AfterHeader,
        InsideData,
        AtDataEnd,
    }

    public static TheoryData<string, Cut> Sections()
    {
        var data = new TheoryData<string, Cut>();
        foreach (var entry in new[] { "manifest.json", "manifest.sig", "trust/2.json", "payloads/kernel", "payloads/rootfs" })
        {
            foreach (var cut in Enum.GetValues<Cut>())
            {
                data.Add(entry, cut);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public async Task A_bundle_cut_at_a_section_boundary_is_truncated_at_that_point(string entryName, Cut cut)
    {
        var entry = scenario.Layout[entryName];
        var (length, expectedEntry, expectedOffset) = cut switch
        {
            // A header that is missing or incomplete is reported at the header's start.
            Cut.AtHeaderStart => (entry.HeaderOffset, (string?)null, entry.HeaderOffset),
            Cut.InsideHeader => (entry.HeaderOffset + 200, null, entry.HeaderOffset),
            // Missing data is reported in its entry, where the data stops.
            Cut.AfterHeader => (entry.DataOffset, entryName, entry.DataOffset),
            Cut.InsideData => (entry.DataOffset + (entry.Size / 2), entryName, entry.DataOffset + (entry.Size / 2)),
            // Cut before the padding: the padding belongs to the entry (when there is any).
            _ => (entry.DataEnd, entry.DataEnd == entry.NextHeader ? null : entryName, entry.DataEnd),
        };

        var error = await TestKit.RejectedAsync(scenario.Bundle[..(int)length], scenario.Policy);

        // Cutting at the manifest's header start leaves nothing at all.
        Assert.Equal(length == 0 ? BundleError.Empty : BundleError.Truncated, error.Error);
        Assert.Equal(expectedEntry, error.Entry);
        Assert.Equal(expectedOffset, error.Offset);
    }

    [Fact]
    public void Every_entry_of_the_scenario_has_padding_so_the_data_end_cut_falls_inside_it()
    {
        Assert.All(scenario.Layout.Entries, e => Assert.NotEqual(e.DataEnd, e.NextHeader));
    }

    [Fact]
    public async Task A_bundle_cut_before_the_end_marker_is_truncated()
    {
        var end = scenario.Layout.EndMarker;

        var error = await TestKit.RejectedAsync(scenario.Bundle[..(int)end], scenario.Policy);

        Assert.Equal(BundleError.Truncated, error.Error);
        Assert.Equal(end, error.Offset);
    }

    [Fact]
    public async Task A_bundle_cut_inside_the_first_zero_block_is_truncated()
    {
        var end = scenario.Layout.EndMarker;

        var error = await TestKit.RejectedAsync(scenario.Bundle[..(int)(end + 100)], scenario.Policy);

        Assert.Equal(BundleError.Truncated, error.Error);
        Assert.Equal(end, error.Offset);
    }

    [Fact]
    public async Task A_bundle_with_one_zero_block_of_the_end_marker_is_truncated()
    {
        var end = scenario.Layout.EndMarker;

        var error = await TestKit.RejectedAsync(scenario.Bundle[..(int)(end + 512)], scenario.Policy);

        Assert.Equal(BundleError.Truncated, error.Error);
        Assert.Equal(end + 512, error.Offset);
    }

    [Fact]
    public async Task A_bundle_cut_inside_the_second_zero_block_is_truncated()
    {
        var end = scenario.Layout.EndMarker;

        var error = await TestKit.RejectedAsync(scenario.Bundle[..(int)(end + 700)], scenario.Policy);

        Assert.Equal(BundleError.Truncated, error.Error);
        Assert.Equal(end + 700, error.Offset);
    }

    [Fact]
    public async Task A_bundle_cut_inside_its_first_header_is_truncated_not_empty()
    {
        var error = await TestKit.RejectedAsync(scenario.Bundle[..100], scenario.Policy);

        Assert.Equal(BundleError.Truncated, error.Error);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public async Task A_bundle_of_one_byte_is_truncated_not_empty()
    {
        var error = await TestKit.RejectedAsync(scenario.Bundle[..1], scenario.Policy);

        Assert.Equal(BundleError.Truncated, error.Error);
    }

    [Fact]
    public async Task A_bundle_cut_at_seeded_random_points_is_truncated_there_or_at_the_header_it_cuts()
    {
        var random = new Random(20_240_501);
        for (var i = 0; i < 40; i++)
        {
            var length = random.Next(1, scenario.Bundle.Length);

            var error = await TestKit.RejectedAsync(scenario.Bundle[..length], scenario.Policy);

            Assert.True(error.Error == BundleError.Truncated, $"cut at {length}: {error.Describe()}");
            Assert.InRange(error.Offset!.Value, length - RawTar.Block + 1, length);
        }
    }

    [Fact]
    public async Task The_uncut_bundle_is_accepted()
    {
        var result = await TestKit.ReadAsync(scenario.Bundle, scenario.Policy);

        Assert.Null(result.Error);
        Assert.True(result.Completed);
        Assert.Equal(scenario.Kernel, result.Payloads()["kernel"]);
        Assert.Equal(scenario.Rootfs, result.Payloads()["rootfs"]);
    }
}
