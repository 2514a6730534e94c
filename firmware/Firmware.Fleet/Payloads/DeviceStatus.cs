using System.Text.Json.Serialization;

namespace Firmware.Fleet.Payloads;

/// <summary>The <c>state</c> field of a <c>state</c> message.</summary>
[JsonConverter(typeof(StrictEnumConverter<DeviceStatus>))]
public enum DeviceStatus
{
    /// <summary>The birth: connected.</summary>
    Online = 0,

    /// <summary>The will, or a clean stop.</summary>
    Offline = 1,
}
