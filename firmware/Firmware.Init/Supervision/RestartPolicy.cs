namespace Firmware.Init.Supervision;

/// <summary>
/// How the supervisor treats a service that ends (docs/init.md, "Supervision"). A failure is
/// restarted after <see cref="InitialDelay"/>, doubling with every consecutive failure up to
/// <see cref="MaxDelay"/>; a run that lasted <see cref="StableAfter"/> resets the count. A service
/// counts as <c>running</c> once it has stayed up <see cref="UpAfter"/>, so a crash loop never
/// shows as running to the health gate. On the way down a service gets <see cref="StopGrace"/>
/// after SIGTERM and <see cref="KillGrace"/> after SIGKILL.
/// </summary>
public sealed record RestartPolicy(
    TimeSpan InitialDelay,
    TimeSpan MaxDelay,
    TimeSpan StableAfter,
    TimeSpan UpAfter,
    TimeSpan StopGrace,
    TimeSpan KillGrace)
{
    /// <summary>1 s doubling to 60 s, reset after 30 s up; running after 2 s; 10 s to stop, 5 s more after SIGKILL.</summary>
    public static RestartPolicy Default { get; } = new(
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30),
        TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));

    /// <summary>The wait before the restart that follows the <paramref name="failures"/>th consecutive failure (1-based).</summary>
    public TimeSpan DelayAfter(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var delay = InitialDelay;
        for (var i = 1; i < failures && delay < MaxDelay; i++)
        {
            delay *= 2;
        }

        return delay < MaxDelay ? delay : MaxDelay;
    }
}
