namespace Firmware.Image.Spec;

/// <summary>Sanity checks for mount options (mount(8)): no empty option, no contradiction, at most one propagation.</summary>
internal static class MountOptions
{
    private static readonly (string, string)[] Opposites =
    [
        ("ro", "rw"), ("suid", "nosuid"), ("dev", "nodev"), ("exec", "noexec"), ("sync", "async"),
        ("atime", "noatime"), ("diratime", "nodiratime"), ("bind", "rbind"),
    ];

    private static readonly HashSet<string> Propagations = new(StringComparer.Ordinal)
    {
        "shared", "rshared", "slave", "rslave", "private", "rprivate", "unbindable", "runbindable",
    };

    private static readonly HashSet<string> AccessTimes = new(StringComparer.Ordinal) { "noatime", "relatime", "strictatime" };

    /// <summary>What is wrong with <paramref name="options"/>, or null when nothing is.</summary>
    public static string? Problem(IReadOnlyList<string> options)
    {
        if (options.Any(string.IsNullOrWhiteSpace))
        {
            return "an option is empty";
        }

        if (Opposites.FirstOrDefault(pair => options.Contains(pair.Item1) && options.Contains(pair.Item2)) is ({ } a, { } b))
        {
            return $"options '{a}' and '{b}' contradict each other";
        }

        var propagation = options.Where(Propagations.Contains).Distinct().ToList();
        if (propagation.Count > 1)
        {
            return $"more than one propagation ({string.Join(", ", propagation)})";
        }

        var times = options.Where(AccessTimes.Contains).Distinct().ToList();
        return times.Count > 1 ? $"more than one access-time rule ({string.Join(", ", times)})" : null;
    }
}
