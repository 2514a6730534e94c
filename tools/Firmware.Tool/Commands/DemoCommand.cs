using System.CommandLine;
using Firmware.Cli;
using Firmware.Tool.Demo;

namespace Firmware.Tool.Commands;

/// <summary><c>fwtool demo [--dir DIR]</c>: the whole bundle and trust story in one run, on local files.</summary>
internal static class DemoCommand
{
    public static Command Create(TimeProvider clock)
    {
        var directory = new Option<string?>("--dir") { Description = "Where to write keys, images and bundles. Default: a new temporary directory." };
        var command = new Command("demo", "Walk through keys, trust, a signed bundle, verification, install into a simulated slot, rejections and a key rotation.")
        {
            directory,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync("fwtool", false, async () =>
        {
            var dir = result.GetValue(directory) ?? Directory.CreateTempSubdirectory("fwtool-demo-").FullName;
            if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
            {
                throw new UsageException($"--dir: {dir} is not empty");
            }

            await new DemoWalkthrough(Path.GetFullPath(dir), clock, Console.WriteLine).RunAsync(cancellationToken);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
