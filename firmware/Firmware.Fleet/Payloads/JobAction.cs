using System.Text.Json.Serialization;

namespace Firmware.Fleet.Payloads;

/// <summary>What a job asks of the device.</summary>
[JsonConverter(typeof(StrictEnumConverter<JobAction>))]
public enum JobAction
{
    /// <summary>Download and install the job's bundle.</summary>
    Install = 0,

    /// <summary>Leave the trial for the old slot.</summary>
    Rollback = 1,

    /// <summary>Stop the download of the job named by <c>jobId</c>.</summary>
    Cancel = 2,
}
