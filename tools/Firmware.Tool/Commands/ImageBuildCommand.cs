using System.CommandLine;
using System.Diagnostics;
using Firmware.Boards;
using Firmware.Cli;
using Firmware.Image.Build;
using Firmware.Image.Spec;
using Firmware.Kernel;
using Firmware.Oci.Sources;
using Firmware.Rootfs;
using Firmware.Tool.Authoring;
using Firmware.Yaml;

namespace Firmware.Tool.Commands;

/// <summary>
/// <c>fwtool image build SPEC --board B --version V --key K --out DIR [--slot-b SPEC_OR_SQUASHFS] [--firmware DIR] [--dry-run] [--json]</c>:
/// the flashable A/B disk image of a spec for a board, its bmap and the bundle that installs the same root.
/// </summary>
internal static class ImageBuildCommand
{
    public static Command Create(TimeProvider clock)
    {
        var spec = new Argument<string>("SPEC") { Description = "The image spec, such as firmware/images/minimal.yml." };
        var board = new Option<string>("--board") { Description = "The board (a folder under --boards holding board.yml).", Required = true };
        var boards = new Option<string>("--boards") { Description = "The folder of board folders, with common/ beside them.", DefaultValueFactory = _ => "boards" };
        var version = new Option<string>("--version") { Description = "The firmware version (semver) the image and its bundle carry.", Required = true };
        var keys = new Option<string[]>("--key") { Description = "A release private key that signs the bundle; repeat for more.", Required = true };
        var expires = new Option<string>("--expires") { Description = "The bundle's lifetime from creation, such as 90d.", DefaultValueFactory = _ => "90d" };
        var output = new Option<string>("--out") { Description = "The output directory: NAME-BOARD-VERSION.img, .img.bmap and .fwb.", Required = true };
        var slotB = new Option<string?>("--slot-b") { Description = "Fill slot B: another spec (built the same way) or a squashfs root. Default: slot B empty." };
        var firmware = new Option<string?>("--firmware") { Description = "Raspberry Pi boards: the firmware files (start4.elf, fixup4.dat, bcm2711-rpi-4-b.dtb, overlays/), as Debian's raspi-firmware installs them." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Resolve every image and print the plan (partitions, offsets, sizes, files); write nothing." };
        var inputs = new ImageInputs();
        var command = new Command("build", "Build a flashable A/B disk image (GPT, ESP with GRUB or Raspberry Pi tryboot files, slot A's root with its kernel and initramfs, data), its bmap, and the signed bundle that installs the same root.")
        {
            spec, board, boards, version, keys, expires, output, slotB, firmware, json, dryRun,
        };
        inputs.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync("fwtool", result.GetValue(json), async () =>
        {
            var stopwatch = Stopwatch.StartNew();
            using var signers = ReadKeys(result.GetValue(keys));
            var catalog = new BoardCatalog(result.GetValue(boards)!);
            var request = new ImageBuildRequest
            {
                Spec = ImageSpecReader.Load(result.GetValue(spec)!),
                Board = catalog.Load(result.GetValue(board)!),
                CommonBoardFiles = catalog.DirectoryOf("common"),
                Version = ArgumentParsers.Version(result.GetValue(version)!, "--version").Text,
                Sources = ImageSourceMap.Parse(result.GetValue(inputs.Sources) ?? []),
                SourceDateEpoch = ImageInputs.SourceDateEpoch(),
                SlotBSpec = result.GetValue(slotB) is { } b && IsSpec(b) ? ImageSpecReader.Load(b) : null,
                SlotBImage = result.GetValue(slotB) is { } image && !IsSpec(image) ? image : null,
                FirmwareDirectory = result.GetValue(firmware),
            };
            var author = new ImageBundleAuthor(signers.Keys, ArgumentParsers.BuildTime(clock), ArgumentParsers.Duration(result.GetValue(expires)!, "--expires"));
            using var http = new HttpClient();
            var planner = new ImageBuildPlanner(new RootfsPlanner(ImageSources.CreateDefault(http, cache: inputs.BlobCache(result))));
            var plan = await planner.PlanAsync(request, cancellationToken);
            var built = result.GetValue(dryRun) ? null : await new ImageBuilder(author).ExecuteAsync(plan, result.GetValue(output)!, cancellationToken);
            ImageBuildReport.Print(plan, built, stopwatch.Elapsed, result.GetValue(json));
            return ExitCodes.Ok;
        }, Classify));
        return command;
    }

    // Before anything is resolved or built; a missing key file is a key problem, not a spec's missing file.
    private static SigningKeySet ReadKeys(string[]? paths)
    {
        try
        {
            return SigningKeySet.Read(paths);
        }
        catch (IOException e)
        {
            throw new KeyFileException($"--key: {e.Message}", e);
        }
    }

    private static bool IsSpec(string path) => path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal);

    private static (int ExitCode, string Message)? Classify(Exception e) => e switch
    {
        ImageBuildException { Error: ImageBuildError.ToolFailed } b => (ExitCodes.Io, b.Message),
        ImageBuildException { Error: ImageBuildError.RootTooLarge } b => (ExitCodes.SlotTooSmall, b.Message),
        ImageBuildException b => (ExitCodes.ImageBuildFailed, $"{b.Error}: {b.Message}"),
        UnknownBoardException u => (ExitCodes.Usage, $"--board: {u.Message}"),
        YamlConfigException y => (ExitCodes.SpecInvalid, y.Message),
        KernelException k => (ExitCodes.ImageBuildFailed, $"{k.Error}: {k.Message}"),
        RootfsException { Error: RootfsError.ToolMissing or RootfsError.ToolFailed } r => (ExitCodes.Io, r.Message),
        RootfsException r => (ExitCodes.ImageSourceFailed, $"{r.Error}: {r.Message}"),
        _ => OciFailures.Classify(e),
    };
}
