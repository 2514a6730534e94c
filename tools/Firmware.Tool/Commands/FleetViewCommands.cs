using System.CommandLine;
using System.Text.Json;
using Firmware.Cli;
using Firmware.Fleet.Controller.Api;

namespace Firmware.Tool.Commands;

/// <summary><c>fwtool fleet list</c> and <c>fwtool fleet watch</c>: the controller's device registry.</summary>
internal static class FleetViewCommands
{
    private const string Program = "fwtool";

    public static Command List(TimeProvider clock)
    {
        var json = new Option<bool>("--json") { Description = "The devices as JSON." };
        var url = ControllerOption.Create();
        var command = new Command("list", "List the devices the controller knows: version, slot, health, current job.") { json, url };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(Program, result.GetValue(json), async () =>
        {
            using var client = ControllerOption.Client(result, url);
            var devices = await client.DevicesAsync(cancellationToken);
            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(devices, ApiJsonContext.Default.DeviceViewArray));
            }
            else
            {
                FleetTables.Devices(devices, clock.GetUtcNow()).ToList().ForEach(Console.WriteLine);
            }

            return ExitCodes.Ok;
        }, ControllerOption.Classify));
        return command;
    }

    public static Command Watch(TimeProvider clock)
    {
        var interval = new Option<double>("--interval") { Description = "Seconds between refreshes.", DefaultValueFactory = _ => 1 };
        var url = ControllerOption.Create();
        var command = new Command("watch", "A live table of the devices with health, version and download progress, until Ctrl-C.") { interval, url };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(Program, false, async () =>
        {
            var every = result.GetValue(interval) is var s and > 0 and <= 3600 ? TimeSpan.FromSeconds(s) : throw new UsageException("--interval: must be above 0 and at most 3600 seconds");
            using var client = ControllerOption.Client(result, url);
            var view = new LiveView();
            var since = clock.GetUtcNow();
            try
            {
                while (true)
                {
                    var devices = await client.DevicesAsync(cancellationToken);
                    var rollouts = await client.RolloutsAsync(cancellationToken);
                    var now = clock.GetUtcNow();
                    var shown = FleetTables.Watched(rollouts, since).SelectMany(FleetTables.Rollout);
                    view.Show([.. shown, .. FleetTables.Devices(devices, now)]);
                    await Task.Delay(every, clock, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                return ExitCodes.Ok;
            }
        }, ControllerOption.Classify));
        return command;
    }
}
