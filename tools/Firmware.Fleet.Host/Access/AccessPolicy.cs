namespace Firmware.Fleet.Host.Access;

/// <summary>
/// Who may publish and subscribe where (docs/protocol.md, section 5; docs/fleet.md). One table
/// serves both brokers: the embedded broker evaluates it, and <see cref="AclFile"/> renders it as
/// Mosquitto's ACL file, so the two cannot drift apart. A device (username = device id) writes
/// only its own <c>state</c>, <c>telemetry</c>, <c>progress</c> and <c>chunks/req</c> and reads
/// only its own <c>job</c> and <c>chunks/res</c>; a controller reads and writes every device's
/// subtree; anyone else gets nothing.
/// </summary>
public sealed class AccessPolicy
{
    private readonly HashSet<string> _controllers;

    /// <summary>Creates the policy for <paramref name="prefix"/> and the named controller users.</summary>
    /// <exception cref="ArgumentException">The prefix or a controller name is invalid.</exception>
    public AccessPolicy(string prefix, IEnumerable<string> controllers)
    {
        ArgumentNullException.ThrowIfNull(controllers);
        if (!FleetNames.IsPrefix(prefix))
        {
            throw new ArgumentException($"'{prefix}' is not a topic prefix: 1-64 of [A-Za-z0-9._/-], no empty level", nameof(prefix));
        }

        _controllers = new HashSet<string>(controllers, StringComparer.Ordinal);
        foreach (var name in _controllers)
        {
            if (!FleetNames.IsDeviceId(name))
            {
                throw new ArgumentException($"'{name}' is not a usable username: 1-64 of [A-Za-z0-9._-]", nameof(controllers));
            }
        }

        Prefix = prefix;
        var root = FleetNames.DevicesRoot(prefix);
        Rules =
        [
            new(AccessKind.Write, $"{root}/%u/state", true),
            new(AccessKind.Write, $"{root}/%u/telemetry", true),
            new(AccessKind.Write, $"{root}/%u/progress", true),
            new(AccessKind.Write, $"{root}/%u/chunks/req", true),
            new(AccessKind.Read, $"{root}/%u/job", true),
            new(AccessKind.Read, $"{root}/%u/chunks/res", true),
            new(AccessKind.ReadWrite, $"{root}/#", false),
        ];
    }

    /// <summary>The topic prefix.</summary>
    public string Prefix { get; }

    /// <summary>The controller usernames.</summary>
    public IReadOnlySet<string> Controllers => _controllers;

    /// <summary>The rules, device patterns first.</summary>
    public IReadOnlyList<AccessRule> Rules { get; }

    /// <summary>True when <paramref name="username"/> may publish to <paramref name="topic"/>.</summary>
    public bool MayPublish(string? username, string topic) => Allows(username, topic, write: true);

    /// <summary>True when <paramref name="username"/> may subscribe to <paramref name="filter"/>: a rule must cover every topic it matches.</summary>
    public bool MaySubscribe(string? username, string filter) => Allows(username, filter, write: false);

    private bool Allows(string? username, string filter, bool write)
    {
        ArgumentNullException.ThrowIfNull(filter);

        // An anonymous client, or a username that could not be one topic level, gets nothing:
        // substituting "a/b" or "+" for %u would widen a device rule to other devices' topics.
        if (username is null || !FleetNames.IsDeviceId(username) || filter.StartsWith('$'))
        {
            return false;
        }

        var controller = _controllers.Contains(username);
        foreach (var rule in Rules)
        {
            if (rule.ForDevices == controller || (write ? !rule.Writes : !rule.Reads))
            {
                continue;
            }

            if (TopicFilter.Covers(rule.For(username), filter))
            {
                return true;
            }
        }

        return false;
    }
}
