using Firmware.Init.Boot;
using Firmware.Init.Shutdown;
using Firmware.Native;

namespace Firmware.Init.Exe;

/// <summary>mount(2), umount2(2), sync(2) and /proc/self/mountinfo.</summary>
internal sealed class LinuxFilesystems : IFilesystems
{
    private const int EBUSY = 16;

    public void Mount(KernelMount mount)
    {
        Directory.CreateDirectory(mount.Target);
        if (Libc.Mount(mount.Source, mount.Target, mount.Type, mount.Flags, mount.Data) != 0)
        {
            throw new IOException(Libc.LastError());
        }
    }

    public IReadOnlyList<MountEntry> Read() => MountInfo.Parse(File.ReadAllText("/proc/self/mountinfo"));

    public void Unmount(string mountPoint)
    {
        if (Libc.Unmount(mountPoint, 0) != 0)
        {
            throw new IOException(Libc.LastError());
        }
    }

    public void RemountReadOnly(string mountPoint)
    {
        if (Libc.Mount(null, mountPoint, null, Libc.MsRemount | Libc.MsRdOnly, null) != 0)
        {
            throw new IOException(Libc.LastError());
        }
    }

    public void Sync() => Libc.Sync();
}
