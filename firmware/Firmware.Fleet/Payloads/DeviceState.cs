namespace Firmware.Fleet.Payloads;

/// <summary>
/// The retained <c>state</c> message (docs/protocol.md 3.1): the birth (<see cref="DeviceStatus.Online"/>,
/// every field) or the will (<see cref="DeviceStatus.Offline"/>, only schema, id and state).
/// </summary>
public sealed record DeviceState
{
    private const string Topic = "state";

    /// <summary>The schema, <see cref="FleetLimits.Schema"/>.</summary>
    public int Schema { get; init; } = FleetLimits.Schema;

    /// <summary>The device id.</summary>
    public required string Id { get; init; }

    /// <summary>Online or offline.</summary>
    public required DeviceStatus State { get; init; }

    /// <summary>The board name (birth only).</summary>
    public string? Board { get; init; }

    /// <summary>The compatibility string bundles are matched against (birth only).</summary>
    public string? Compatible { get; init; }

    /// <summary>The installed firmware version (birth only).</summary>
    public string? Version { get; init; }

    /// <summary>The slot booted, A or B (birth only).</summary>
    public string? Slot { get; init; }

    /// <summary>Boots counted by the agent (birth only).</summary>
    public long? BootCount { get; init; }

    /// <summary>The agent's version (birth only).</summary>
    public string? Agent { get; init; }

    /// <summary>Tags from agent.yml (birth only).</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>When this connection came up (birth only).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The will of device <paramref name="id"/>.</summary>
    public static DeviceState Offline(string id) => new() { Id = DeviceId.Validate(id), State = DeviceStatus.Offline };

    /// <summary>Parses and checks a <c>state</c> payload.</summary>
    /// <exception cref="FleetException">Too large, unknown schema, or malformed.</exception>
    public static DeviceState Parse(ReadOnlySpan<byte> utf8)
    {
        var value = FleetJson.Decode(utf8, FleetJsonContext.Default.DeviceState, FleetLimits.MaxSmallPayload, Topic);
        value.Validate();
        return value;
    }

    /// <summary>The payload's JSON (checked first).</summary>
    public byte[] ToJson()
    {
        Validate();
        return FleetJson.Encode(this, FleetJsonContext.Default.DeviceState);
    }

    private void Validate()
    {
        FleetJson.RequireId(Id, Topic, "id");
        var birthFields = new object?[] { Board, Compatible, Version, Slot, BootCount, Agent, Tags, Since };
        if (State == DeviceStatus.Offline)
        {
            FleetJson.Require(birthFields.All(f => f is null), Topic, "state", "offline carries only schema, id and state");
            return;
        }

        FleetJson.Require(birthFields.All(f => f is not null), Topic, "state", "online needs board, compatible, version, slot, bootCount, agent, tags and since");
        FleetJson.RequireName(Board, Topic, "board");
        FleetJson.RequireName(Compatible, Topic, "compatible");
        FleetJson.RequireName(Version, Topic, "version");
        FleetJson.RequireName(Agent, Topic, "agent");
        FleetJson.Require(Slot is "A" or "B", Topic, "slot", "must be A or B");
        FleetJson.Require(BootCount >= 0, Topic, "bootCount", "must be >= 0");
        FleetJson.Require(Tags!.Count <= FleetLimits.MaxTags, Topic, "tags", $"holds at most {FleetLimits.MaxTags} tags");
        foreach (var tag in Tags)
        {
            FleetJson.Require(
                tag is { Length: > 0 and <= FleetLimits.MaxName } && tag.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '=' or '-'),
                Topic, "tags", $"entry '{tag}' must be 1..64 characters of [A-Za-z0-9._:=-]");
        }
    }
}
