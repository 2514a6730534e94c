namespace Firmware.Device.Fleet;

/// <summary>
/// Keeps a connection up: connect; while it holds, wait for it to drop; then wait the back-off on
/// the injected clock and connect again. The connection itself is behind two delegates, so the
/// loop is tested on a fake clock without a broker or a sleep.
/// </summary>
public sealed class ReconnectLoop(ReconnectBackoff backoff, TimeProvider clock)
{
    /// <summary>Connection attempts made, successful or not.</summary>
    public int Attempts { get; private set; }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="connect">Connects; false (or an exception) when the attempt failed.</param>
    /// <param name="connected">Runs while connected and returns when the connection dropped.</param>
    /// <param name="cancellationToken">Stops the loop.</param>
    public async Task RunAsync(Func<CancellationToken, Task<bool>> connect, Func<CancellationToken, Task> connected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connect);
        ArgumentNullException.ThrowIfNull(connected);
        while (!cancellationToken.IsCancellationRequested)
        {
            Attempts++;
            bool up;
            try
            {
                up = await connect(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                up = false;
            }

            if (up)
            {
                backoff.Reset();
                await connected(cancellationToken).ConfigureAwait(false);
            }

            await Task.Delay(backoff.Next(), clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
