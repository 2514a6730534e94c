using System.Runtime.InteropServices;
using Firmware.HostTools;

namespace Firmware.Rootfs.Squashfs;

/// <summary>Runs the installed mksquashfs (Debian package squashfs-tools) as the current user.</summary>
public sealed partial class MksquashfsTool : ISquashfsTool
{
    /// <summary>Uses the mksquashfs on PATH.</summary>
    public MksquashfsTool() : this("mksquashfs") { }

    /// <summary>Uses <paramref name="executable"/>.</summary>
    public MksquashfsTool(string executable)
    {
        ArgumentException.ThrowIfNullOrEmpty(executable);
        Executable = executable;
    }

    /// <summary>The program run.</summary>
    public string Executable { get; }

    /// <inheritdoc/>
    public (int Uid, int Gid) RunsAs => ((int)GetUid(), (int)GetGid());

    /// <inheritdoc/>
    public void Run(MksquashfsCommand command, Action<Stream>? standardInput)
    {
        ArgumentNullException.ThrowIfNull(command);

        // mksquashfs refuses SOURCE_DATE_EPOCH together with -mkfs-time: only the command sets it.
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["SOURCE_DATE_EPOCH"] = null };
        foreach (var (name, value) in command.Environment)
        {
            environment[name] = value;
        }

        try
        {
            HostToolRunner.RunChecked(new HostToolCommand(new HostTool(Executable, "squashfs-tools"), command.Arguments)
            {
                Environment = environment,
                StandardInput = standardInput,
            });
        }
        catch (HostToolMissingException e)
        {
            throw new RootfsException(RootfsError.ToolMissing, e.Message, innerException: e);
        }
        catch (HostToolFailedException e)
        {
            throw new RootfsException(RootfsError.ToolFailed, e.Message, innerException: e);
        }
    }

    [LibraryImport("libc", EntryPoint = "getuid")]
    private static partial uint GetUid();

    [LibraryImport("libc", EntryPoint = "getgid")]
    private static partial uint GetGid();
}
