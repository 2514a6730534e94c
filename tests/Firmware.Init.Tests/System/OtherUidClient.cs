using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Firmware.Init.Tests.System;

/// <summary>
/// Connects to a Unix socket as another uid from this process: the raw setresuid system call
/// changes the effective uid of the calling thread only (glibc's wrapper would change every
/// thread), SO_PEERCRED records it at connect(2), and the thread returns to uid 0 at once.
/// </summary>
internal static partial class OtherUidClient
{
    private const long SetResUidX64 = 117; // arch/x86/entry/syscalls/syscall_64.tbl
    private const long Unchanged = -1;

    /// <summary>Sends <paramref name="request"/> as <paramref name="uid"/> and returns the reply line.</summary>
    public static string Send(string socketPath, int uid, string request)
    {
        Assert.Equal(Architecture.X64, RuntimeInformation.ProcessArchitecture);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        Assert.Equal(0, Syscall(SetResUidX64, Unchanged, uid, Unchanged));
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        }
        finally
        {
            Assert.Equal(0, Syscall(SetResUidX64, Unchanged, 0, Unchanged));
        }

        socket.Send(Encoding.UTF8.GetBytes(request + "\n"));
        using var reader = new StreamReader(new NetworkStream(socket, ownsSocket: false), Encoding.UTF8);
        return reader.ReadLine() ?? "";
    }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long realUid, long effectiveUid, long savedUid);
}
