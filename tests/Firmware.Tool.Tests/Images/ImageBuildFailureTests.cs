namespace Firmware.Tool.Tests.Images;

/// <summary>
/// <c>fwtool image build</c> refuses bad input with an exit code and a message that names what and
/// where, and leaves no output directory and no staging files behind.
/// </summary>
[Trait("Category", "Malformed")]
[Collection(RootfsGroup.Name)]
public sealed class ImageBuildFailureTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly BootableImages _images;

    public ImageBuildFailureTests(RootfsInputs inputs)
    {
        _images = new BootableImages(inputs, _cli);
        Fixture.Expect(0, _cli.Fwtool("keygen", "--out", "release"));
    }

    public void Dispose() => _cli.Dispose();

    private string Fails(int exitCode, ProcessResult result)
    {
        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.False(Directory.Exists(_cli.PathOf("out")), "the output directory was created");
        Assert.Empty(Directory.GetFileSystemEntries(_cli.Directory, ".*"));
        return result.Stderr;
    }

    [Fact]
    public void An_unknown_board_is_a_usage_error_listing_the_known_boards()
    {
        var error = Fails(2, _images.Build(RootfsInputs.MinimalSpec, "nope", "0.1.0", "out"));
        Assert.Contains("--board: unknown board 'nope'; known boards: generic-x86_64, qemu-arm64, qemu-x86_64, raspberrypi4", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_board_the_spec_is_not_for_is_refused_naming_both()
    {
        var error = Fails(29, _images.Build(RootfsInputs.MinimalSpec, "generic-x86_64", "0.1.0", "out"));
        Assert.Contains("minimal.yml: firmware.compatible lists qemu-x86_64, qemu-arm64, not board 'generic-x86_64' (amd64)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Raspberry_Pi_build_without_firmware_files_is_refused_naming_the_option()
    {
        var spec = _images.ProbeSpec("probe", "probe-a", "raspberrypi4");
        var error = Fails(29, _images.Build(spec, "raspberrypi4", "0.1.0", "out"));
        Assert.Contains("FirmwareMissing: ", error, StringComparison.Ordinal);
        Assert.Contains("board.yml: board 'raspberrypi4' boots with the Raspberry Pi firmware; give its files with --firmware DIR", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_firmware_directory_without_start4_elf_is_refused_naming_the_file()
    {
        var spec = _images.ProbeSpec("probe", "probe-a", "raspberrypi4");
        Directory.CreateDirectory(_cli.PathOf("firmware"));
        File.WriteAllText(_cli.PathOf("firmware/fixup4.dat"), "");
        var error = Fails(29, _images.Build(spec, "raspberrypi4", "0.1.0", "out", "--firmware", _cli.PathOf("firmware")));
        Assert.Contains($"--firmware: '{_cli.PathOf("firmware")}' has no start4.elf", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.0", "--version: '1.0'")]
    [InlineData("v1.0.0", "--version: 'v1.0.0'")]
    public void A_bad_version_is_a_usage_error(string version, string message)
    {
        var error = Fails(2, _images.Build(RootfsInputs.MinimalSpec, "qemu-x86_64", version, "out"));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_other_than_the_specs_is_refused()
    {
        var error = Fails(29, _images.Build(RootfsInputs.MinimalSpec, "qemu-x86_64", "0.2.0", "out"));
        Assert.Contains("minimal.yml: firmware.version is 0.1.0, but the build was asked for 0.2.0", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_writing_the_release_file_itself_is_refused()
    {
        var spec = _images.ProbeSpec("probe", "probe-a");
        File.WriteAllText(spec, File.ReadAllText(spec).Replace("\nfiles:\n", "\nfiles:\n  - path: etc/fw-release\n    contents: \"IMAGE_VERSION=9.9.9\"\n    mode: \"0644\"\n", StringComparison.Ordinal));
        var error = Fails(29, _images.Build(spec, "qemu-x86_64", "0.1.0", "out"));
        Assert.Contains("probe.yml: files: /etc/fw-release is written by the image build (image, version and board); remove the entry", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_key_is_named()
    {
        File.Delete(_cli.PathOf("release.key"));
        var error = Fails(4, _images.Build(RootfsInputs.MinimalSpec, "qemu-x86_64", "0.1.0", "out"));
        Assert.Contains($"--key: Could not find file '{_cli.PathOf("release.key")}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_root_larger_than_its_slot_names_both_sizes()
    {
        // The repository's boards with qemu-x86_64's slots cut to 4 MiB.
        Fixture.Expect(0, _cli.Peer("cp", "-a", BootableImages.Boards, "boards"));
        var board = _cli.PathOf("boards/qemu-x86_64/board.yml");
        File.WriteAllText(board, File.ReadAllText(board).Replace("size: 192M", "size: 4M", StringComparison.Ordinal));
        var result = _cli.Fwtool(Fixture.Epoch, ["image", "build", RootfsInputs.MinimalSpec, "--board", "qemu-x86_64", "--boards", _cli.PathOf("boards"),
            "--version", "0.1.0", "--key", "release.key", "--out", "out", .. _images.Sources]);
        var error = Fails(5, result);
        Assert.Matches(@"minimal\.yml: the root filesystem is \d+ bytes \(\d+ MiB\), larger than partition 'rootfs-a' of 4194304 bytes \(4 MiB\)", error);
    }

    [Fact]
    public void A_slot_B_image_that_is_not_a_squashfs_is_refused()
    {
        var error = Fails(29, _images.Build(RootfsInputs.MinimalSpec, "qemu-x86_64", "0.1.0", "out", "--slot-b", "release.pub"));
        Assert.Contains("InputInvalid: release.pub: not a squashfs image (no 'hsqs' magic), so it cannot fill slot B", error, StringComparison.Ordinal);
    }
}
