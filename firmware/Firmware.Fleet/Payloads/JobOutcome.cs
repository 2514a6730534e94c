using System.Text.Json.Serialization;

namespace Firmware.Fleet.Payloads;

/// <summary>How a job ended, in a terminal progress report.</summary>
[JsonConverter(typeof(StrictEnumConverter<JobOutcome>))]
public enum JobOutcome
{
    /// <summary>The new firmware is committed.</summary>
    Committed = 0,

    /// <summary>The trial was left for the old slot.</summary>
    RolledBack = 1,

    /// <summary>The update failed before a trial; the old slot stays primary.</summary>
    Failed = 2,
}
