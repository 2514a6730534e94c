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

    /// <summary>A bmap file is invalid or does not describe the image.</summary>
    public const int BmapInvalid = 20;

    /// <summary>The image is corrupt, truncated, or does not match its bmap.</summary>
    public const int SourceCorrupt = 21;

    /// <summary>A safety check refused the flash target.</summary>
    public const int TargetRefused = 22;

    /// <summary>The flash target failed (I/O error, vanished).</summary>
    public const int TargetFailed = 23;

    /// <summary>Reading the target back gave other bytes than were written.</summary>
    public const int VerifyMismatch = 24;

    /// <summary>A spec file (board.yml, an image spec, pkg.yml) is malformed or invalid; the message names the file, line and key.</summary>
    public const int SpecInvalid = 25;

    /// <summary>The board's console did not print the marker in time.</summary>
    public const int MarkerTimeout = 26;

    /// <summary>Bench hardware is missing or failed: console device, GPIO chip or line, power meter.</summary>
    public const int BenchHardware = 27;

    /// <summary>An OCI image could not be used: missing, malformed, corrupt, not for the platform, or the registry refused or failed.</summary>
    public const int ImageSourceFailed = 28;

    /// <summary>An image build was refused: the board, spec, version or kernel do not go together, or a host tool the build runs failed.</summary>
    public const int ImageBuildFailed = 29;

    /// <summary>QEMU could not be started or its UEFI firmware was not found.</summary>
    public const int EmulatorFailed = 35;

    /// <summary>Interrupted (Ctrl-C), as shells report SIGINT.</summary>
    public const int Interrupted = 130;

    /// <summary>The exit code of a rejected bundle or trust file.</summary>
    public static int For(BundleErrorClass errorClass) => (int)errorClass;
}
