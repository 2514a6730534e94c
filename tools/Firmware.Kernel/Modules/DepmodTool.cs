using Firmware.HostTools;

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
        try
        {
            HostToolRunner.RunChecked(new HostToolCommand(new HostTool(Executable, "kmod"), ["-b", tree.Root, tree.Version]));
        }
        catch (HostToolMissingException e)
        {
            throw new KernelException(KernelError.ToolMissing, e.Message, innerException: e);
        }
        catch (HostToolFailedException e)
        {
            throw new KernelException(KernelError.ToolFailed, e.Message, tree.Version, innerException: e);
        }
    }
}
