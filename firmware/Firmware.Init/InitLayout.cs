namespace Firmware.Init;

/// <summary>
/// Where the init finds and puts things, all below <see cref="Root"/>: "/" on a device, a scratch
/// directory when tests run fwinit with <c>--root</c>. The layout is docs/rootfs.md's
/// (<c>/containers/{onboot,onshutdown,services}/NAME</c>) and docs/agent.md's (<c>/run/fw-init</c>).
/// </summary>
public sealed record InitLayout
{
    /// <summary>A layout below <paramref name="root"/>.</summary>
    public InitLayout(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The root every other path is below.</summary>
    public string Root { get; }

    /// <summary><paramref name="absolute"/> (as the device sees it) below <see cref="Root"/>.</summary>
    public string PathOf(string absolute) => Path.Combine(Root, absolute.TrimStart('/'));

    /// <summary>The onboot containers, run in name order, each to completion.</summary>
    public string Onboot => PathOf("/containers/onboot");

    /// <summary>The onshutdown containers, run in name order on the way down.</summary>
    public string Onshutdown => PathOf("/containers/onshutdown");

    /// <summary>The services, supervised.</summary>
    public string Services => PathOf("/containers/services");

    /// <summary>The init's directory on tmpfs: the status table and the control socket.</summary>
    public string RunDirectory => PathOf("/run/fw-init");

    /// <summary>The service status table (docs/agent.md, "Service status").</summary>
    public string StatusFile => Path.Combine(RunDirectory, "services");

    /// <summary>The control socket (docs/agent.md, "Reboot requests").</summary>
    public string ControlSocket => Path.Combine(RunDirectory, "control");

    /// <summary>The OCI runtime (fw/runc's /usr/bin/runc).</summary>
    public string Runc => PathOf("/usr/bin/runc");

    /// <summary>The evdev input devices (<c>event0</c>, <c>event1</c>, ...), watched for the power button.</summary>
    public string InputDevices => PathOf("/dev/input");

    /// <summary>The host name file of the image spec's files section.</summary>
    public string Hostname => PathOf("/etc/hostname");
}
