using Firmware.Trust;
using Firmware.Versioning;

namespace Firmware.Device.Updates;

/// <summary>The device facts and limits the engine runs under.</summary>
public sealed record UpdateEngineOptions
{
    /// <summary>The board's compatible string; a bundle must list it.</summary>
    public required string Board { get; init; }

    /// <summary>The device's trust file.</summary>
    public required TrustFile Trust { get; init; }

    /// <summary>The version the device was flashed with; the checkpoint's record replaces it after the first commit.</summary>
    public FirmwareVersion? InstalledVersion { get; init; }

    /// <summary>The payload that goes into a slot.</summary>
    public string Payload { get; init; } = "rootfs";

    /// <summary>How many times the bootloader tries the new slot before falling back.</summary>
    public int TrialTries { get; init; } = 3;

    /// <summary>How many times one state may be started without finishing (crash or boot loops) before the update ends.</summary>
    public int MaxStateEntries { get; init; } = 8;

    /// <summary>How many transient failures one update may retry.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The pause before retrying a transient failure.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a download syncs its copy and records the resume point.</summary>
    public long DownloadSyncInterval { get; init; } = 8 << 20;

    /// <summary>The data-partition file a remote or one-shot bundle is copied to.</summary>
    public string StagingFile { get; init; } = "bundle.staged";

    /// <summary>How many reported outcomes the checkpoint keeps for status output.</summary>
    public int OutboxHistory { get; init; } = 8;
}
