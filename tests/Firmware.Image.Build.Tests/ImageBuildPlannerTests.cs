using Firmware.Boards;
using Firmware.Image.Spec;
using Firmware.Oci.Sources;

namespace Firmware.Image.Build.Tests;

/// <summary>The planner refuses requests whose board, spec and version do not go together, before any image is resolved.</summary>
[Trait("Category", "Malformed")]
public sealed class ImageBuildPlannerTests : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly BoardCatalog _boards = new(Repository.PathOf("boards"));

    public void Dispose() => _http.Dispose();

    private ImageBuildException Refused(ImageBuildRequest request) =>
        Assert.ThrowsAsync<ImageBuildException>(() => new ImageBuildPlanner(new RootfsPlanner(ImageSources.CreateDefault(_http))).PlanAsync(request, CancellationToken.None)).GetAwaiter().GetResult();

    private ImageBuildRequest Request(string board, string version = "0.1.0", string? spec = null) => new()
    {
        Spec = ImageSpecReader.Load(spec ?? Repository.PathOf("firmware", "images", "minimal.yml")),
        Board = _boards.Load(board),
        CommonBoardFiles = _boards.DirectoryOf("common"),
        Version = version,
    };

    [Fact]
    public void A_tryboot_board_without_firmware_files_is_refused_naming_the_option()
    {
        using var scratch = new ScratchDirectory();
        var e = Refused(Request("raspberrypi4", spec: SpecFor(scratch, "raspberrypi4")));
        Assert.Equal(ImageBuildError.FirmwareMissing, e.Error);
        Assert.EndsWith("board.yml: board 'raspberrypi4' boots with the Raspberry Pi firmware; give its files with --firmware DIR (start4.elf, fixup4.dat, bcm2711-rpi-4-b.dtb, overlays/)",
            e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_firmware_directory_without_the_device_tree_is_refused_naming_the_file()
    {
        using var scratch = new ScratchDirectory();
        Directory.CreateDirectory(scratch.Of("firmware"));
        File.WriteAllText(scratch.Of("firmware/start4.elf"), "");
        File.WriteAllText(scratch.Of("firmware/fixup4.dat"), "");
        var e = Refused(Request("raspberrypi4", spec: SpecFor(scratch, "raspberrypi4")) with { FirmwareDirectory = scratch.Of("firmware") });
        Assert.Equal(ImageBuildError.FirmwareMissing, e.Error);
        Assert.StartsWith($"--firmware: '{scratch.Of("firmware")}' has no bcm2711-rpi-4-b.dtb;", e.Message, StringComparison.Ordinal);
    }

    // minimal.yml listing only board as compatible.
    private static string SpecFor(ScratchDirectory scratch, string board)
    {
        var text = File.ReadAllText(Repository.PathOf("firmware", "images", "minimal.yml"));
        File.WriteAllText(scratch.Of("spec.yml"), text.Replace("compatible: [qemu-x86_64, qemu-arm64]", $"compatible: [{board}]", StringComparison.Ordinal));
        return scratch.Of("spec.yml");
    }

    [Fact]
    public void A_board_the_spec_does_not_list_is_refused()
    {
        var e = Refused(Request("generic-x86_64"));
        Assert.Equal(ImageBuildError.BoardNotCompatible, e.Error);
        Assert.EndsWith("minimal.yml: firmware.compatible lists qemu-x86_64, qemu-arm64, not board 'generic-x86_64' (amd64)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_other_than_the_specs_is_refused()
    {
        Assert.Equal(ImageBuildError.VersionConflict, Refused(Request("qemu-x86_64", "0.2.0")).Error);
    }

    [Fact]
    public void A_spec_without_a_kernel_is_refused()
    {
        using var scratch = new ScratchDirectory();
        var text = File.ReadAllText(Repository.PathOf("firmware", "images", "minimal.yml"));
        var start = text.IndexOf("kernel:\n", StringComparison.Ordinal);
        var end = text.IndexOf("init:\n", StringComparison.Ordinal);
        File.WriteAllText(scratch.Of("nokernel.yml"), text[..start] + text[end..]);
        Assert.Equal(ImageBuildError.KernelMissing, Refused(Request("qemu-x86_64", spec: scratch.Of("nokernel.yml"))).Error);
    }

    [Fact]
    public void An_environment_off_the_ESP_is_refused_naming_the_key()
    {
        var board = _boards.Load("qemu-x86_64");
        var moved = board with { Bootloader = board.Bootloader with { Environment = "/var/grubenv" } };
        var e = Assert.Throws<ImageBuildException>(() => ImageBuildPlanner.EspPathOf(moved));
        Assert.Contains("bootloader.environment: '/var/grubenv' is not on the ESP", e.Message, StringComparison.Ordinal);
        Assert.Equal("EFI/fw/grubenv", ImageBuildPlanner.EspPathOf(board));
    }
}
