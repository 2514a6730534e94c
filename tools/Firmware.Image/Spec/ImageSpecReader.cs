using Firmware.Image.Decoding;
using Firmware.Image.Yaml;

namespace Firmware.Image.Spec;

/// <summary>
/// Reads an image spec in two stages: strict decoding (not YAML, unknown keys, duplicate keys and
/// wrong types are errors naming file, line, column and key), then semantic validation
/// (<see cref="ImageSpecValidator"/>). Nothing is built or pulled.
/// </summary>
public static class ImageSpecReader
{
    /// <summary>Parses and validates image spec text.</summary>
    /// <param name="yaml">The spec's text.</param>
    /// <param name="source">The file's name, for messages.</param>
    /// <exception cref="SpecException">The spec is malformed or invalid.</exception>
    public static ImageSpec Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrEmpty(source);
        var document = SpecYaml.Read<ImageSpecYaml>(yaml, source);
        return ImageSpecValidator.Validate(document.Value, new Checker(document));
    }

    /// <summary>Reads the image spec at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SpecException">The spec is malformed or invalid.</exception>
    public static ImageSpec Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return File.Exists(path) ? Parse(File.ReadAllText(path), path) : throw new FileNotFoundException($"{path} does not exist", path);
    }
}
