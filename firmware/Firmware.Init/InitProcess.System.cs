using Firmware.Init.Boot;
using Firmware.Init.Shutdown;

namespace Firmware.Init;

/// <summary>The boot's system steps and the way down's unmounts: each failure is reported, none stops the init.</summary>
public sealed partial class InitProcess
{
    private void PrepareSystem()
    {
        foreach (var mount in KernelMount.Boot)
        {
            var target = _layout.PathOf(mount.Target);
            Try($"mount {mount.Type} on {target}", () => _filesystems.Mount(mount with { Target = target }));
        }

        var hostname = ReadHostname();
        if (hostname is not null && Try($"set the host name {hostname}", () => _host.SetHostname(hostname)))
        {
            _log.Line($"hostname {hostname}");
        }

        if (Try("bring up lo", _host.BringUpLoopback))
        {
            _log.Line("lo up");
        }
    }

    private string? ReadHostname()
    {
        try
        {
            var name = File.ReadLines(_layout.Hostname).FirstOrDefault()?.Trim();
            return string.IsNullOrEmpty(name) ? null : name;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.Line($"no host name ({_layout.Hostname}: {e.Message})");
            return null;
        }
    }

    // sync, then unmount what holds data, remounting read-only what is busy, then sync again.
    private void UnmountAll()
    {
        _filesystems.Sync();
        IReadOnlyList<MountEntry> mounts = [];
        Try("read the mount table", () => mounts = _filesystems.Read());
        foreach (var mountPoint in UnmountPlanner.Plan(mounts, _layout.Root))
        {
            try
            {
                _filesystems.Unmount(mountPoint);
                _log.Line($"unmounted {mountPoint}");
            }
            catch (IOException busy)
            {
                if (Try($"remount {mountPoint} read-only", () => _filesystems.RemountReadOnly(mountPoint)))
                {
                    _log.Line($"remounted {mountPoint} read-only ({busy.Message})");
                }
            }
        }

        if (mounts.LastOrDefault(m => m.MountPoint == _layout.Root) is { ReadOnly: false } root
            && Try($"remount {root.MountPoint} read-only", () => _filesystems.RemountReadOnly(root.MountPoint)))
        {
            _log.Line($"remounted {root.MountPoint} read-only");
        }

        _filesystems.Sync();
    }

    private bool Try(string what, Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (IOException e)
        {
            _log.Line($"warning: cannot {what}: {e.Message}");
            return false;
        }
    }
}
