using Firmware.Image.Decoding;
using Firmware.Yaml;
using Firmware.Image.Yaml;
using Firmware.Versioning;

namespace Firmware.Image.Spec;

// files: and firmware:.
internal static partial class ImageSpecValidator
{
    // LinuxKit's defaults (build.go, filesystem): files 0600, directories 0700.
    private const uint DefaultFileMode = 0b110_000_000;
    private const uint DefaultDirectoryMode = 0b111_000_000;

    private static List<FileEntry> Files(ImageSpecYaml raw, NameScope names, Checker check)
    {
        var result = new List<FileEntry>();
        var paths = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (raw.Files?.Count ?? 0); i++)
        {
            var f = raw.Files![i] ?? throw check.AtKey(SpecError.InvalidValue, raw, "files", $"files[{i}]", "is empty");
            var at = $"files[{i}]";
            var written = f.Path ?? throw check.At(SpecError.MissingKey, f, raw, "files", $"{at}.path", "is required");
            // LinuxKit writes paths relative to the root (etc/hostname) and strips a leading '/'.
            var path = "/" + written.TrimStart('/');
            if (written.Length == 0 || path == "/" || !Paths.IsAbsoluteAndClean(path))
            {
                throw check.AtKey(SpecError.InvalidPath, f, "path", $"{at}.path", written.Length == 0 || path == "/" ? "names no file" : Paths.Problem(path));
            }

            path = path.TrimEnd('/');
            if (!paths.Add(path))
            {
                throw check.AtKey(SpecError.DuplicateName, f, "path", $"{at}.path", $"{path} is already added by another entry");
            }

            var kinds = new List<(FileKind Kind, string Key)>();
            if (f.Contents is not null) kinds.Add((FileKind.Contents, "contents"));
            if (f.Source is not null) kinds.Add((FileKind.Source, "source"));
            if (f.Directory == true) kinds.Add((FileKind.Directory, "directory"));
            if (f.Symlink is not null) kinds.Add((FileKind.Symlink, "symlink"));
            if (f.Metadata is not null) kinds.Add((FileKind.Metadata, "metadata"));
            if (kinds.Count != 1)
            {
                var problem = kinds.Count == 0
                    ? "says nothing to write: give exactly one of contents, source, directory, symlink or metadata"
                    : $"gives {string.Join(" and ", kinds.Select(k => k.Key))}: give exactly one";
                throw check.At(SpecError.ConflictingKeys, f, raw, "files", at, problem);
            }

            var kind = kinds[0].Kind;
            if (kind == FileKind.Metadata && f.Metadata is not ("yaml" or "json"))
            {
                throw check.AtKey(SpecError.InvalidValue, f, "metadata", $"{at}.metadata", $"'{f.Metadata}' is not yaml or json");
            }

            if (kind is FileKind.Source or FileKind.Symlink && (kind == FileKind.Source ? f.Source : f.Symlink)!.Length == 0)
            {
                throw check.AtKey(SpecError.InvalidValue, f, kinds[0].Key, $"{at}.{kinds[0].Key}", "is empty");
            }

            var mode = f.Mode is { } text
                ? FileModes.TryParse(text, out var m) ? m : throw check.AtKey(SpecError.InvalidMode, f, "mode", $"{at}.mode", $"'{text}' is not an octal mode such as 0644")
                : kind == FileKind.Directory ? DefaultDirectoryMode : DefaultFileMode;
            result.Add(new FileEntry
            {
                Path = path,
                Kind = kind,
                Contents = f.Contents,
                Source = f.Source,
                Symlink = f.Symlink,
                Metadata = f.Metadata,
                Optional = f.Optional ?? false,
                Mode = mode,
                Uid = FileOwner(f, f.Uid, "uid", at, names, check),
                Gid = FileOwner(f, f.Gid, "gid", at, names, check),
            });
        }

        return result;
    }

    private static IdReference FileOwner(FileYaml f, string? text, string key, string at, NameScope names, Checker check) =>
        text is null ? IdReference.Root
        : Ids.Parse(text, names, out var error, out var problem) ?? throw check.AtKey(error, f, key, $"{at}.{key}", problem);

    private static FirmwareSection FirmwareOf(FirmwareYaml firmware, Checker check)
    {
        FirmwareVersion? version = null;
        if (firmware.Version is { } text && !FirmwareVersion.TryParse(text, out version))
        {
            throw check.AtKey(SpecError.InvalidValue, firmware, "version", "firmware.version", $"'{text}' is not a version such as 1.2.0");
        }

        var compatible = firmware.Compatible ?? [];
        var bad = compatible.FindIndex(c => !Names.IsName(c));
        if (bad >= 0)
        {
            throw check.At(SpecError.InvalidValue, compatible[bad], firmware, "compatible", $"firmware.compatible[{bad}]", $"'{compatible[bad]}' is not a board name (a folder under boards/)");
        }

        if (firmware.Trust is { Length: 0 })
        {
            throw check.AtKey(SpecError.InvalidPath, firmware, "trust", "firmware.trust", "is empty: give the trust file's path, relative to the spec");
        }

        return new FirmwareSection(version, [.. compatible], firmware.Trust, firmware.Data is { } data ? DataOf(firmware, data, check) : null);
    }

    private static DataPartition DataOf(FirmwareYaml firmware, DataPartitionYaml data, Checker check)
    {
        var size = data.Size is { } text
            ? ByteSizes.TryParse(text, out var bytes) && bytes > 0 ? bytes : throw check.AtKey(SpecError.InvalidValue, data, "size", "firmware.data.size", $"'{text}' is not a size such as 256M or 2G")
            : throw check.AtKey(SpecError.MissingKey, firmware, "data", "firmware.data.size", "is required, such as 256M");
        var filesystem = data.Filesystem ?? DataPartition.DefaultFilesystem;
        if (filesystem is not ("ext4" or "f2fs"))
        {
            throw check.AtKey(SpecError.InvalidValue, data, "filesystem", "firmware.data.filesystem", $"'{filesystem}' is not ext4 or f2fs");
        }

        var mount = data.Mount ?? DataPartition.DefaultMount;
        return Paths.IsAbsoluteAndClean(mount) && mount != "/"
            ? new DataPartition(size, filesystem, mount)
            : throw check.AtKey(SpecError.InvalidPath, data, "mount", "firmware.data.mount", mount == "/" ? "the data partition cannot be the root" : Paths.Problem(mount));
    }
}
