namespace Firmware.Fleet;

/// <summary>
/// Device ids (docs/protocol.md section 2): 1..64 of [A-Za-z0-9._-], not "." or "..". One topic
/// level that is never a wildcard or '$'-prefixed, and also a valid MQTT username and file name.
/// Job and rollout ids follow the same rule.
/// </summary>
public static class DeviceId
{
    /// <summary>True when <paramref name="id"/> is a valid id.</summary>
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > FleetLimits.MaxName || id is "." or "..")
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns <paramref name="id"/> when it is valid.</summary>
    /// <exception cref="FleetException"><see cref="FleetError.InvalidDeviceId"/>, naming <paramref name="what"/>.</exception>
    public static string Validate(string? id, string what = "device id") =>
        IsValid(id) ? id! : throw new FleetException(FleetError.InvalidDeviceId, $"{what} '{id}' is not 1..64 characters of [A-Za-z0-9._-]");
}
