using Xunit.Abstractions;

namespace Firmware.Tool.Tests.Images;

/// <summary>
/// <c>fwtool run qemu</c> asked to stop (SIGTERM, as Ctrl-C would) powers the guest off cleanly:
/// QEMU's <c>system_powerdown</c> over QMP, KEY_POWER through the ACPI button driver and evdev,
/// fwinit's way down with <c>/data</c> unmounted, reboot(2) powering off, and fwtool exiting with
/// QEMU's 0 rather than killing it.
/// </summary>
[Trait("Category", "System")]
[Collection(RootfsGroup.Name)]
public sealed class CleanShutdownTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly BootableImages _images;
    private readonly ITestOutputHelper _output;

    public CleanShutdownTests(RootfsInputs inputs, ITestOutputHelper output)
    {
        _images = new BootableImages(inputs, _cli);
        _output = output;
        _images.CreateKeys();
    }

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("qemu-x86_64")]
    [InlineData("qemu-arm64")]
    public async Task SIGTERM_powers_the_guest_off_through_the_power_button_and_fwtool_exits_0(string board)
    {
        _images.BuildOk(_images.ProbeSpec("probe", "probe-a"), board, "1.0.0", "out");
        using var guest = new QemuGuest(Path.Combine(AppContext.BaseDirectory, "fwtool"),
            ["run", "qemu", _cli.PathOf($"out/probe-{board}-1.0.0.img"), "--board", board, "--boards", BootableImages.Boards, "--disk-copy"],
            _cli.PathOf("console.log"));
        await guest.WaitFor(BootableImages.Heartbeat, 1, TimeSpan.FromMinutes(8));
        await guest.WaitFor("probe: mount /dev/vda4 /data", 1, TimeSpan.FromMinutes(2));

        var asked = guest.Elapsed;
        var status = await guest.TerminateAsync(TimeSpan.FromMinutes(3));
        _output.WriteLine($"{board}: SIGTERM to fwtool's exit: {(guest.Elapsed - asked).TotalSeconds:F1} s");

        var console = guest.Console;
        Assert.True(status == 0, $"fwtool exited {status}; console tail:\n{QemuGuest.Tail(console)}");
        // fwtool's own line is on standard error, a pipe apart from the console's: present, but not ordered against it.
        Assert.Contains("fwtool: asked the guest to power off", console, StringComparison.Ordinal);
        var order = new[]
        {
            "fw-init: power button: powering off", "fw-init: shutting down (poweroff)",
            "fw-init: unmounted /data", "fw-init: powering off",
        }.Select(marker => (marker, at: console.IndexOf(marker, StringComparison.Ordinal))).ToList();
        Assert.All(order, m => Assert.True(m.at >= 0, $"no '{m.marker}'; console tail:\n{QemuGuest.Tail(console)}"));
        Assert.Equal(order.Select(m => m.marker), order.OrderBy(m => m.at).Select(m => m.marker));
        Assert.DoesNotContain("killing QEMU", console, StringComparison.Ordinal);
    }
}
