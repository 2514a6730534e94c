using System.Diagnostics;

namespace Firmware.Device.Health;

/// <summary><see cref="ICommandRunner"/> over <see cref="Process"/>: no shell, output captured, killed with its children on cancellation.</summary>
public sealed class ProcessCommandRunner : ICommandRunner
{
    private const int MaxOutput = 200;

    /// <inheritdoc/>
    public async Task<CommandOutcome> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentOutOfRangeException.ThrowIfZero(arguments.Count);
        var start = new ProcessStartInfo(arguments[0]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{arguments[0]} did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = ((await stderr.ConfigureAwait(false)) + (await stdout.ConfigureAwait(false))).Trim();
        return new CommandOutcome(process.ExitCode, output.Length > MaxOutput ? output[^MaxOutput..] : output);
    }
}
