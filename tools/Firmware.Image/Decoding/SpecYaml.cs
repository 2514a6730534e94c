using Firmware.Image.Spec;
using Firmware.Image.Yaml;
using Firmware.Yaml;

namespace Firmware.Image.Decoding;

/// <summary>
/// The decoding stage of image specs, pkg.yml and image labels: <see cref="StrictYamlReader"/>
/// (one document, a mapping at the top, no unknown or duplicate keys, values of the right type),
/// with its errors reported under <see cref="SpecError"/> codes, so the CLI's exit code and the
/// JSON error object stay those of a spec. It decides nothing about meaning: that is the validators' stage.
/// </summary>
internal static class SpecYaml
{
    /// <summary>Decodes <paramref name="text"/> into <typeparamref name="T"/>, recording where every node and key was written.</summary>
    /// <exception cref="SpecException">The text is not YAML, is empty, or does not fit the schema.</exception>
    public static YamlDocument<T> Read<T>(string text, string source)
        where T : class
    {
        try
        {
            return new StrictYamlReader(new ImageYamlContext()).TryRead<T>(text, source)
                ?? throw new SpecException(SpecError.MissingKey, source, 0, 0, null, "the file is empty");
        }
        catch (YamlConfigException e)
        {
            throw new SpecException(CodeOf(e.Error), e.File, e.Line, e.Column, e.Key, e.Problem, e);
        }
    }

    // Decoding only ever finds a value of the wrong YAML type: range and meaning are the validators'.
    private static SpecError CodeOf(YamlError error) => error switch
    {
        YamlError.Syntax => SpecError.Syntax,
        YamlError.UnknownKey => SpecError.UnknownKey,
        YamlError.DuplicateKey => SpecError.DuplicateKey,
        YamlError.InvalidValue => SpecError.WrongType,
        _ => SpecError.MissingKey,
    };
}
