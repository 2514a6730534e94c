using System.Device.Gpio;

namespace Firmware.Bench.Tests.Doubles;

/// <summary>One level driven onto a line, and when (from the injected clock).</summary>
public sealed record LineWrite(long Timestamp, int Line, PinValue Value)
{
    public override string ToString() => $"{Line}={(Value == PinValue.High ? "high" : "low")}";
}

/// <summary>
/// A GPIO chip that records every level driven onto a line, with a timestamp from the injected
/// clock, and tells listeners (a simulated board) about each write as it happens.
/// </summary>
public sealed class RecordingGpioDriver(TimeProvider clock) : GpioDriver
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, (PinMode Mode, PinValue Value)> _pins = [];
    private readonly List<LineWrite> _writes = [];

    /// <summary>Raised after each write, on the writing thread.</summary>
    public event Action<LineWrite>? Written;

    /// <summary>Writes to this line throw, as a vanished chip would.</summary>
    public int? BrokenLine { get; set; }

    /// <summary>Opening this line throws, as a line claimed by another process would.</summary>
    public int? BusyLine { get; set; }

    public IReadOnlyList<LineWrite> Writes
    {
        get
        {
            lock (_lock)
            {
                return [.. _writes];
            }
        }
    }

    public IReadOnlyCollection<int> OpenLines
    {
        get
        {
            lock (_lock)
            {
                return [.. _pins.Keys];
            }
        }
    }

    /// <summary>The writes as "line=level" strings, for readable sequence assertions.</summary>
    public IReadOnlyList<string> Sequence => [.. Writes.Select(w => w.ToString())];

    public PinValue LevelOf(int line)
    {
        lock (_lock)
        {
            return _pins[line].Value;
        }
    }

    protected override int PinCount => 64;

    protected override void OpenPin(int pinNumber)
    {
        if (pinNumber == BusyLine)
        {
            throw new IOException($"line {pinNumber} is busy");
        }

        lock (_lock)
        {
            _pins[pinNumber] = (PinMode.Input, PinValue.Low);
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_lock)
        {
            _pins.Remove(pinNumber);
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_lock)
        {
            _pins[pinNumber] = (mode, _pins[pinNumber].Value);
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue)
    {
        SetPinMode(pinNumber, mode);
        Write(pinNumber, initialValue);
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_lock)
        {
            return _pins[pinNumber].Mode;
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => mode is PinMode.Input or PinMode.Output;

    protected override PinValue Read(int pinNumber)
    {
        lock (_lock)
        {
            return _pins[pinNumber].Value;
        }
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        if (pinNumber == BrokenLine)
        {
            throw new IOException($"line {pinNumber}: no such device");
        }

        LineWrite write;
        lock (_lock)
        {
            if (_pins[pinNumber].Mode != PinMode.Output)
            {
                throw new InvalidOperationException($"line {pinNumber} is not an output");
            }

            _pins[pinNumber] = (PinMode.Output, value);
            write = new LineWrite(clock.GetTimestamp(), pinNumber, value);
            _writes.Add(write);
        }

        Written?.Invoke(write);
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the bench only drives outputs");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) =>
        throw new NotSupportedException("the bench only drives outputs");

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) =>
        throw new NotSupportedException("the bench only drives outputs");
}
