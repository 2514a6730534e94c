using System.ComponentModel;
using System.Diagnostics;

namespace Firmware.Kernel.Modules;

/// <summary>
/// Runs the host's depmod(8) (Debian package kmod) on an unpacked tree: <c>depmod -b ROOT VERSION</c>
/// writes <c>modules.dep</c> and friends into <c>ROOT/lib/modules/VERSION</c>. The build itself reads
/// <c>.modinfo</c> and needs no depmod (docs/kernel.md); this is the peer it is checked against.
/// </summary>
public sealed class DepmodTool
{
    /// <summary>Uses the depmod on PATH.</summary>
    public DepmodTool() : this("depmod") { }

    /// <summary>Uses <paramref name="executable"/>.</summary>
    public DepmodTool(string executable)
    {
        ArgumentException.ThrowIfNullOrEmpty(executable);
        Executable = executable;
    }

    /// <summary>The program run.</summary>
    public string Executable { get; }

    /// <summary>Writes the module indexes of <paramref name="tree"/>.</summary>
    /// <exception cref="KernelException"><see cref="KernelError.ToolMissing"/> naming kmod, or <see cref="KernelError.ToolFailed"/>.</exception>
    public void Run(KernelTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-b", tree.Root, tree.Version })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception e)
        {
            throw new KernelException(KernelError.ToolMissing,
                $"cannot run {Executable}: {e.Message}; install the Debian package kmod (apt-get install kmod)", innerException: e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new KernelException(KernelError.ToolFailed,
                    $"{Executable} failed with exit code {process.ExitCode}: {(stderr.Result + stdout.Result).Trim()}", tree.Version);
            }
        }
    }
}
