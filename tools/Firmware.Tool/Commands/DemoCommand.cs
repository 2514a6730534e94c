using System.CommandLine;
using Firmware.Cli;
using Firmware.Tool.Demo;

namespace Firmware.Tool.Commands;

/// <summary>
/// <c>fwtool demo [--dir DIR] [--offline]</c>: the fleet in one process (embedded broker,
/// controller, 50 simulated devices, a good and a bad rollout), or with <c>--offline</c> the
/// bundle and trust walkthrough on local files.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(TimeProvider clock)
    {
        var directory = new Option<string?>("--dir") { Description = "Where to write keys, bundles, credentials, the devices' files and the logs, and keep them. Default: a temporary directory, removed at the end." };
        var offline = new Option<bool>("--offline") { Description = "Instead: walk through keys, trust, a signed bundle, verification, install into a simulated slot, rejections and a key rotation, on local files." };
        var command = new Command("demo", "Run the fleet on embedded defaults: broker, controller and 50 simulated devices; a good bundle rolled out in waves to all, a bad one stopped at the canary and rolled back.")
        {
            directory, offline,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync("fwtool", false, async () =>
        {
            var kept = result.GetValue(directory);
            if (kept is not null && Directory.Exists(kept) && Directory.EnumerateFileSystemEntries(kept).Any())
            {
                throw new UsageException($"--dir: {kept} is not empty");
            }

            var dir = Path.GetFullPath(kept ?? Directory.CreateTempSubdirectory("fwtool-demo-").FullName);
            Directory.CreateDirectory(dir);
            try
            {
                if (result.GetValue(offline))
                {
                    await new DemoWalkthrough(dir, clock, Console.WriteLine).RunAsync(cancellationToken);
                    return ExitCodes.Ok;
                }

                var view = new LiveView();
                var results = await new FleetDemo(dir, clock, Console.WriteLine, view.Show, deviceTable: view.IsTerminal).RunAsync(cancellationToken);
                Console.WriteLine("Summary:");
                foreach (var rollout in results)
                {
                    Console.WriteLine($"  {rollout}");
                }

                return results is [{ View.State: "completed" }, { View.State: "aborted" }]
                    ? ExitCodes.Ok
                    : throw new InvalidOperationException("the rollouts did not end as designed (the good one completed, the bad one aborted): see fleet.log");
            }
            finally
            {
                if (kept is null)
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
        }));
        return command;
    }
}
