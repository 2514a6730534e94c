namespace Firmware.Kernel.Modules;

/// <summary>
/// Resolves requested modules to the closure an initramfs must carry, in load order
/// (a depth-first walk that emits a module after its dependencies, as modprobe loads them).
/// Hard dependencies must exist; <c>softdep pre:</c> modules are added when the kernel has them.
/// </summary>
public static class ModuleResolver
{
    /// <summary>The filesystem of the slot root: without it no image boots.</summary>
    public const string RootFilesystem = "squashfs";

    /// <summary>Resolves <paramref name="requested"/> against <paramref name="index"/>.</summary>
    /// <param name="index">The kernel's modules.</param>
    /// <param name="requested">Module names, in the order the caller prefers among independent ones.</param>
    /// <exception cref="KernelException">
    /// <see cref="KernelError.RootFilesystemModuleMissing"/> when squashfs is neither a module nor built in;
    /// <see cref="KernelError.ModuleMissing"/> for any other missing module, naming the kernel version and who needed it.
    /// </exception>
    public static ModuleLoadPlan Resolve(ModuleIndex index, IEnumerable<string> requested)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(requested);
        if (!index.Modules.ContainsKey(RootFilesystem) && !index.Builtin.Contains(RootFilesystem))
        {
            throw new KernelException(KernelError.RootFilesystemModuleMissing,
                $"kernel {index.Version} has no module for the root filesystem: no {RootFilesystem}.ko and {RootFilesystem} is not in modules.builtin",
                index.Version, RootFilesystem);
        }

        var order = new List<KernelModule>();
        var builtin = new SortedSet<string>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in requested.Select(ModuleName.Normalize))
        {
            Visit(index, name, null, required: true, order, builtin, done, visiting);
        }

        return new ModuleLoadPlan(index.Version, order, [.. builtin]);
    }

    private static void Visit(ModuleIndex index, string name, string? neededBy, bool required, List<KernelModule> order,
        SortedSet<string> builtin, HashSet<string> done, HashSet<string> visiting)
    {
        if (done.Contains(name) || visiting.Contains(name))
        {
            return; // a cycle cannot load with insmod either; depmod reports those, the kernel tree has none
        }

        if (!index.Modules.TryGetValue(name, out var module))
        {
            if (index.Builtin.Contains(name))
            {
                builtin.Add(name);
                done.Add(name);
                return;
            }

            if (!required)
            {
                return;
            }

            var who = neededBy is null ? "requested" : $"needed by {neededBy}";
            throw new KernelException(KernelError.ModuleMissing,
                $"kernel {index.Version} has no module '{name}' ({who}) and does not build it in", index.Version, name);
        }

        visiting.Add(name);
        foreach (var dependency in module.SoftPre)
        {
            Visit(index, dependency, name, required: false, order, builtin, done, visiting);
        }

        foreach (var dependency in module.Depends)
        {
            Visit(index, dependency, name, required: true, order, builtin, done, visiting);
        }

        visiting.Remove(name);
        done.Add(name);
        order.Add(module);
    }
}
