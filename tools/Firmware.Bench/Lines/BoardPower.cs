using System.Device.Gpio;
using Firmware.Bench.Wiring;

namespace Firmware.Bench.Lines;

/// <summary>
/// A board's power, reset and boot-mode lines on one GPIO chip. Each line is claimed the first
/// time it is driven, directly as an output at the level asked for, so switching on a board that
/// is already on never blips it off. Disposing powers the board off, so a crash or an error
/// anywhere leaves it off rather than half-booted.
/// </summary>
public sealed class BoardPower : IDisposable
{
    private readonly BenchWiring _wiring;
    private readonly GpioController _controller;
    private readonly TimeProvider _clock;
    private bool _leaveAsIs;
    private bool _disposed;

    /// <summary>Drives the wired lines through <paramref name="driver"/>, which this instance then owns.</summary>
    /// <param name="wiring">Which lines, with which polarity.</param>
    /// <param name="driver">The chip's driver (<see cref="GpioDrivers.ForChip"/> on a bench host; a double in tests).</param>
    /// <param name="clock">Times the reset pulse and the off time of a power cycle.</param>
    public BoardPower(BenchWiring wiring, GpioDriver driver, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(wiring);
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(clock);
        _wiring = wiring;
        _clock = clock;
        _controller = new GpioController(driver);
    }

    /// <summary>True after <see cref="PowerOn"/>, false after <see cref="PowerOff"/>, null before either.</summary>
    public bool? IsPowered { get; private set; }

    /// <summary>The wiring in use.</summary>
    public BenchWiring Wiring => _wiring;

    /// <summary>Switches the board's supply on.</summary>
    /// <exception cref="BenchException">The line cannot be claimed or driven.</exception>
    public void PowerOn()
    {
        Drive(_wiring.Power, asserted: true);
        IsPowered = true;
    }

    /// <summary>Switches the board's supply off.</summary>
    /// <exception cref="BenchException">The line cannot be claimed or driven.</exception>
    public void PowerOff()
    {
        Drive(_wiring.Power, asserted: false);
        IsPowered = false;
    }

    /// <summary>Switches the supply off, waits the wired settle time, and switches it on again.</summary>
    public async Task PowerCycleAsync(CancellationToken cancellationToken)
    {
        PowerOff();
        await Task.Delay(_wiring.Settle, _clock, cancellationToken);
        PowerOn();
    }

    /// <summary>Asserts or releases the boot-mode strap.</summary>
    /// <exception cref="InvalidOperationException">The wiring has no boot-mode line.</exception>
    /// <exception cref="BenchException">The line cannot be claimed or driven.</exception>
    public void SetBootMode(bool asserted) =>
        Drive(_wiring.BootMode ?? throw new InvalidOperationException($"{_wiring.Source} wires no boot-mode line"), asserted);

    /// <summary>Holds reset asserted for the wired pulse length, then releases it.</summary>
    /// <exception cref="InvalidOperationException">The wiring has no reset line.</exception>
    /// <exception cref="BenchException">The line cannot be claimed or driven.</exception>
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

    /// <summary>Powers the board off, then releases reset and boot mode if they were driven: what every failure path does.</summary>
    public void SafeOff()
    {
        PowerOff();
        foreach (var strap in new[] { _wiring.Reset, _wiring.BootMode })
        {
            if (strap is not null && _controller.IsPinOpen(strap.Line))
            {
                Drive(strap, asserted: false);
            }
        }
    }

    /// <summary>
    /// Makes <see cref="Dispose"/> free the lines without driving them, so a board switched on by a
    /// short-lived command stays on. Whether a freed line keeps its level is up to the GPIO
    /// controller; most keep it.
    /// </summary>
    public void LeaveAsIs() => _leaveAsIs = true;

    /// <summary>Powers the board off (unless <see cref="LeaveAsIs"/>), then frees the lines.</summary>
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

    private void Drive(GpioLine line, bool asserted)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var level = line.Level(asserted);
        try
        {
            if (_controller.IsPinOpen(line.Line))
            {
                _controller.Write(line.Line, level);
            }
            else
            {
                // Claimed straight into output mode at the wanted level: claiming as an input and
                // then writing would let the line float, and an active-low relay switch, meanwhile.
                _controller.OpenPin(line.Line, PinMode.Output, level);
            }
        }
        // libgpiod is loaded on first use: a host without it fails here, not at construction.
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or ArgumentException
            or DllNotFoundException or EntryPointNotFoundException or PlatformNotSupportedException)
        {
            throw new BenchException(BenchError.GpioFailed, $"gpiochip{_wiring.GpioChip}: cannot drive line {line.Line}: {e.Message}", e);
        }
    }
}
