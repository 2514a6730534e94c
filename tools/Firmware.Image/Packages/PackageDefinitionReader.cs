using Firmware.Image.Decoding;
using Firmware.Image.Spec;
using Firmware.Image.Yaml;

namespace Firmware.Image.Packages;

/// <summary>
/// Reads pkg.yml strictly (unknown keys, duplicate keys and wrong types are errors naming file,
/// line, column and key), then validates it (<see cref="PackageDefinitionValidator"/>).
/// </summary>
public static class PackageDefinitionReader
{
    /// <summary>The package definition's file name inside a package directory.</summary>
    public const string FileName = "pkg.yml";

    /// <summary>Parses and validates pkg.yml text.</summary>
    /// <param name="yaml">The file's text.</param>
    /// <param name="source">The file's name, for messages.</param>
    /// <exception cref="SpecException">The text is malformed or invalid.</exception>
    public static PackageDefinition Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrEmpty(source);
        var document = SpecYaml.Read<PackageYaml>(yaml, source);
        return PackageDefinitionValidator.Validate(document.Value, new Checker(document));
    }

    /// <summary>Reads the pkg.yml of package directory <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">The directory has no pkg.yml.</exception>
    /// <exception cref="SpecException">The file is malformed or invalid.</exception>
    public static PackageDefinition Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var path = Path.Combine(directory, FileName);
        return File.Exists(path)
            ? Parse(File.ReadAllText(path), path)
            : throw new FileNotFoundException($"{directory} has no {FileName}", path);
    }
}
