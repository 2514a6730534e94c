namespace Firmware.Bench;

/// <summary>Which piece of bench hardware failed.</summary>
public enum BenchError
{
    /// <summary>The console device does not exist.</summary>
    ConsoleNotFound,
    /// <summary>The console device exists but cannot be used: no permission, busy, not a terminal, unsupported speed.</summary>
    ConsoleUnusable,
    /// <summary>The console device failed while it was being read (unplugged, I/O error).</summary>
    ConsoleFailed,
    /// <summary>The GPIO chip or one of its lines could not be opened or driven.</summary>
    GpioFailed,
    /// <summary>The power meter could not be opened or read.</summary>
    PowerMeterFailed,
}
