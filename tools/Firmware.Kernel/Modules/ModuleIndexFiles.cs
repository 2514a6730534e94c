namespace Firmware.Kernel.Modules;

/// <summary>
/// The text indexes depmod(8) writes beside the modules (modules.dep(5)): <c>modules.dep</c>
/// lines <c>PATH: DEP_PATH DEP_PATH...</c>, <c>modules.builtin</c> one path per line,
/// <c>modules.softdep</c> lines <c>softdep NAME pre: A B post: C</c>.
/// </summary>
public static class ModuleIndexFiles
{
    /// <summary>The dependency file's name.</summary>
    public const string Dep = "modules.dep";

    /// <summary>The built-in list's name.</summary>
    public const string BuiltinList = "modules.builtin";

    /// <summary>The soft dependency file's name.</summary>
    public const string SoftDep = "modules.softdep";

    /// <summary>Reads <c>modules.dep</c>, <c>modules.builtin</c> and <c>modules.softdep</c> of <paramref name="tree"/>.</summary>
    /// <exception cref="KernelException"><see cref="KernelError.MalformedModuleIndex"/> naming the file and line.</exception>
    public static ModuleIndex Read(KernelTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var directory = tree.ModulesDirectory;
        var softPath = Path.Combine(directory, SoftDep);
        var soft = File.Exists(softPath) ? ParseSoftDep(File.ReadAllLines(softPath), softPath) : new Dictionary<string, IReadOnlyList<string>>();
        var depPath = Path.Combine(directory, Dep);
        var modules = ParseDep(File.ReadAllLines(depPath), depPath)
            .Select(m => soft.TryGetValue(m.Name, out var pre) ? m with { SoftPre = pre } : m);
        return new ModuleIndex(tree.Version, modules, ReadBuiltin(tree));
    }

    /// <summary>The names in <c>modules.builtin</c>, or none when the file is absent.</summary>
    public static IReadOnlyList<string> ReadBuiltin(KernelTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var path = Path.Combine(tree.ModulesDirectory, BuiltinList);
        return File.Exists(path) ? ParseBuiltin(File.ReadAllLines(path)) : [];
    }

    /// <summary>Parses <c>modules.dep</c> lines.</summary>
    /// <param name="lines">The file's lines.</param>
    /// <param name="file">The file name for messages.</param>
    public static IReadOnlyList<KernelModule> ParseDep(IEnumerable<string> lines, string file)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var modules = new List<KernelModule>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = colon > 0 ? ModuleName.FromPath(line[..colon]) : null;
            if (name is null)
            {
                throw new KernelException(KernelError.MalformedModuleIndex, $"line {number} is not 'MODULE.ko: DEPENDENCIES'", file, line);
            }

            var depends = new List<string>();
            foreach (var dependency in line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                depends.Add(ModuleName.FromPath(dependency)
                    ?? throw new KernelException(KernelError.MalformedModuleIndex, $"line {number}: '{dependency}' is not a module path", file, line));
            }

            modules.Add(new KernelModule(name, line[..colon], depends, []));
        }

        return modules;
    }

    /// <summary>Parses <c>modules.builtin</c> lines into module names.</summary>
    public static IReadOnlyList<string> ParseBuiltin(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return [.. lines.Select(l => l.Trim()).Where(l => l.Length > 0).Select(ModuleName.FromPath).OfType<string>()];
    }

    private static Dictionary<string, IReadOnlyList<string>> ParseSoftDep(IEnumerable<string> lines, string file)
    {
        var soft = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || words[0].StartsWith('#'))
            {
                continue;
            }

            if (words[0] != "softdep" || words.Length < 2)
            {
                throw new KernelException(KernelError.MalformedModuleIndex, $"line {number} is not 'softdep MODULE pre: ... post: ...'", file, line);
            }

            soft[ModuleName.Normalize(words[1])] = [.. ModInfoReader.SoftDependencies(string.Join(' ', words.Skip(2)))];
        }

        return soft;
    }
}
