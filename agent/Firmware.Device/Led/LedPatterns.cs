namespace Firmware.Device.Led;

/// <summary>
/// The pattern for each state, as data. Chosen to be told apart at a glance from across a room:
/// the rate says how busy the device is, the number of flashes says which phase an update is in.
/// </summary>
public static class LedPatterns
{
    private static readonly Dictionary<LedState, LedPattern> Table = new()
    {
        [LedState.Idle] = LedPattern.Blink(100, 2900),
        [LedState.Offline] = LedPattern.Blink(1000, 1000),
        [LedState.Downloading] = LedPattern.Blink(250, 250),
        [LedState.Installing] = LedPattern.Blink(100, 100),
        [LedState.Rebooting] = LedPattern.Blink(60_000),
        [LedState.Trial] = LedPattern.Blink(100, 200, 100, 1600),
        [LedState.Failed] = LedPattern.Blink(100, 200, 100, 200, 100, 1300),
    };

    /// <summary>The pattern shown in <paramref name="state"/>.</summary>
    public static LedPattern For(LedState state) =>
        Table.TryGetValue(state, out var pattern) ? pattern : throw new ArgumentOutOfRangeException(nameof(state), state, "no pattern for this state");
}
