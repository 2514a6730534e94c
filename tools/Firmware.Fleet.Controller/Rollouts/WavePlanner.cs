namespace Firmware.Fleet.Controller.Rollouts;

/// <summary>
/// Turns the <c>--waves</c> list into wave boundaries over the ordered target list. Each entry is
/// the cumulative number of devices hit by the end of that wave, a count or a percentage of the
/// targets rounded up (so <c>1,10%,100%</c> over 50 devices is 1, 5, 50). Waves that would add no
/// device are dropped; the targets beyond the last entry are not part of the rollout.
/// </summary>
public static class WavePlanner
{
    /// <summary>The cumulative end of each wave, strictly increasing, each at most <paramref name="total"/>.</summary>
    public static IReadOnlyList<int> Plan(IReadOnlyList<Share> waves, int total)
    {
        ArgumentNullException.ThrowIfNull(waves);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var ends = new List<int>();
        foreach (var wave in waves)
        {
            var end = wave.Of(total, roundUp: true);
            if (end > (ends.Count == 0 ? 0 : ends[^1]))
            {
                ends.Add(end);
            }
        }

        return ends;
    }
}
