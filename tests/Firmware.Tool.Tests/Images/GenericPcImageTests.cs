using System.Text.Json;

using Xunit.Abstractions;

namespace Firmware.Tool.Tests.Images;

/// <summary>
/// <c>fwtool image build</c> for generic-x86_64: the 2 GiB GPT read by sfdisk and sgdisk, and slot
/// A's initramfs carrying the PC disk drivers (AHCI, NVMe, SCSI disk, USB storage, xHCI) that the
/// board's modules resolve to through the real kernel's dependencies.
/// </summary>
[Trait("Category", "System")]
[Collection(RootfsGroup.Name)]
public sealed class GenericPcImageTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly BootableImages _images;
    private readonly ITestOutputHelper _output;

    public GenericPcImageTests(RootfsInputs inputs, ITestOutputHelper output)
    {
        _images = new BootableImages(inputs, _cli);
        _output = output;
        Fixture.Expect(0, _cli.Fwtool("keygen", "--out", "release"));
    }

    public void Dispose() => _cli.Dispose();

    // The figures docs/performance.md records per board.
    private void Report(JsonElement report) => _output.WriteLine(BootableImages.Sizes(report));

    [Fact]
    public void The_PC_image_has_the_boards_layout_and_its_disk_drivers_in_the_initramfs()
    {
        var spec = _images.ProbeSpec("probe", "probe-a", "generic-x86_64");
        var report = _images.BuildOk(spec, "generic-x86_64", "1.0.0", "out");
        Report(report);
        var image = _cli.PathOf("out/probe-generic-x86_64-1.0.0.img");
        Assert.Equal(2L << 30, new FileInfo(image).Length);

        _images.ExpectGpt(image, "esp", "rootfs-a", "rootfs-b", "data");

        var root = ImageFiles.Extract(image, BootableImages.OffsetOf(report, "rootfs-a"), report.GetProperty("rootBytes").GetInt64(), _cli.PathOf("root-a.squashfs"));
        var cpio = _cli.Peer("sh", "-c", $"unsquashfs -cat '{root}' boot/initramfs.img | gzip -dc | cpio -it --quiet");
        Fixture.Expect(0, cpio);
        foreach (var module in new[] { "ahci.ko", "libata.ko", "nvme.ko", "sd_mod.ko", "scsi_mod.ko", "usb-storage.ko", "xhci-pci.ko" })
        {
            Assert.Contains("/" + module + "\n", cpio.Stdout, StringComparison.Ordinal);
        }
    }
}
