using Firmware.HostTools;

namespace Firmware.Device.Health;

/// <summary><see cref="ICommandRunner"/> over <see cref="HostToolRunner"/>: no shell, output captured, killed with its children on cancellation.</summary>
public sealed class ProcessCommandRunner : ICommandRunner
{
    private const int MaxOutput = 200;

    /// <inheritdoc/>
    public async Task<CommandOutcome> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentOutOfRangeException.ThrowIfZero(arguments.Count);
        var result = await HostToolRunner.RunAsync(new HostToolCommand(new HostTool(arguments[0], DebianPackage: null), [.. arguments.Skip(1)]), cancellationToken).ConfigureAwait(false);
        return new CommandOutcome(result.ExitCode, result.Tail(MaxOutput, cut: ""));
    }
}
