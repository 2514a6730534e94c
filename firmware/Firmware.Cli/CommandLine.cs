using System.CommandLine;

namespace Firmware.Cli;

/// <summary>Parses and runs a command tree with the product's exit-code conventions.</summary>
public static class CommandLine
{
    /// <summary>
    /// Runs <paramref name="root"/>; parse errors exit with <see cref="ExitCodes.Usage"/>. SIGINT and SIGTERM
    /// cancel the command and end the process two seconds later if it has not stopped by then, except for a
    /// <see cref="SelfStoppingCommand"/>, which handles them itself.
    /// </summary>
    public static async Task<int> InvokeAsync(RootCommand root, string program, string[] args)
    {
        ArgumentNullException.ThrowIfNull(root);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"{program}: {error.Message}");
            }

            await Console.Error.WriteLineAsync($"{program}: see '{program} --help'");
            return ExitCodes.Usage;
        }

        return parsed.CommandResult.Command is SelfStoppingCommand
            ? await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null })
            : await parsed.InvokeAsync();
    }
}
