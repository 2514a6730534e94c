using System.Device.Gpio;
using Firmware.Device.Config;

namespace Firmware.Device.Led;

/// <summary>
/// Drives the status LED on one GPIO line. While <see cref="RunAsync"/> runs, a timer from the
/// injected clock steps through the current state's pattern; <see cref="Show"/> switches patterns
/// at once, from the first step. The LED is dark and the line released when the run ends.
/// </summary>
/// <remarks>
/// A timer whose callback writes the next step and sets itself for the step after, rather than an
/// async loop of delays: each write happens in the timer's callback, so the timing is the clock's
/// alone (and exact under a fake clock), and a state change never waits for a delay to unwind.
/// </remarks>
public sealed class StatusLed : IStatusLed
{
    private readonly GpioController _gpio;
    private readonly LedConfig _line;
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private LedState _state;
    private ITimer? _timer;
    private int _step;

    /// <summary>Creates the driver over <paramref name="gpio"/>; nothing is written before <see cref="RunAsync"/>.</summary>
    public StatusLed(GpioController gpio, LedConfig line, LedState initial, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(clock);
        (_gpio, _line, _state, _clock) = (gpio, line, initial, clock);
    }

    /// <summary>The state shown now.</summary>
    public LedState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <inheritdoc/>
    public void Show(LedState state)
    {
        lock (_lock)
        {
            if (state == _state)
            {
                return;
            }

            _state = state;
            if (_timer is not null)
            {
                _step = 0;
                PlayStep();
            }
        }
    }

    /// <summary>Plays patterns until <paramref name="cancellationToken"/> is cancelled, then darkens the LED and releases the line.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _gpio.OpenPin(_line.Line, PinMode.Output, Level(false));
        try
        {
            lock (_lock)
            {
                _timer = _clock.CreateTimer(_ => Advance(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _step = 0;
                PlayStep();
            }

            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            lock (_lock)
            {
                _timer?.Dispose();
                _timer = null;
                _gpio.Write(_line.Line, Level(false));
                _gpio.ClosePin(_line.Line);
            }
        }
    }

    private void Advance()
    {
        lock (_lock)
        {
            if (_timer is null)
            {
                return;
            }

            _step = (_step + 1) % LedPatterns.For(_state).Steps.Count;
            PlayStep();
        }
    }

    // Called under the lock with the timer running: write this step, wake at its end.
    private void PlayStep()
    {
        var step = LedPatterns.For(_state).Steps[_step];
        _gpio.Write(_line.Line, Level(step.On));
        _timer!.Change(step.Duration, Timeout.InfiniteTimeSpan);
    }

    private PinValue Level(bool lit) => lit != _line.ActiveLow ? PinValue.High : PinValue.Low;
}
