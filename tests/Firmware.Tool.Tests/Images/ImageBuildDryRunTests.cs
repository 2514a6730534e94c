namespace Firmware.Tool.Tests.Images;

/// <summary><c>fwtool image build --dry-run</c> resolves every image and prints the plan, writing nothing.</summary>
[Trait("Category", "Integration")]
[Collection(RootfsGroup.Name)]
public sealed class ImageBuildDryRunTests(RootfsInputs inputs) : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void The_plan_lists_partitions_offsets_sizes_and_files()
    {
        Fixture.Expect(0, _cli.Fwtool("keygen", "--out", "release"));
        var result = new BootableImages(inputs, _cli).Build(RootfsInputs.MinimalSpec, "qemu-arm64", "0.1.0", "out", "--dry-run");
        Fixture.Expect(0, result);
        Assert.Contains("planned minimal-qemu-arm64-0.1.0 in ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("(dry run: nothing written)", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"1 esp\s+Esp\s+offset\s+1048576 size\s+33554432", result.Stdout);
        Assert.Matches(@"2 rootfs-a\s+RootA\s+offset\s+34603008 size\s+201326592", result.Stdout);
        Assert.Matches(@"3 rootfs-b\s+RootB\s+offset\s+235929600 size\s+201326592\s+empty", result.Stdout);
        Assert.Matches(@"4 data\s+Data\s+offset\s+437256192 size\s+67108864\s+ext4, empty", result.Stdout);
        Assert.Contains("esp  EFI/BOOT/BOOTAA64.EFI, EFI/fw/ab.cfg, EFI/fw/grub.cfg, EFI/fw/grubenv", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("out  minimal-qemu-arm64-0.1.0.fwb", result.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.PathOf("out")));
    }
}
