using Firmware.Init.Shutdown;

namespace Firmware.Init.Exe;

/// <summary>
/// What <c>--root</c> runs do instead of reboot(2): report the command and return, so fwinit exits.
/// A scratch root is a test of the init, never the machine's own boot.
/// </summary>
internal sealed class ScratchRootReboot(IInitLog log) : IRebootSyscall
{
    public void Reboot(RebootKind kind) => log.Line($"reboot(2) not called under --root ({kind})");
}
