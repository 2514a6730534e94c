using System.Device.Gpio;
using Firmware.Bench.Wiring;

namespace Firmware.Bench.Lines;

/// <summary>
/// A board's power, reset and boot-mode lines on one GPIO chip. Opening claims the lines at their
/// released levels (board off, not in reset, normal boot); disposing powers the board off, so a
/// crash or an error anywhere leaves it off rather than half-booted.
/// </summary>
public sealed class BoardPower : IDisposable
{
    private readonly BenchWiring _wiring;
    private readonly GpioController _controller;
    private readonly TimeProvider _clock;
    private bool _leaveAsIs;
    private bool _disposed;

    /// <summary>Claims the wired lines on <paramref name="driver"/>, which this instance then owns.</summary>
    /// <param name="wiring">Which lines, with which polarity.</param>
    /// <param name="driver">The chip's driver (<see cref="GpioDrivers.ForChip"/> on a bench host; a double in tests).</param>
    /// <param name="clock">Times the reset pulse.</param>
    /// <exception cref="BenchException">A line cannot be claimed.</exception>
    public BoardPower(BenchWiring wiring, GpioDriver driver, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(wiring);
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(clock);
        _wiring = wiring;
        _clock = clock;
        _controller = new GpioController(driver);
        try
        {
            // Open each line as an output already at its released level: opening as an input and
            // then writing would glitch an active-low power relay on for a moment.
            foreach (var line in Lines())
            {
                _controller.OpenPin(line.Line, PinMode.Output, line.Level(asserted: false));
            }
        }
        catch (Exception e) when (e is not BenchException)
        {
            _controller.Dispose();
            throw GpioError("cannot claim the bench lines", e);
        }
    }

    /// <summary>True after <see cref="PowerOn"/>, false after <see cref="PowerOff"/>.</summary>
    public bool IsPowered { get; private set; }

    /// <summary>The wiring in use.</summary>
    public BenchWiring Wiring => _wiring;

    /// <summary>Switches the board's supply on.</summary>
    public void PowerOn()
    {
        Drive(_wiring.Power, asserted: true);
        IsPowered = true;
    }

    /// <summary>Switches the board's supply off.</summary>
    public void PowerOff()
    {
        Drive(_wiring.Power, asserted: false);
        IsPowered = false;
    }

    /// <summary>Asserts or releases the boot-mode strap.</summary>
    /// <exception cref="InvalidOperationException">The wiring has no boot-mode line.</exception>
    public void SetBootMode(bool asserted) =>
        Drive(_wiring.BootMode ?? throw new InvalidOperationException($"{_wiring.Source} wires no boot-mode line"), asserted);

    /// <summary>Holds reset asserted for the wired pulse length, then releases it.</summary>
    /// <exception cref="InvalidOperationException">The wiring has no reset line.</exception>
    public async Task PulseResetAsync(CancellationToken cancellationToken)
    {
        var reset = _wiring.Reset ?? throw new InvalidOperationException($"{_wiring.Source} wires no reset line");
        Drive(reset, asserted: true);
        try
        {
            await Task.Delay(_wiring.ResetPulse, _clock, cancellationToken);
        }
        finally
        {
            // Released even when cancelled: a board left in reset looks dead.
            Drive(reset, asserted: false);
        }
    }

    /// <summary>
    /// Makes <see cref="Dispose"/> close the lines without driving them, so a board switched on by
    /// a short-lived command stays on. Whether a released line keeps its level is up to the GPIO
    /// controller; most keep it.
    /// </summary>
    public void LeaveAsIs() => _leaveAsIs = true;

    /// <summary>Powers the board off and releases reset and boot mode (unless <see cref="LeaveAsIs"/>), then frees the lines.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            if (!_leaveAsIs)
            {
                SafeOff();
            }
        }
        finally
        {
            _disposed = true;
            _controller.Dispose();
        }
    }

    /// <summary>Powers off first, then releases reset and boot mode: what every failure path does.</summary>
    public void SafeOff()
    {
        PowerOff();
        ReleaseStraps();
    }

    private void ReleaseStraps()
    {
        foreach (var line in new[] { _wiring.Reset, _wiring.BootMode })
        {
            if (line is not null)
            {
                Drive(line, asserted: false);
            }
        }
    }

    private IEnumerable<GpioLine> Lines() =>
        new[] { _wiring.Power, _wiring.Reset, _wiring.BootMode }.OfType<GpioLine>();

    private void Drive(GpioLine line, bool asserted)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            _controller.Write(line.Line, line.Level(asserted));
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            throw GpioError($"cannot drive line {line.Line}", e);
        }
    }

    private BenchException GpioError(string what, Exception inner) =>
        new(BenchError.GpioFailed, $"gpiochip{_wiring.GpioChip}: {what}: {inner.Message}", inner);
}
