using System.CommandLine;
using System.Globalization;
using Firmware.Bench.Cycle;
using Firmware.Bench.Lines;
using Firmware.Bench.Metering;
using Firmware.Cli;
using Firmware.Flash;
using Firmware.Flash.Devices;

namespace Firmware.Tool.Commands;

// fwtool bench cycle: power off, flash, power on, wait for the marker, report.
internal static partial class BenchCommands
{
    private static Command Cycle(TimeProvider clock)
    {
        var board = new BoardOptions();
        var consoleOptions = new ConsoleOptions();
        var image = new Option<string>("--image") { Description = "The image: raw, .zst, .gz or .xz.", Required = true };
        var target = new Option<string>("--to") { Description = "The block device or file the board boots from.", Required = true };
        var bmap = new Option<string?>("--bmap") { Description = "The bmap. Default: IMAGE.bmap if it exists." };
        var noBmap = new Option<bool>("--no-bmap") { Description = "Write the whole image even if a bmap exists." };
        var noVerify = new Option<bool>("--no-verify") { Description = "Skip reading the target back after writing." };
        var marker = new Option<string>("--marker") { Description = "The console text that means the board booted, such as 'login:'.", Required = true };
        var timeout = new Option<string>("--timeout") { Description = "How long after power-on the marker may take.", DefaultValueFactory = _ => "120s" };
        var log = new Option<string?>("--log") { Description = "The console log. Default: bench-cycle-TIME.log here. Kept when the cycle fails." };
        var yes = new Option<bool>("--yes") { Description = "Do not ask for confirmation before overwriting a device." };
        var force = new Option<bool>("--force") { Description = "Allow a flash target that is not removable or USB-attached." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the board file, image and target, print the plan, touch nothing." };
        var json = new Option<bool>("--json") { Description = "The result (or the failure) as one JSON object on standard output." };
        var command = new Command("cycle", "Power off, flash, power on and time the boot to a console marker. A failure leaves the board off.")
        {
            image, target, bmap, noBmap, noVerify, marker, timeout, log, yes, force, dryRun, json,
        };
        board.AddTo(command);
        consoleOptions.AddTo(command);
        command.SetAction((result, cancellationToken) =>
        {
            var asJson = result.GetValue(json);
            string? logPath = null;
            var gpioOpened = false;
            return CommandRunner.RunAsync(Program, asJson, async () =>
            {
                var wiring = board.Load(result, required: true)!;
                var settings = consoleOptions.Resolve(result, wiring);
                var request = new BenchCycleRequest
                {
                    Marker = result.GetValue(marker) is { Length: > 0 } text ? text : throw new UsageException("--marker: empty"),
                    Timeout = ArgumentParsers.Duration(result.GetValue(timeout)!, "--timeout"),
                    Verify = !result.GetValue(noVerify),
                    LogPath = Path.GetFullPath(result.GetValue(log) ?? $"bench-cycle-{clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.log"),
                };

                // Every check that can fail without touching the board first: board file, console
                // settings, image, bmap, target safety. Then the console, which only listens.
                using var flash = PreparedFlash.Prepare(new FlashRequest
                {
                    Image = result.GetValue(image)!,
                    Target = result.GetValue(target)!,
                    Bmap = result.GetValue(bmap),
                    NoBmap = result.GetValue(noBmap),
                    Force = result.GetValue(force),
                }, new BlockDeviceProbe());
                var plan = BenchCyclePlanner.Plan(wiring, request, result.GetValue(image)!, flash.TargetPath, settings.Device);
                var report = new BenchCycleReport(asJson);
                report.Plan(plan);
                if (result.GetValue(dryRun))
                {
                    return ExitCodes.Ok;
                }

                await using var logFile = OpenLog(request.LogPath);
                using var console = OpenConsole(settings, clock, logFile);
                logPath = request.LogPath;
                if (flash.Device is { } device && !result.GetValue(yes) && !FlashCommand.Confirm(device))
                {
                    throw new UsageException($"not confirmed; {device.Path} and the board are untouched");
                }

                using var power = new BoardPower(wiring, GpioDrivers.ForChip(wiring.GpioChip), clock);
                gpioOpened = true;
                using var meter = wiring.PowerMeter is { } meterSettings ? Ina219PowerMeter.Open(meterSettings) : null;
                var outcome = await new BenchCycle(power, console, clock, meter)
                    .RunAsync(plan, flash, report, asJson ? null : new FlashReport(json: false), cancellationToken);
                power.LeaveAsIs();
                report.Done(plan, outcome);
                return ExitCodes.Ok;
            }, e => BenchFailures.Classify(e, Afterward(e, gpioOpened, logPath)));
        });
        return command;
    }

    /// <summary>What a failed cycle left behind, for the error message.</summary>
    private static string? Afterward(Exception failure, bool gpioOpened, string? logPath)
    {
        // A GPIO failure says itself whether the board could be switched off.
        var board = gpioOpened && failure is not Bench.BenchException { Error: Bench.BenchError.GpioFailed } ? "the board is powered off" : null;
        var log = logPath is null ? null : $"console log: {logPath}";
        return board is null && log is null ? null : string.Join("; ", new[] { board, log }.OfType<string>());
    }
}
