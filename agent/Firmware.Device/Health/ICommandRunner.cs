namespace Firmware.Device.Health;

/// <summary>Runs a program to completion for a health check.</summary>
public interface ICommandRunner
{
    /// <summary>Runs <paramref name="arguments"/> (program first, no shell) and returns its exit code.
    /// Cancellation kills it (and its children) and throws <see cref="OperationCanceledException"/>.</summary>
    /// <exception cref="Firmware.HostTools.HostToolMissingException">The program cannot be started.</exception>
    Task<CommandOutcome> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}
