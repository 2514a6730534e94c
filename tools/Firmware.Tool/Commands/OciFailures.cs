using Firmware.Cli;
using Firmware.Image.Spec;
using Firmware.Oci;

namespace Firmware.Tool.Commands;

/// <summary>Exit codes and messages for spec and OCI image failures.</summary>
internal static class OciFailures
{
    public static (int ExitCode, string Message)? Classify(Exception e) => e switch
    {
        SpecException s => (ExitCodes.SpecInvalid, s.Message),
        OciException o => (ExitCodes.ImageSourceFailed, $"{o.Error}: {o.Message}"),
        FileNotFoundException f => (ExitCodes.SpecInvalid, f.Message),
        _ => null,
    };
}
