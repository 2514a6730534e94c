namespace Firmware.Init;

/// <summary>
/// Where the init reports what it does: the console on a device (each line prefixed
/// <c>fw-init: </c>). The lines are stable markers that boot tests wait for (docs/init.md).
/// </summary>
public interface IInitLog
{
    /// <summary>Reports one line, without the prefix.</summary>
    void Line(string text);
}
