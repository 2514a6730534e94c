namespace Firmware.Device.Fleet;

/// <summary>
/// Exponential back-off with full jitter between reconnect attempts: attempt <c>n</c> waits a
/// uniformly random time in <c>[0, min(max, initial * 2^n))</c>, so a fleet that lost its broker
/// at once does not come back at once ("Exponential Backoff And Jitter", AWS Architecture Blog,
/// 2015: full jitter spreads the load best). A successful connection resets it.
/// </summary>
public sealed class ReconnectBackoff
{
    private readonly Func<double> _random;
    private int _attempt;

    /// <summary>Creates the back-off.</summary>
    /// <param name="initial">The ceiling of the first wait.</param>
    /// <param name="max">The largest ceiling.</param>
    /// <param name="random">A uniform source in [0, 1): <see cref="Random.Shared"/>'s in production, fixed in tests.</param>
    public ReconnectBackoff(TimeSpan initial, TimeSpan max, Func<double>? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        Initial = initial;
        Max = max;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>The ceiling of the first wait.</summary>
    public TimeSpan Initial { get; }

    /// <summary>The largest ceiling.</summary>
    public TimeSpan Max { get; }

    /// <summary>The ceiling of the next wait, before jitter.</summary>
    public TimeSpan Ceiling => _attempt >= 30 ? Max : TimeSpan.FromTicks(Math.Min(Max.Ticks, Initial.Ticks << _attempt));

    /// <summary>The next wait, and counts the attempt.</summary>
    public TimeSpan Next()
    {
        var wait = TimeSpan.FromTicks((long)(Ceiling.Ticks * Math.Clamp(_random(), 0, 1)));
        _attempt++;
        return wait;
    }

    /// <summary>Starts again from <see cref="Initial"/> (after a connection held).</summary>
    public void Reset() => _attempt = 0;
}
