using Firmware.Bundles;
using Firmware.Tar;

namespace Firmware.Core.Tests.Tar;

[Trait("Category", "Unit")]
public sealed class TarStreamReaderTests
{
    [Fact]
    public async Task Entries_and_the_end_marker_are_read_in_order()
    {
        var archive = RawTar.Archive([new RawEntry("a", [1, 2, 3]), new RawEntry("b", new byte[512])]);
        var reader = new TarStreamReader(new ForwardOnlyStream(archive, 7));

        var a = await reader.ReadHeaderAsync(default);
        var data = new byte[3];
        await reader.ReadDataAsync(data, default);
        var b = await reader.ReadHeaderAsync(default);
        await reader.ReadDataAsync(new byte[512], default);
        var end = await reader.ReadHeaderAsync(default);
        await reader.ExpectEndOfStreamAsync(default);

        Assert.Equal(("a", 3L), (a!.Value.Name, a.Value.Size));
        Assert.Equal([1, 2, 3], data);
        Assert.Equal(("b", 512L), (b!.Value.Name, b.Value.Size));
        Assert.Null(end);
        Assert.Equal(archive.Length, reader.Position);
    }

    [Fact]
    public async Task Reading_a_header_before_the_previous_data_is_consumed_is_a_programming_error()
    {
        var reader = new TarStreamReader(new MemoryStream(RawTar.Archive([new RawEntry("a", [1])])));
        await reader.ReadHeaderAsync(default);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await reader.ReadHeaderAsync(default));
    }

    [Fact]
    public async Task Reading_past_the_end_of_an_entry_is_a_programming_error()
    {
        var reader = new TarStreamReader(new MemoryStream(RawTar.Archive([new RawEntry("a", [1])])));
        await reader.ReadHeaderAsync(default);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await reader.ReadDataAsync(new byte[2], default));
    }

    [Fact]
    public async Task A_zero_block_followed_by_a_header_is_malformed()
    {
        byte[] archive = [.. new byte[512], .. RawTar.Archive([new RawEntry("a", [1])])];
        var reader = new TarStreamReader(new MemoryStream(archive));

        var error = await Assert.ThrowsAsync<BundleException>(async () => await reader.ReadHeaderAsync(default));

        Assert.Equal(BundleError.HeaderInvalid, error.Error);
        Assert.Equal(512, error.Offset);
    }

    [Fact]
    public async Task Non_zero_padding_after_entry_data_is_malformed()
    {
        var archive = RawTar.Archive([new RawEntry("a", [1]), new RawEntry("b", [2])]);
        archive[512 + 100] = 0x20;
        var reader = new TarStreamReader(new MemoryStream(archive));
        await reader.ReadHeaderAsync(default);
        await reader.ReadDataAsync(new byte[1], default);

        var error = await Assert.ThrowsAsync<BundleException>(async () => await reader.ReadHeaderAsync(default));

        Assert.Equal(BundleError.HeaderInvalid, error.Error);
        Assert.Equal("a", error.Entry);
        Assert.Equal(612, error.Offset);
    }
}
