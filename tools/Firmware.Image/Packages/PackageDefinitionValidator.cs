using Firmware.Image.Decoding;
using Firmware.Image.Spec;
using Firmware.Image.Yaml;

namespace Firmware.Image.Packages;

/// <summary>The semantic stage of pkg.yml: names, architectures, image config and files.</summary>
internal static class PackageDefinitionValidator
{
    // OCI image-spec config.md defers to Go's GOARCH values.
    private static readonly string[] KnownArchitectures = ["amd64", "arm64", "arm", "386", "riscv64", "ppc64le", "s390x"];

    public static PackageDefinition Validate(PackageYaml raw, Checker check)
    {
        var name = raw.Name ?? throw check.AtKey(SpecError.MissingKey, raw, "name", "name", "is required: the image's repository name, such as heartbeat");
        if (!ImageReference.TryParse(name, out var reference, out var problem) || reference.Tag is not null || reference.Digest is not null || reference.Domain is not null)
        {
            throw check.AtKey(SpecError.InvalidValue, raw, "name", "name", problem ?? $"'{name}' must be a repository path alone, without registry, tag or digest");
        }

        var architectures = raw.Architectures ?? throw check.AtKey(SpecError.MissingKey, raw, "architectures", "architectures", $"is required: any of {string.Join(", ", KnownArchitectures)}");
        if (architectures.Count == 0)
        {
            throw check.AtKey(SpecError.InvalidValue, raw, "architectures", "architectures", "is empty");
        }

        for (var i = 0; i < architectures.Count; i++)
        {
            var arch = architectures[i];
            if (!KnownArchitectures.Contains(arch) || architectures.IndexOf(arch) != i)
            {
                throw check.At(SpecError.InvalidValue, arch, raw, "architectures", $"architectures[{i}]",
                    KnownArchitectures.Contains(arch) ? $"{arch} is listed twice" : $"'{arch}' is not one of {string.Join(", ", KnownArchitectures)}");
            }
        }

        return new PackageDefinition
        {
            Source = check.Source,
            Name = name,
            Architectures = [.. architectures],
            Entrypoint = Arguments(raw, raw.Entrypoint, "entrypoint", check),
            Cmd = Arguments(raw, raw.Cmd, "cmd", check),
            Env = Env(raw, check),
            Workdir = raw.Workdir is { } workdir
                ? Paths.IsAbsoluteAndClean(workdir) ? workdir : throw check.AtKey(SpecError.InvalidPath, raw, "workdir", "workdir", Paths.Problem(workdir))
                : null,
            User = raw.User is { } user ? User(raw, user, check) : null,
            Config = raw.Config is { } config ? RuntimeOptionsValidator.Validate(config, "config", NameScope.Open, check) : RuntimeOptions.Empty,
            Files = Files(raw, check),
        };
    }

    private static List<string>? Arguments(PackageYaml raw, List<string>? list, string key, Checker check)
    {
        if (list is null)
        {
            return null;
        }

        var empty = list.FindIndex(string.IsNullOrEmpty);
        return empty < 0 ? [.. list] : throw check.At(SpecError.InvalidValue, list[empty], raw, key, $"{key}[{empty}]", "is empty");
    }

    private static List<string>? Env(PackageYaml raw, Checker check)
    {
        var env = raw.Env;
        if (env is null)
        {
            return null;
        }

        var bad = env.FindIndex(e => e.IndexOf('=', StringComparison.Ordinal) <= 0);
        return bad < 0 ? [.. env] : throw check.At(SpecError.InvalidValue, env[bad], raw, "env", $"env[{bad}]", $"'{env[bad]}' is not NAME=VALUE");
    }

    // OCI image-spec config.md, User: "user", "uid", "user:group", "uid:gid", "uid:group", "user:gid".
    private static string User(PackageYaml raw, string user, Checker check)
    {
        var parts = user.Split(':');
        var valid = parts.Length is 1 or 2 && parts.All(p => p.Length > 0 && (p.All(char.IsAsciiDigit) ? uint.TryParse(p, out _) : Names.IsName(p)));
        return valid ? user : throw check.AtKey(SpecError.InvalidValue, raw, "user", "user", $"'{user}' is not uid[:gid] or user[:group]");
    }

    private static List<PackageFile> Files(PackageYaml raw, Checker check)
    {
        var files = new List<PackageFile>();
        var destinations = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (raw.Files?.Count ?? 0); i++)
        {
            var f = raw.Files![i] ?? throw check.AtKey(SpecError.InvalidValue, raw, "files", $"files[{i}]", "is empty");
            var at = $"files[{i}]";
            var source = f.Source ?? throw check.At(SpecError.MissingKey, f, raw, "files", $"{at}.source", "is required: a path in the package directory");
            if (source.Length == 0 || source.StartsWith('/') || source.Split('/').Contains(".."))
            {
                throw check.AtKey(SpecError.InvalidPath, f, "source", $"{at}.source", $"'{source}' must be a relative path inside the package directory");
            }

            var destination = f.Destination ?? throw check.At(SpecError.MissingKey, f, raw, "files", $"{at}.destination", "is required: an absolute path in the image");
            if (!Paths.IsAbsoluteAndClean(destination) || destination == "/")
            {
                throw check.AtKey(SpecError.InvalidPath, f, "destination", $"{at}.destination", destination == "/" ? "'/' is the image's root, not a file" : Paths.Problem(destination));
            }

            if (!destinations.Add(destination.TrimEnd('/')))
            {
                throw check.AtKey(SpecError.DuplicateName, f, "destination", $"{at}.destination", $"{destination} is the destination of another file");
            }

            uint? mode = f.Mode is { } text
                ? FileModes.TryParse(text, out var m) ? m : throw check.AtKey(SpecError.InvalidMode, f, "mode", $"{at}.mode", $"'{text}' is not an octal mode such as 0755")
                : null;
            files.Add(new PackageFile(source, destination, Id(f, f.Uid, "uid", at, check), Id(f, f.Gid, "gid", at, check), mode));
        }

        return files;
    }

    private static uint Id(PackageFileYaml f, int? id, string key, string at, Checker check) =>
        id switch
        {
            null => 0,
            >= 0 => (uint)id.Value,
            _ => throw check.AtKey(SpecError.InvalidValue, f, key, $"{at}.{key}", $"{id} is negative"),
        };
}
