namespace Firmware.Fleet.Controller;

/// <summary>Monotonic counters since the controller started, exported on /metrics.</summary>
public sealed class ControllerCounters
{
    private readonly long[] _values = new long[Enum.GetValues<ControllerCounter>().Length];

    /// <summary>Adds <paramref name="amount"/> to <paramref name="counter"/>, atomically.</summary>
    public void Add(ControllerCounter counter, long amount = 1) => Interlocked.Add(ref _values[(int)counter], amount);

    /// <summary>The value of <paramref name="counter"/>.</summary>
    public long this[ControllerCounter counter] => Interlocked.Read(ref _values[(int)counter]);
}
