namespace Firmware.Fleet.Host.Access;

/// <summary>
/// The names the protocol fixes (docs/protocol.md, sections 2 and 7): device ids are one topic
/// level that is also an MQTT username and a file name; the prefix is one or more plain levels.
/// </summary>
public static class FleetNames
{
    /// <summary>The longest device id or prefix.</summary>
    public const int MaxLength = 64;

    /// <summary>The default topic prefix.</summary>
    public const string DefaultPrefix = FleetTopics.DefaultPrefix;

    /// <summary>True for 1-64 characters of <c>[A-Za-z0-9._-]</c> other than <c>.</c> and <c>..</c>.</summary>
    public static bool IsDeviceId(string? id) => DeviceId.IsValid(id);

    /// <summary>True for 1-64 characters of <c>[A-Za-z0-9._/-]</c> with no empty level (so no leading or trailing <c>/</c>).</summary>
    public static bool IsPrefix(string? prefix) =>
        prefix is { Length: > 0 and <= MaxLength }
        && prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/')
        && prefix.Split('/').All(level => level.Length > 0);

    /// <summary>The root of every device's subtree: <c>PREFIX/v1/devices</c>.</summary>
    public static string DevicesRoot(string prefix) => $"{prefix}/v1/devices";
}
