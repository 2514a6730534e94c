using Firmware.Flash.Bmap;
using Firmware.Flash.Devices;

namespace Firmware.Flash.Tests.Devices;

/// <summary>
/// A real block device: a loop device over a file, set up with losetup (needs root, as the test
/// command runs). Proves O_EXCL, the size ioctl and the whole path on a kernel block device.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LoopDeviceTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();
    private readonly string _loop;

    public LoopDeviceTests()
    {
        var backing = _dir.SparseImage("backing.img", 32L << 20);
        var setup = ProcessRunner.Run("losetup", ["--find", "--show", backing], _dir.Path);
        Assert.True(setup.ExitCode == 0, $"losetup needs root and the loop module: {setup}");
        _loop = setup.Stdout.Trim();
    }

    [Fact]
    public async Task Flashing_a_loop_device_writes_and_verifies_through_the_kernel()
    {
        var image = _dir.SparseImage("disk.img", 16L << 20, (0, 4096), (1 << 20, 1 << 20));
        File.WriteAllBytes(image + ".bmap", BmapFile.Write(BmapCreator.Create(image)));

        using (var flash = PreparedFlash.Prepare(new FlashRequest { Image = image, Target = _loop, Force = true }, new BlockDeviceProbe()))
        {
            Assert.NotNull(flash.Device);
            await flash.RunAsync(verify: true, progress: null, CancellationToken.None);
        }

        var written = new byte[2 << 20];
        await using var device = File.OpenRead(_loop);
        device.ReadExactly(written);
        Assert.Equal(File.ReadAllBytes(image).AsSpan(0, 2 << 20).ToArray(), written);
    }

    [Fact]
    public void An_image_larger_than_the_device_is_refused()
    {
        var image = _dir.SparseImage("big.img", 64L << 20, (0, 4096));

        var error = Assert.Throws<FlashException>(() => PreparedFlash.Prepare(new FlashRequest { Image = image, Target = _loop, Force = true }, new BlockDeviceProbe()));

        Assert.Equal(FlashError.TargetRefused, error.Error);
    }

    [Fact]
    public void A_device_held_open_exclusively_elsewhere_is_refused()
    {
        var image = _dir.SparseImage("disk.img", 1L << 20, (0, 4096));
        using var first = PreparedFlash.Prepare(new FlashRequest { Image = image, Target = _loop, Force = true }, new BlockDeviceProbe());

        var error = Assert.Throws<FlashException>(() => PreparedFlash.Prepare(new FlashRequest { Image = image, Target = _loop, Force = true }, new BlockDeviceProbe()));

        Assert.Contains("busy", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        ProcessRunner.Run("losetup", ["--detach", _loop], _dir.Path);
        _dir.Dispose();
    }
}
