using System.Net.Sockets;
using System.Text;
using Firmware.Init.Boot;
using Firmware.Native;

namespace Firmware.Init.Exe;

/// <summary>sethostname(2), and IFF_UP on <c>lo</c> through SIOCGIFFLAGS/SIOCSIFFLAGS on a datagram socket (netdevice(7)).</summary>
internal sealed unsafe class LinuxHost : IHostSetup
{
    public void SetHostname(string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        if (Libc.SetHostName(bytes, (nuint)bytes.Length) != 0)
        {
            throw new IOException(Libc.LastError());
        }
    }

    public void BringUpLoopback()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var fd = (int)socket.Handle;
        var request = stackalloc byte[Libc.InterfaceRequestSize];
        new Span<byte>(request, Libc.InterfaceRequestSize).Clear();
        "lo"u8.CopyTo(new Span<byte>(request, Libc.InterfaceNameSize));
        var flags = (short*)(request + Libc.InterfaceNameSize);
        if (Libc.IoctlInterface(fd, Libc.SiocGetInterfaceFlags, request) != 0)
        {
            throw new IOException(Libc.LastError());
        }

        *flags |= Libc.InterfaceUp;
        if (Libc.IoctlInterface(fd, Libc.SiocSetInterfaceFlags, request) != 0)
        {
            throw new IOException(Libc.LastError());
        }

        GC.KeepAlive(socket);
    }
}
