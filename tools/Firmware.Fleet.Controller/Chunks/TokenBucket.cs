namespace Firmware.Fleet.Controller.Chunks;

/// <summary>
/// A token bucket of bytes that reserves ahead: <see cref="Reserve"/> always takes the tokens,
/// letting the balance go negative, and returns how long the caller must wait before sending.
/// So a chunk larger than the burst still goes out, at the rate, and callers queue in the order
/// they reserved. Time comes from an injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class TokenBucket
{
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private double _tokens;
    private long _stamp;

    /// <summary>Creates a full bucket refilled at <paramref name="bytesPerSecond"/>, holding at most <paramref name="burst"/> bytes.</summary>
    public TokenBucket(long bytesPerSecond, long burst, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        Rate = bytesPerSecond;
        Burst = burst;
        _tokens = burst;
        _stamp = clock.GetTimestamp();
    }

    /// <summary>Bytes per second.</summary>
    public long Rate { get; }

    /// <summary>The most bytes sent at once after a quiet spell.</summary>
    public long Burst { get; }

    /// <summary>Takes <paramref name="bytes"/> tokens; returns the wait before they may be sent (zero when the bucket held them).</summary>
    public TimeSpan Reserve(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        lock (_lock)
        {
            var now = _clock.GetTimestamp();
            _tokens = Math.Min(Burst, _tokens + (_clock.GetElapsedTime(_stamp, now).TotalSeconds * Rate));
            _stamp = now;
            _tokens -= bytes;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / Rate);
        }
    }
}
