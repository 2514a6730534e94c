namespace Firmware.Rootfs.Squashfs;

/// <summary>Runs mksquashfs. One implementation runs the real program; tests substitute a recorder to check command lines.</summary>
public interface ISquashfsTool
{
    /// <summary>The user and group ids mksquashfs runs as (a tar-built image's root gets them in squashfs-tools 4.5).</summary>
    (int Uid, int Gid) RunsAs { get; }

    /// <summary>Runs <paramref name="command"/>, feeding standard input from <paramref name="standardInput"/> when given.</summary>
    /// <exception cref="RootfsException"><see cref="RootfsError.ToolMissing"/> or <see cref="RootfsError.ToolFailed"/>.</exception>
    void Run(MksquashfsCommand command, Action<Stream>? standardInput);
}
