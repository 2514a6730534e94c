using System.CommandLine;
using Firmware.Cli;

namespace Firmware.Tool.Commands;

// fwtool bench console: show (and log) what the board prints, optionally until a marker.
internal static partial class BenchCommands
{
    private static Command ConsoleCommand(TimeProvider clock)
    {
        var board = new BoardOptions();
        var consoleOptions = new ConsoleOptions();
        var marker = new Option<string?>("--marker") { Description = "Exit 0 once the board prints this text (26 if it does not in time)." };
        var timeout = new Option<string?>("--timeout") { Description = "How long to wait for --marker, such as 60s (default 60s)." };
        var log = new Option<string?>("--log") { Description = "Also write everything received to this file (replaced if it exists)." };
        var command = new Command("console", "Print what the board's serial console sends, until Ctrl-C or --marker. Read-only: nothing is sent to the board.")
        {
            marker, timeout, log,
        };
        board.AddTo(command);
        consoleOptions.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(Program, false, async () =>
        {
            var text = result.GetValue(marker);
            if (text is null && result.GetValue(timeout) is not null)
            {
                throw new UsageException("--timeout needs --marker");
            }

            if (text is { Length: 0 })
            {
                throw new UsageException("--marker: empty");
            }

            var wait = ArgumentParsers.Duration(result.GetValue(timeout) ?? "60s", "--timeout");
            var settings = consoleOptions.Resolve(result, board.Load(result, required: false));
            var logPath = result.GetValue(log);
            await using var logFile = logPath is null ? null : OpenLog(logPath);
            await using var stdout = Console.OpenStandardOutput();
            using var console = OpenConsole(settings, clock, logFile, stdout);
            Console.Error.WriteLine($"{Program}: {settings.Device} at {settings.Baud} baud{(text is null ? "; Ctrl-C to stop" : $"; waiting up to {wait.TotalSeconds:0} s for '{text}'")}");
            if (text is null)
            {
                await console.Completion.WaitAsync(cancellationToken);
                return ExitCodes.Ok;
            }

            var started = clock.GetTimestamp();
            var match = await console.WaitForAsync(text, wait, cancellationToken);
            Console.Error.WriteLine($"{Program}: '{text}' after {clock.GetElapsedTime(started, match.Timestamp).TotalSeconds:F2} s");
            return ExitCodes.Ok;
        }, e => BenchFailures.Classify(e)));
        return command;
    }
}
