using Firmware.Device.Config;
using Firmware.HostTools;

namespace Firmware.Device.Health;

/// <summary>Passes when a configured command exits 0 within its timeout.</summary>
public sealed class CommandCheck(ICommandRunner runner, CommandCheckConfig command, TimeProvider clock) : IHealthCheck
{
    /// <inheritdoc/>
    public string Name => $"command:{command.Name}";

    /// <inheritdoc/>
    public async Task<HealthCheckResult> RunAsync(CancellationToken cancellationToken)
    {
        using var limit = new CancellationTokenSource(command.Timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
        try
        {
            var outcome = await runner.RunAsync(command.Arguments, linked.Token).ConfigureAwait(false);
            return outcome.ExitCode == 0
                ? new HealthCheckResult(Name, true, "exited 0")
                : new HealthCheckResult(Name, false, $"exited {outcome.ExitCode}{(outcome.Output.Length > 0 ? $": {outcome.Output}" : "")}");
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(Name, false, $"killed after {command.Timeout.TotalSeconds:0} s");
        }
        catch (HostToolMissingException e)
        {
            return new HealthCheckResult(Name, false, e.Message);
        }
    }
}
