using Firmware.Flash.Bmap;
using Firmware.Flash.Devices;

namespace Firmware.Flash.Tests;

[Trait("Category", "Integration")]
public sealed class FlashEngineTests : IDisposable
{
    private const long Size = 24L << 20;
    private readonly ScratchDirectory _dir = new();
    private readonly string _image;
    private readonly string _bmap;

    public FlashEngineTests()
    {
        _image = _dir.SparseImage("disk.img", Size, (0, 4096), (2 << 20, 5 << 20), (20L << 20, 70000));
        _bmap = _dir.Of("disk.img.bmap");
        File.WriteAllBytes(_bmap, BmapFile.Write(BmapCreator.Create(_image)));
    }

    [Fact]
    public async Task Flashing_with_a_bmap_gives_an_identical_file_writing_only_mapped_bytes()
    {
        var result = await FlashAsync(_image, "out.img");

        Assert.Equal(File.ReadAllBytes(_image), File.ReadAllBytes(_dir.Of("out.img")));
        Assert.Equal(3, result.RangesWritten);
        Assert.Equal(4096 + (5 << 20) + (18 * 4096), result.BytesWritten); // whole blocks: 70000 bytes occupy 18
        Assert.True(result.Verified);
    }

    [Theory]
    [InlineData("zstd", "-q", ".zst")]
    [InlineData("gzip", "-kq", ".gz")]
    [InlineData("xz", "-kq", ".xz")]
    public async Task Compressed_images_stream_through_the_same_checks(string compressor, string flags, string suffix)
    {
        Assert.Equal(0, ProcessRunner.Run(compressor, [flags, _image], _dir.Path).ExitCode);

        await FlashAsync(_image + suffix, "out.img", bmap: _bmap);

        Assert.Equal(File.ReadAllBytes(_image), File.ReadAllBytes(_dir.Of("out.img")));
    }

    [Fact]
    public async Task Without_a_bmap_a_compressed_image_is_written_to_its_end()
    {
        Assert.Equal(0, ProcessRunner.Run("zstd", ["-q", _image], _dir.Path).ExitCode);

        var result = await FlashAsync(_image + ".zst", "out.img", noBmap: true);

        Assert.Equal(Size, result.ImageSize);
        Assert.Equal(File.ReadAllBytes(_image), File.ReadAllBytes(_dir.Of("out.img")));
    }

    [Fact]
    public async Task A_damaged_range_stops_the_flash_there_and_names_it()
    {
        Corrupt(_image, (2 << 20) + 100);
        File.WriteAllBytes(_dir.Of("out.img"), []);

        var error = await Assert.ThrowsAsync<FlashException>(() => FlashAsync(_image, "out.img"));

        Assert.Equal(FlashError.SourceCorrupt, error.Error);
        Assert.Contains("range 1", error.Message, StringComparison.Ordinal);
        var written = File.ReadAllBytes(_dir.Of("out.img"));
        Assert.All(written.AsSpan(20 << 20, 70000).ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task A_truncated_compressed_image_is_a_source_error()
    {
        Assert.Equal(0, ProcessRunner.Run("zstd", ["-q", _image], _dir.Path).ExitCode);
        var zst = _image + ".zst";
        var bytes = File.ReadAllBytes(zst);
        File.WriteAllBytes(zst, bytes[..(bytes.Length / 2)]);

        var error = await Assert.ThrowsAsync<FlashException>(() => FlashAsync(zst, "out.img", bmap: _bmap));

        Assert.True(error.Error is FlashError.SourceCorrupt or FlashError.SourceTruncated, error.ToString());
    }

    [Fact]
    public async Task A_target_that_fails_mid_write_reports_how_far_it_got()
    {
        var target = new FaultyTarget(Size) { FailWritesAt = 3 << 20 };
        var plan = FlashPlanner.Plan(Size, BmapFile.Parse(File.ReadAllBytes(_bmap)), target.Capacity, target.HolesReadAsZero);
        await using var source = File.OpenRead(_image);

        var error = await Assert.ThrowsAsync<FlashException>(() => new FlashEngine().RunAsync(plan, source, target, verify: true));

        Assert.Equal(FlashError.TargetFailed, error.Error);
        Assert.Contains("offset", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("incomplete", error.TargetState, StringComparison.Ordinal);
        Assert.True(target.HighestByteWritten < 3 << 20);
    }

    [Fact]
    public async Task Read_back_catches_a_medium_that_returns_other_bytes()
    {
        var target = new FaultyTarget(Size) { CorruptReads = true };
        var plan = FlashPlanner.Plan(Size, null, target.Capacity, target.HolesReadAsZero);
        await using var source = File.OpenRead(_image);

        var error = await Assert.ThrowsAsync<FlashException>(() => new FlashEngine().RunAsync(plan, source, target, verify: true));

        Assert.Equal(FlashError.VerifyMismatch, error.Error);
    }

    [Fact]
    public async Task Cancelling_stops_between_buffers()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FlashAsync(_image, "out.img", cancellationToken: cancel.Token));
    }

    [Fact]
    public void A_target_smaller_than_the_image_is_refused_before_anything_is_opened()
    {
        var error = Assert.Throws<FlashException>(() => FlashPlanner.Plan(Size, null, Size - 1, holesReadAsZero: false));

        Assert.Equal(FlashError.TargetRefused, error.Error);
        Assert.Equal("untouched", error.TargetState);
    }

    [Fact]
    public void A_bmap_for_another_image_is_refused_and_the_target_file_is_left_alone()
    {
        var other = _dir.SparseImage("other.img", Size + 4096, (0, 4096));
        File.WriteAllText(_dir.Of("keep.img"), "precious");

        var error = Assert.Throws<BmapException>(() => PreparedFlash.Prepare(
            new FlashRequest { Image = other, Target = _dir.Of("keep.img"), Bmap = _bmap }, new BlockDeviceProbe()));

        Assert.Equal(BmapError.ImageMismatch, error.Error);
        Assert.Equal("precious", File.ReadAllText(_dir.Of("keep.img")));
    }

    [Fact]
    public void A_missing_device_node_is_refused_instead_of_creating_a_file_under_dev()
    {
        var error = Assert.Throws<FlashException>(() => PreparedFlash.Prepare(
            new FlashRequest { Image = _image, Target = "/dev/fwtool-no-such-disk" }, new BlockDeviceProbe()));

        Assert.Equal(FlashError.TargetRefused, error.Error);
        Assert.False(File.Exists("/dev/fwtool-no-such-disk"));
    }

    [Fact]
    public void Without_a_bmap_a_raw_image_to_a_file_writes_only_its_data_extents()
    {
        var plan = FlashPlanner.Plan(Size, null, null, holesReadAsZero: true, () =>
        {
            using var handle = File.OpenHandle(_image);
            return BmapCreator.DataBlocks(handle, Size, 4096).ToList();
        });

        Assert.Equal(PlanSource.Extents, plan.Source);
        Assert.Equal(3, plan.Ranges.Count);
    }

    private async Task<FlashResult> FlashAsync(string image, string target, string? bmap = null, bool noBmap = false, CancellationToken cancellationToken = default)
    {
        using var flash = PreparedFlash.Prepare(new FlashRequest { Image = image, Target = _dir.Of(target), Bmap = bmap, NoBmap = noBmap }, new BlockDeviceProbe());
        return await flash.RunAsync(verify: true, progress: null, cancellationToken);
    }

    private static void Corrupt(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var b = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(b ^ 0xFF));
    }

    public void Dispose() => _dir.Dispose();
}
