using System.Net.Sockets;

namespace Firmware.Device.Health;

/// <summary>Passes when the broker accepts a TCP connection within the timeout.</summary>
public sealed class BrokerCheck(IBrokerProbe probe, string host, int port, TimeSpan timeout, TimeProvider clock) : IHealthCheck
{
    /// <inheritdoc/>
    public string Name => "broker";

    /// <inheritdoc/>
    public async Task<HealthCheckResult> RunAsync(CancellationToken cancellationToken)
    {
        using var limit = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
        try
        {
            await probe.ConnectAsync(host, port, linked.Token).ConfigureAwait(false);
            return new HealthCheckResult(Name, true, $"{host}:{port} accepts connections");
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(Name, false, $"{host}:{port}: no connection within {timeout.TotalSeconds:0} s");
        }
        catch (SocketException e)
        {
            return new HealthCheckResult(Name, false, $"{host}:{port}: {e.Message}");
        }
    }
}
