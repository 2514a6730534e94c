using Firmware.Init.Boot;
using Firmware.Init.Shutdown;

namespace Firmware.Init.Tests.Doubles;

/// <summary>The mount table, host setup and reboot(2) of an <see cref="InitProcess"/> test: each call is one event, in order.</summary>
internal sealed class FakeSystem(IList<string> events) : IFilesystems, IHostSetup, IRebootSyscall
{
    public List<MountEntry> Mounts { get; } = [];

    /// <summary>Mount points whose unmount fails as busy.</summary>
    public HashSet<string> Busy { get; } = [];

    public void Mount(KernelMount mount) => events.Add($"mount {mount.Type} {mount.Target}");

    public IReadOnlyList<MountEntry> Read() => Mounts;

    public void Unmount(string mountPoint)
    {
        if (Busy.Contains(mountPoint))
        {
            throw new IOException("Device or resource busy");
        }

        events.Add($"umount {mountPoint}");
    }

    public void RemountReadOnly(string mountPoint) => events.Add($"remount-ro {mountPoint}");

    public void Sync() => events.Add("sync");

    public void SetHostname(string name) => events.Add($"hostname {name}");

    public void BringUpLoopback() => events.Add("lo up");

    public void Reboot(RebootKind kind) => events.Add($"reboot {kind}");
}
