namespace Firmware.Bench.Wiring;

/// <summary>
/// How a board is wired to the bench host: the validated <c>bench:</c> section of its
/// <c>board.yml</c> (docs/bench.md). Immutable; <see cref="BoardBench"/> and
/// <see cref="BenchSectionParser"/> make it.
/// </summary>
public sealed record BenchWiring
{
    /// <summary>The reset pulse when the file gives none.</summary>
    public static readonly TimeSpan DefaultResetPulse = TimeSpan.FromMilliseconds(200);

    /// <summary>The power-off time before power-on when the file gives none.</summary>
    public static readonly TimeSpan DefaultSettle = TimeSpan.FromMilliseconds(500);

    /// <summary>Where the wiring came from (a file path, or a name for text parsed from memory).</summary>
    public required string Source { get; init; }

    /// <summary>The GPIO chip, <c>/dev/gpiochipN</c>.</summary>
    public int GpioChip { get; init; }

    /// <summary>The line that switches the board's power.</summary>
    public required GpioLine Power { get; init; }

    /// <summary>The reset line, if wired.</summary>
    public GpioLine? Reset { get; init; }

    /// <summary>How long a reset is held asserted.</summary>
    public TimeSpan ResetPulse { get; init; } = DefaultResetPulse;

    /// <summary>The boot-mode strap, if wired: asserted while powering on, it selects USB/recovery boot.</summary>
    public GpioLine? BootMode { get; init; }

    /// <summary>The serial console, if the file names one (the command line may override it).</summary>
    public ConsoleSettings? Console { get; init; }

    /// <summary>The INA219 power meter, if fitted.</summary>
    public PowerMeterSettings? PowerMeter { get; init; }

    /// <summary>How long the board stays off before it is powered on, so its rails fully discharge.</summary>
    public TimeSpan Settle { get; init; } = DefaultSettle;
}
