namespace Firmware.Fleet;

/// <summary>
/// Builds and parses the topics of docs/protocol.md section 2: <c>PREFIX/v1/devices/ID/KIND</c>.
/// The device-id level is validated both ways, so no built topic can contain a wildcard and no
/// parsed one can name a device outside the rules.
/// </summary>
public sealed class FleetTopics
{
    /// <summary>The default prefix.</summary>
    public const string DefaultPrefix = "fw";

    /// <summary>The protocol version level.</summary>
    public const string Version = "v1";

    private static readonly (FleetTopicKind Kind, string Suffix)[] Suffixes =
    [
        (FleetTopicKind.State, "state"),
        (FleetTopicKind.Telemetry, "telemetry"),
        (FleetTopicKind.Job, "job"),
        (FleetTopicKind.Progress, "progress"),
        (FleetTopicKind.ChunkRequest, "chunks/req"),
        (FleetTopicKind.ChunkResponse, "chunks/res"),
    ];

    private readonly string _devices;

    /// <summary>Creates the topic set under <paramref name="prefix"/>.</summary>
    /// <exception cref="FleetException"><see cref="FleetError.InvalidPrefix"/>.</exception>
    public FleetTopics(string prefix = DefaultPrefix)
    {
        Prefix = ValidatePrefix(prefix);
        _devices = $"{Prefix}/{Version}/devices/";
    }

    /// <summary>The prefix.</summary>
    public string Prefix { get; }

    /// <summary>The topic <paramref name="kind"/> of device <paramref name="deviceId"/>.</summary>
    /// <exception cref="FleetException"><see cref="FleetError.InvalidDeviceId"/>.</exception>
    public string For(string deviceId, FleetTopicKind kind) => _devices + DeviceId.Validate(deviceId) + "/" + Suffix(kind);

    /// <summary>The controller's wildcard subscription to <paramref name="kind"/> of every device.</summary>
    public string AllDevices(FleetTopicKind kind) => _devices + "+/" + Suffix(kind);

    /// <summary>Parses a topic of this prefix; false for any other topic (another prefix or version, a bad id, an unknown kind).</summary>
    public bool TryParse(string topic, out FleetTopic parsed)
    {
        parsed = default;
        if (topic is null || !topic.StartsWith(_devices, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = topic.AsSpan(_devices.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        var id = rest[..slash].ToString();
        var suffix = rest[(slash + 1)..];
        foreach (var (kind, text) in Suffixes)
        {
            if (suffix.SequenceEqual(text) && DeviceId.IsValid(id))
            {
                parsed = new FleetTopic(id, kind);
                return true;
            }
        }

        return false;
    }

    /// <summary>The MQTT 5 message expiry (seconds) of <paramref name="kind"/>; null for none (docs/protocol.md section 2). The job's follows its deadline: see <see cref="JobExpiry"/>.</summary>
    public static uint? MessageExpiry(FleetTopicKind kind) => kind switch
    {
        FleetTopicKind.Telemetry => 86_400,
        FleetTopicKind.Progress => 604_800,
        FleetTopicKind.ChunkRequest or FleetTopicKind.ChunkResponse => 60,
        _ => null,
    };

    /// <summary>The message expiry of a job published at <paramref name="now"/>: the seconds left until its deadline, at least 1.</summary>
    public static uint JobExpiry(DateTimeOffset deadline, DateTimeOffset now) =>
        (uint)Math.Clamp(Math.Ceiling((deadline - now).TotalSeconds), 1, uint.MaxValue);

    private static string Suffix(FleetTopicKind kind)
    {
        foreach (var (k, text) in Suffixes)
        {
            if (k == kind)
            {
                return text;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown topic kind.");
    }

    private static string ValidatePrefix(string prefix)
    {
        var ok = !string.IsNullOrEmpty(prefix) && prefix.Length <= FleetLimits.MaxPrefix
                 && prefix[0] != '/' && prefix[^1] != '/' && !prefix.Contains("//", StringComparison.Ordinal);
        foreach (var c in prefix ?? "")
        {
            ok &= char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/';
        }

        return ok ? prefix! : throw new FleetException(FleetError.InvalidPrefix, $"topic prefix '{prefix}' is not 1..64 characters of [A-Za-z0-9._/-] without empty levels");
    }
}
