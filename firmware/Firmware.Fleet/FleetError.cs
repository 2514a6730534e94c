namespace Firmware.Fleet;

/// <summary>Why a topic or a payload of the fleet protocol was refused (docs/protocol.md).</summary>
public enum FleetError
{
    /// <summary>A device id outside 1..64 characters of [A-Za-z0-9._-], or "." or "..".</summary>
    InvalidDeviceId = 1,

    /// <summary>A topic prefix with wildcards, '$', empty levels or more than 64 characters.</summary>
    InvalidPrefix = 2,

    /// <summary>A payload larger than its topic's limit (checked before parsing).</summary>
    PayloadTooLarge = 3,

    /// <summary>A payload that is not the strict JSON of its schema: unknown, duplicate, missing or null properties, bad values.</summary>
    MalformedPayload = 4,

    /// <summary>A payload whose <c>schema</c> this reader does not know.</summary>
    UnsupportedSchema = 5,
}
