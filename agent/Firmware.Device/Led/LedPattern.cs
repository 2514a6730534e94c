namespace Firmware.Device.Led;

/// <summary>A pattern the LED repeats: its steps, in order. A single step is a steady light or darkness.</summary>
/// <param name="Steps">The steps; their total is one period.</param>
public sealed record LedPattern(IReadOnlyList<LedStep> Steps)
{
    /// <summary>A pattern from alternating on/off durations in milliseconds, starting lit.</summary>
    public static LedPattern Blink(params int[] onOffMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(onOffMilliseconds);
        ArgumentOutOfRangeException.ThrowIfZero(onOffMilliseconds.Length);
        return new LedPattern([.. onOffMilliseconds.Select((ms, i) => new LedStep(i % 2 == 0, TimeSpan.FromMilliseconds(ms)))]);
    }

    /// <summary>The steps as people read them: <c>on 100 ms, off 2900 ms</c>.</summary>
    public override string ToString() => string.Join(", ", Steps.Select(s => $"{(s.On ? "on" : "off")} {s.Duration.TotalMilliseconds:0} ms"));
}
