using System.Runtime.InteropServices;
using Firmware.Native;
using Microsoft.Win32.SafeHandles;

namespace Firmware.Flash.Targets;

internal static class TargetIo
{
    /// <summary>fdatasync, with a failure reported as the I/O error it is (a lost write, not a detail).</summary>
    public static void Sync(SafeFileHandle handle, string path)
    {
        if (Libc.FdataSync(handle) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"{path}: fdatasync failed: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
    }
}
