namespace Firmware.Device.Health;

/// <summary>
/// The health gate after a trial boot: runs every configured check in rounds until one round
/// passes entirely (healthy) or the deadline passes (not healthy, with the last round's reasons).
/// All time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// Rounds rather than one attempt, because services are still starting when the agent comes up
/// after a reboot; every check in the same round, because a service that ran once and then
/// crashed is not healthy. A check still running at the deadline is cancelled and fails as
/// "no answer".
/// </remarks>
public sealed class HealthGate : IHealthGate
{
    private readonly IReadOnlyList<IHealthCheck> _checks;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _retry;
    private readonly TimeProvider _clock;

    /// <summary>Creates the gate.</summary>
    /// <param name="checks">The checks, in the order reports list them.</param>
    /// <param name="timeout">How long the checks have in total.</param>
    /// <param name="retry">The pause between rounds.</param>
    /// <param name="clock">The clock deadlines and pauses run on.</param>
    public HealthGate(IReadOnlyList<IHealthCheck> checks, TimeSpan timeout, TimeSpan retry, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retry, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(clock);
        (_checks, _timeout, _retry, _clock) = (checks, timeout, retry, clock);
    }

    /// <summary>How many rounds the last <see cref="CheckAsync"/> ran.</summary>
    public int Rounds { get; private set; }

    /// <inheritdoc/>
    public async Task<HealthVerdict> CheckAsync(CancellationToken cancellationToken)
    {
        var started = _clock.GetTimestamp();
        using var deadline = new CancellationTokenSource(_timeout, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        Rounds = 0;
        while (true)
        {
            Rounds++;
            var verdict = new HealthVerdict(await Task.WhenAll(_checks.Select(check => RunOneAsync(check, linked.Token, cancellationToken))).ConfigureAwait(false));
            if (verdict.Healthy || _clock.GetElapsedTime(started) + _retry >= _timeout)
            {
                return verdict;
            }

            await Task.Delay(_retry, _clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HealthCheckResult> RunOneAsync(IHealthCheck check, CancellationToken deadline, CancellationToken stopping)
    {
        try
        {
            return await check.RunAsync(deadline).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return new HealthCheckResult(check.Name, false, $"no answer within the gate's {_timeout.TotalSeconds:0} s");
        }
    }
}
