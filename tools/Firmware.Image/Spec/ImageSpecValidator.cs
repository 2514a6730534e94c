using Firmware.Image.Decoding;
using Firmware.Image.Yaml;

namespace Firmware.Image.Spec;

/// <summary>
/// The semantic stage of an image spec: references parse, names are unique, options are sane
/// (<see cref="RuntimeOptionsValidator"/>), files are confined and unambiguous, and the firmware
/// section is complete. The checks LinuxKit makes at build time (NewConfig, ConfigToOCI,
/// filesystem in build.go) are made here, before anything is pulled.
/// </summary>
internal static partial class ImageSpecValidator
{
    public static ImageSpec Validate(ImageSpecYaml raw, Checker check)
    {
        var volumes = Volumes(raw, check);
        var names = new NameScope(ContainerNames(raw, check), volumes.Select(v => v.Name).ToHashSet(StringComparer.Ordinal));
        return new ImageSpec
        {
            Source = check.Source,
            Kernel = raw.Kernel is { } kernel ? Kernel(raw, kernel, check) : null,
            Init = raw.Init?.Select((r, i) => Reference(r, raw, "init", $"init[{i}]", check)).ToList() ?? [],
            Onboot = Containers(raw, raw.Onboot, "onboot", ContainerStage.Onboot, names, check),
            Onshutdown = Containers(raw, raw.Onshutdown, "onshutdown", ContainerStage.Onshutdown, names, check),
            Services = Containers(raw, raw.Services, "services", ContainerStage.Service, names, check),
            Files = Files(raw, names, check),
            Volumes = volumes,
            ContentTrust = raw.Trust is { } trust ? new ContentTrust(trust.Image ?? [], trust.Org ?? []) : null,
            Firmware = raw.Firmware is { } firmware ? FirmwareOf(firmware, check) : null,
        };
    }

    private static ImageReference Reference(string? text, object owner, string yamlKey, string path, Checker check) =>
        ImageReference.TryParse(text, out var reference, out var problem)
            ? reference
            : throw check.At(SpecError.InvalidReference, text, owner, yamlKey, path, problem);

    private static KernelSpec Kernel(ImageSpecYaml raw, KernelYaml kernel, Checker check)
    {
        var image = kernel.Image is null
            ? throw check.AtKey(SpecError.MissingKey, raw, "kernel", "kernel.image", "is required: the image that holds the kernel")
            : Reference(kernel.Image, kernel, "image", "kernel.image", check);
        return new KernelSpec(
            image,
            kernel.Cmdline ?? "",
            kernel.Binary is { } binary ? InImage(binary, kernel, "binary", check) : KernelSpec.DefaultBinary,
            kernel.Tar is { } tar ? tar == "none" ? tar : InImage(tar, kernel, "tar", check) : KernelSpec.DefaultTar,
            kernel.Ucode is { } ucode ? InImage(ucode, kernel, "ucode", check) : null);
    }

    // A file inside the kernel image: relative (or absolute) but never climbing out.
    private static string InImage(string path, KernelYaml kernel, string key, Checker check) =>
        path.Length > 0 && Paths.IsAbsoluteAndClean("/" + path.TrimStart('/'))
            ? path
            : throw check.AtKey(SpecError.InvalidPath, kernel, key, $"kernel.{key}", $"'{path}' is not a path inside the kernel image");

    private static HashSet<string> ContainerNames(ImageSpecYaml raw, Checker check)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (list, key) in new[] { (raw.Onboot, "onboot"), (raw.Onshutdown, "onshutdown"), (raw.Services, "services") })
        {
            for (var i = 0; i < (list?.Count ?? 0); i++)
            {
                var entry = list![i] ?? throw check.AtKey(SpecError.InvalidValue, raw, key, $"{key}[{i}]", "is empty");
                var name = entry.Name ?? throw check.At(SpecError.MissingKey, entry, raw, key, $"{key}[{i}].name", "is required");
                if (!Names.IsName(name))
                {
                    throw check.AtKey(SpecError.InvalidValue, entry, "name", $"{key}[{i}].name", $"'{name}' is not a container name: lower-case letters, digits, '_' and '-', at most 63");
                }

                // LinuxKit insists only on unique services; but names are also ids (uid: NAME) and
                // directory names for every section, so here they are unique across all three.
                if (!names.Add(name))
                {
                    throw check.AtKey(SpecError.DuplicateName, entry, "name", $"{key}[{i}].name", $"another container is already named '{name}'");
                }
            }
        }

        return names;
    }

    private static List<ContainerSpec> Containers(ImageSpecYaml raw, List<ContainerYaml>? list, string key, ContainerStage stage, NameScope names, Checker check) =>
        list?.Select((entry, i) =>
        {
            var at = $"{key}[{i}]";
            var image = entry.Image is null
                ? throw check.At(SpecError.MissingKey, entry, raw, key, $"{at}.image", "is required")
                : Reference(entry.Image, entry, "image", $"{at}.image", check);
            return new ContainerSpec(entry.Name!, image, stage, RuntimeOptionsValidator.Validate(entry, at, names, check));
        }).ToList() ?? [];

    private static List<VolumeSpec> Volumes(ImageSpecYaml raw, Checker check)
    {
        var result = new List<VolumeSpec>();
        for (var i = 0; i < (raw.Volumes?.Count ?? 0); i++)
        {
            var v = raw.Volumes![i] ?? throw check.AtKey(SpecError.InvalidValue, raw, "volumes", $"volumes[{i}]", "is empty");
            var at = $"volumes[{i}]";
            var name = v.Name ?? throw check.At(SpecError.MissingKey, v, raw, "volumes", $"{at}.name", "is required");
            if (!Names.IsName(name))
            {
                throw check.AtKey(SpecError.InvalidValue, v, "name", $"{at}.name", $"'{name}' is not a volume name: lower-case letters, digits, '_' and '-'");
            }

            if (result.Any(r => r.Name == name))
            {
                throw check.AtKey(SpecError.DuplicateName, v, "name", $"{at}.name", $"another volume is already named '{name}'");
            }

            var format = v.Format ?? "filesystem";
            if (format is not ("oci" or "filesystem"))
            {
                throw check.AtKey(SpecError.InvalidValue, v, "format", $"{at}.format", $"'{format}' is not oci or filesystem");
            }

            var platforms = v.Platforms ?? [];
            var bad = platforms.FindIndex(p => p.Split('/') is not [{ Length: > 0 }, { Length: > 0 }] and not [{ Length: > 0 }, { Length: > 0 }, { Length: > 0 }]);
            if (bad >= 0)
            {
                throw check.At(SpecError.InvalidValue, platforms[bad], v, "platforms", $"{at}.platforms[{bad}]", $"'{platforms[bad]}' is not os/arch[/variant]");
            }

            var image = v.Image is { } text ? Reference(text, v, "image", $"{at}.image", check) : null;
            result.Add(new VolumeSpec(name, image, v.Readonly ?? false, format, [.. platforms]));
        }

        return result;
    }
}
