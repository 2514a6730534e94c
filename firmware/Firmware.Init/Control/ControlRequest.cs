using Firmware.Init.Shutdown;

namespace Firmware.Init.Control;

/// <summary>
/// One request line of the control socket (docs/agent.md, "Reboot requests"). The line must be
/// exactly one of <c>reboot</c>, <c>reboot tryboot</c>, <c>poweroff</c> or <c>status</c>, ended by
/// <c>\n</c> or by the end of the stream; nothing is trimmed or folded.
/// </summary>
public sealed record ControlRequest(string Verb, RebootKind? Shutdown)
{
    /// <summary>The longest request line accepted, newline included.</summary>
    public const int MaxLength = 64;

    private static readonly ControlRequest[] Known =
    [
        new("reboot", RebootKind.Reboot),
        new("reboot tryboot", RebootKind.RebootTryboot),
        new("poweroff", RebootKind.PowerOff),
        new("status", null),
    ];

    /// <summary>The request a line (without its newline) names, or null for any other line.</summary>
    public static ControlRequest? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return Array.Find(Known, r => string.Equals(r.Verb, line, StringComparison.Ordinal));
    }
}
