using Firmware.HostTools;

namespace Firmware.Image.Build.Grub;

/// <summary>
/// Links GRUB's EFI application with <c>grub-mkimage</c>: the modules the boot needs linked in and a
/// small configuration embedded (<c>-c</c>) that finds the ESP and sources the board's grub.cfg.
/// This is what <c>grub-mkstandalone</c> does minus its memdisk: grub-mkstandalone packs the modules
/// into a tar whose entries carry the time of the build, so two builds differ; grub-mkimage output
/// depends only on its inputs (checked by the reproducibility test).
/// </summary>
public static class GrubEfiImage
{
    /// <summary>The modules linked in: GPT, FAT (the ESP), squashfs with its decompressors (the slots), the
    /// environment block, the script commands ab.cfg and the board config use, and the Linux loader.</summary>
    public static IReadOnlyList<string> Modules { get; } =
    [
        "part_gpt", "fat", "squash4", "gzio", "xzio", "search", "search_fs_uuid", "loadenv", "test", "normal",
        "linux", "echo", "regexp", "configfile", "reboot", "halt",
    ];

    /// <summary>Where the board's files live on the ESP; also GRUB's <c>prefix</c>.</summary>
    public const string EspDirectory = "EFI/fw";

    /// <summary>The configuration embedded in the EFI image: find the ESP by its FAT serial, then source the board's grub.cfg.</summary>
    public static string EmbeddedConfig(string fatVolumeId) =>
        $"""
        search --no-floppy --fs-uuid --set=root {fatVolumeId}
        set prefix=($root)/{EspDirectory}
        source ($root)/{Esp.EspPaths.GrubConfig}

        """;

    /// <summary>Builds the EFI application for <paramref name="target"/> with <paramref name="embeddedConfig"/>, using <paramref name="work"/> for scratch files.</summary>
    /// <exception cref="ImageBuildException">The platform's modules are not installed (naming the package), or grub-mkimage failed.</exception>
    public static async Task<byte[]> BuildAsync(GrubTarget target, string embeddedConfig, string work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(embeddedConfig);
        if (!File.Exists(Path.Combine(target.ModuleDirectory, "moddep.lst")))
        {
            throw new ImageBuildException(ImageBuildError.ToolFailed,
                $"GRUB modules for {target.Format} not found in {target.ModuleDirectory}; install the Debian package {target.DebianPackage} (apt-get install {target.DebianPackage})");
        }

        var config = Path.Combine(work, "grub-embedded.cfg");
        var output = Path.Combine(work, target.BootFile);
        await File.WriteAllTextAsync(config, embeddedConfig, cancellationToken);
        await HostToolRunner.RunCheckedAsync(new HostToolCommand(ImageBuildTools.GrubMkimage,
            ["-O", target.Format, "-d", target.ModuleDirectory, "-p", "/" + EspDirectory, "-c", config, "-o", output, .. Modules]), cancellationToken);
        return await File.ReadAllBytesAsync(output, cancellationToken);
    }
}
