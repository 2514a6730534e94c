using Firmware.Cli;
using Firmware.Flash;
using Firmware.Flash.Bmap;

namespace Firmware.Tool.Commands;

/// <summary>Exit codes and messages for flash and bmap failures.</summary>
internal static class FlashFailures
{
    public static (int ExitCode, string Message)? Classify(Exception e) => e switch
    {
        BmapException b => (ExitCodes.BmapInvalid, $"bmap rejected: {b.Error}: {b.Message}"),
        FlashException f => (f.Error switch
        {
            FlashError.SourceCorrupt or FlashError.SourceTruncated => ExitCodes.SourceCorrupt,
            FlashError.TargetRefused => ExitCodes.TargetRefused,
            FlashError.TargetFailed => ExitCodes.TargetFailed,
            _ => ExitCodes.VerifyMismatch,
        }, $"{f.Error}: {f.Message}\n  target: {f.TargetState}"),
        _ => null,
    };
}
