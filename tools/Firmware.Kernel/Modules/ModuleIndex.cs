namespace Firmware.Kernel.Modules;

/// <summary>
/// Every module of one kernel version with its dependencies, and the modules built into the
/// kernel (<c>modules.builtin</c>). Built from <c>modules.dep</c> when the tree has one (see
/// <see cref="ModuleIndexFiles"/>), or from each module's ELF <c>.modinfo</c>.
/// </summary>
public sealed class ModuleIndex
{
    /// <summary>Creates an index.</summary>
    /// <param name="version">The kernel release the modules belong to.</param>
    /// <param name="modules">The loadable modules; names must be unique.</param>
    /// <param name="builtin">Names of modules compiled into the kernel.</param>
    public ModuleIndex(string version, IEnumerable<KernelModule> modules, IEnumerable<string> builtin)
    {
        ArgumentException.ThrowIfNullOrEmpty(version);
        ArgumentNullException.ThrowIfNull(modules);
        ArgumentNullException.ThrowIfNull(builtin);
        Version = version;
        var byName = new SortedDictionary<string, KernelModule>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            // depmod keeps the first of two same-named modules in search order; the kernel tree has none.
            byName.TryAdd(module.Name, module);
        }

        Modules = byName;
        Builtin = new SortedSet<string>(builtin.Select(ModuleName.Normalize), StringComparer.Ordinal);
    }

    /// <summary>The kernel release.</summary>
    public string Version { get; }

    /// <summary>Loadable modules by normalized name.</summary>
    public IReadOnlyDictionary<string, KernelModule> Modules { get; }

    /// <summary>Normalized names of built-in modules.</summary>
    public IReadOnlySet<string> Builtin { get; }

    /// <summary>Reads the tree's <c>modules.dep</c> when present, otherwise scans every module's <c>.modinfo</c>.</summary>
    public static ModuleIndex Load(KernelTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return File.Exists(Path.Combine(tree.ModulesDirectory, ModuleIndexFiles.Dep)) ? ModuleIndexFiles.Read(tree) : Scan(tree);
    }

    /// <summary>Builds the index from each module file's <c>.modinfo</c> (what depmod would derive), ignoring any <c>modules.dep</c>.</summary>
    /// <exception cref="KernelException">A module file is not a readable ELF object.</exception>
    public static ModuleIndex Scan(KernelTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var root = tree.ModulesDirectory;
        var modules = new List<KernelModule>();
        if (Directory.Exists(root))
        {
            var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Where(f => ModuleName.FromPath(f) is not null)
                .Order(StringComparer.Ordinal);
            foreach (var relative in files)
            {
                var info = ModInfoReader.Read(ModuleFile.ReadElf(Path.Combine(root, relative)), relative);
                modules.Add(new KernelModule(ModuleName.FromPath(relative)!, relative, info.Depends, info.SoftPre));
            }
        }

        return new ModuleIndex(tree.Version, modules, ModuleIndexFiles.ReadBuiltin(tree));
    }
}
