using Firmware.Device.Slots;
using Firmware.Install;

namespace Firmware.Device.Tests.Slots;

/// <summary>
/// Slots on real block devices: two loop devices (losetup needs root, as the test command runs).
/// Proves the O_EXCL open, BLKGETSIZE64 and the sysfs lookups against the kernel's own sysfs and /dev.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LoopSlotWriterTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();
    private readonly string _loopA;
    private readonly string _loopB;
    private readonly FakeSystem _proc;

    public LoopSlotWriterTests()
    {
        _loopA = Attach(_scratch.SparseImage("a.img", 4L << 20));
        _loopB = Attach(_scratch.SparseImage("b.img", 8L << 20));
        _proc = new FakeSystem(_scratch);
    }

    [Fact]
    public async Task The_inactive_device_is_sized_by_the_kernel_written_and_read_back()
    {
        using var writer = Active("A").OpenInactive(1 << 20);
        Assert.Equal(8L << 20, writer.Capacity);
        var payload = new byte[1 << 20];
        new Random(7).NextBytes(payload);

        await writer.WriteAsync(new MemoryStream(payload));

        await using var device = File.OpenRead(_loopB);
        var landed = new byte[payload.Length];
        device.ReadExactly(landed);
        Assert.Equal(payload, landed);
    }

    [Fact]
    public void A_payload_larger_than_the_device_is_refused()
    {
        var error = Assert.Throws<SlotTooSmallException>(() => Active("B").OpenInactive((4L << 20) + 1));

        Assert.Equal(4L << 20, error.SlotCapacity);
    }

    [Fact]
    public void A_device_held_exclusively_elsewhere_is_busy()
    {
        using var first = Active("A").OpenInactive(4096);

        var error = Assert.Throws<IOException>(() => Active("A").OpenInactive(4096));

        Assert.Contains("busy", error.Message, StringComparison.Ordinal);
    }

    private ActiveSlot Active(string slot)
    {
        _proc.CommandLine($"fw.slot={slot}");
        var roots = new SystemRoots(Proc: _proc.Roots.Proc);   // the kernel's own /sys and /dev
        return new ActiveSlotDetector(new SlotLayout(new SlotDevice(_loopA), new SlotDevice(_loopB)), null, roots).Detect();
    }

    private string Attach(string image)
    {
        var setup = ProcessRunner.Run("losetup", ["--find", "--show", image], _scratch.Path);
        Assert.True(setup.ExitCode == 0, $"losetup needs root and the loop module: {setup}");
        return setup.Stdout.Trim();
    }

    public void Dispose()
    {
        foreach (var loop in new[] { _loopA, _loopB }.Where(l => l is not null))
        {
            ProcessRunner.Run("losetup", ["--detach", loop], _scratch.Path);
        }

        _scratch.Dispose();
    }
}
