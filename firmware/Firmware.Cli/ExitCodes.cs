using Firmware.Bundles;

namespace Firmware.Cli;

/// <summary>
/// Exit codes of fwtool and fwagent (docs/cli.md). Codes 10-15 are the
/// <see cref="BundleErrorClass"/> values, so scripts can tell a tampered bundle (12, 14) from one
/// that is merely not for this device (15).
/// </summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected internal error: a bug, reported with its stack trace.</summary>
    public const int InternalError = 1;

    /// <summary>Invalid arguments.</summary>
    public const int Usage = 2;

    /// <summary>A file could not be read or written, or exists and would be overwritten.</summary>
    public const int Io = 3;

    /// <summary>A key file is not a usable Ed25519 key.</summary>
    public const int BadKey = 4;

    /// <summary>The payload does not fit the target slot.</summary>
    public const int SlotTooSmall = 5;

    /// <summary>The exit code of a rejected bundle or trust file.</summary>
    public static int For(BundleErrorClass errorClass) => (int)errorClass;
}
