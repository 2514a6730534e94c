using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

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
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // mksquashfs refuses SOURCE_DATE_EPOCH together with -mkfs-time: only the command sets it.
        start.Environment.Remove("SOURCE_DATE_EPOCH");
        foreach (var (name, value) in command.Environment)
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception e)
        {
            throw new RootfsException(RootfsError.ToolMissing,
                $"cannot run {Executable}: {e.Message}; install the Debian package squashfs-tools (apt-get install squashfs-tools)", innerException: e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            IOException? broken = null;
            if (standardInput is not null)
            {
                try
                {
                    using var input = process.StandardInput.BaseStream;
                    standardInput(input);
                }
                catch (IOException e)
                {
                    broken = e; // mksquashfs stopped reading: its exit status and stderr say why
                }
            }

            process.WaitForExit();
            if (process.ExitCode != 0 || broken is not null)
            {
                var message = (stderr.Result + stdout.Result).Trim();
                throw new RootfsException(RootfsError.ToolFailed,
                    $"{Executable} failed with exit code {process.ExitCode}: {Tail(message)}", innerException: broken);
            }
        }
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : "..." + text[^2000..];

    [LibraryImport("libc", EntryPoint = "getuid")]
    private static partial uint GetUid();

    [LibraryImport("libc", EntryPoint = "getgid")]
    private static partial uint GetGid();
}
