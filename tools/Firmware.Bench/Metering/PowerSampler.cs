namespace Firmware.Bench.Metering;

/// <summary>
/// Reads a power meter at a fixed interval until stopped, then once more, and summarizes. It takes
/// no reading when it starts, so it can be started just before the board is switched on without
/// counting the board's off state.
/// </summary>
public sealed class PowerSampler : IAsyncDisposable
{
    /// <summary>The interval when none is given: the INA219 converts in 532 µs, so this is far from its limit.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    private readonly IPowerMeter _meter;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stop = new();
    private readonly long _started;
    private readonly Task _loop;
    private int _samples;
    private double _sum;
    private double _peak;

    private PowerSampler(IPowerMeter meter, TimeSpan interval, TimeProvider clock)
    {
        _meter = meter;
        _clock = clock;
        _started = clock.GetTimestamp();
        _loop = RunAsync(interval);
    }

    /// <summary>Starts reading every <paramref name="interval"/>.</summary>
    public static PowerSampler Start(IPowerMeter meter, TimeSpan interval, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return new PowerSampler(meter, interval, clock);
    }

    /// <summary>Stops sampling and summarizes.</summary>
    /// <exception cref="BenchException">A reading failed along the way.</exception>
    public async Task<PowerSummary> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        Take();
        return new PowerSummary(_samples, _sum / _samples, _peak, _clock.GetElapsedTime(_started));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (BenchException)
        {
            // Disposing after a failure elsewhere: that failure is the one to report.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Take();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private void Take()
    {
        var milliwatts = _meter.ReadMilliwatts();
        _samples++;
        _sum += milliwatts;
        _peak = _samples == 1 ? milliwatts : Math.Max(_peak, milliwatts);
    }
}
