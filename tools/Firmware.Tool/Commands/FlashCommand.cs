using System.CommandLine;
using Firmware.Cli;
using Firmware.Flash;
using Firmware.Flash.Devices;

namespace Firmware.Tool.Commands;

/// <summary><c>fwtool flash IMAGE --to TARGET</c>: bmap-aware, verified, and careful about what it overwrites.</summary>
internal static class FlashCommand
{
    public static Command Create()
    {
        var image = new Argument<string>("IMAGE") { Description = "The image: raw, .zst, .gz or .xz." };
        var target = new Option<string>("--to") { Description = "The block device or file to write.", Required = true };
        var bmap = new Option<string?>("--bmap") { Description = "The bmap (ours or bmaptool's). Default: IMAGE.bmap if it exists." };
        var noBmap = new Option<bool>("--no-bmap") { Description = "Write the whole image even if a bmap exists." };
        var noVerify = new Option<bool>("--no-verify") { Description = "Skip reading the target back after writing." };
        var yes = new Option<bool>("--yes") { Description = "Do not ask for confirmation before overwriting a device." };
        var force = new Option<bool>("--force") { Description = "Allow a device that is not removable or USB-attached." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check everything and print the plan; write nothing." };
        var json = new Option<bool>("--json") { Description = "Progress and result as JSON lines on standard output." };
        var command = new Command("flash", "Write an image to a block device or file, only the mapped ranges, checking each, then read it back.")
        {
            image, target, bmap, noBmap, noVerify, yes, force, dryRun, json,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync("fwtool", result.GetValue(json), async () =>
        {
            var request = new FlashRequest
            {
                Image = result.GetValue(image)!,
                Target = result.GetValue(target)!,
                Bmap = result.GetValue(bmap),
                NoBmap = result.GetValue(noBmap),
                Force = result.GetValue(force),
            };
            var asJson = result.GetValue(json);
            using var flash = PreparedFlash.Prepare(request, new BlockDeviceProbe());
            var report = new FlashReport(asJson);
            report.Plan(flash);
            if (result.GetValue(dryRun))
            {
                return ExitCodes.Ok;
            }

            if (flash.Device is { } device && !result.GetValue(yes) && !Confirm(device))
            {
                throw new UsageException($"not confirmed; {device.Path} is untouched");
            }

            var outcome = await flash.RunAsync(!result.GetValue(noVerify), report, cancellationToken);
            report.Done(flash, outcome);
            return ExitCodes.Ok;
        }, FlashFailures.Classify));
        return command;
    }

    internal static bool Confirm(BlockDeviceInfo device)
    {
        if (Console.IsInputRedirected)
        {
            throw new UsageException($"{device.Path} would be overwritten and there is no terminal to confirm it: pass --yes");
        }

        Console.Error.WriteLine($"{device.Path}: {device.Model ?? "unknown model"}, {Units.Bytes(device.Size)}{(device.Removable ? ", removable" : "")}");
        foreach (var partition in device.Partitions)
        {
            Console.Error.WriteLine($"  {partition.Name,-12} {Units.Bytes(partition.Size)}");
        }

        Console.Error.Write($"Everything on {device.Name} will be lost. Type '{device.Name}' to continue: ");
        return Console.ReadLine()?.Trim() == device.Name;
    }
}
