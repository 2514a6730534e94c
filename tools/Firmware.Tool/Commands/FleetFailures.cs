using System.Net.Sockets;
using System.Security.Cryptography;
using Firmware.Cli;
using Firmware.Fleet.Host.Credentials;

namespace Firmware.Tool.Commands;

/// <summary>Exit codes and messages for fleet failures (docs/fleet.md).</summary>
internal static class FleetFailures
{
    public static (int ExitCode, string Message)? Classify(Exception e) => e switch
    {
        CredentialFileException c => (ExitCodes.SpecInvalid, c.Message),
        SocketException s => (ExitCodes.Io, $"cannot listen: {s.Message}"),
        CryptographicException c => (ExitCodes.Io, $"TLS certificate or key unusable: {c.Message}"),
        _ => null,
    };
}
