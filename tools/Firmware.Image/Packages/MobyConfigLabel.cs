using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Firmware.Image.Packages;

/// <summary>
/// The <c>org.mobyproject.config</c> label of a package image: pkg.yml's <c>config:</c> mapping
/// as JSON, key for key, as LinuxKit's <c>pkg build</c> writes its build.yml <c>config:</c>. The
/// keys stay LinuxKit's, so the image spec reader decodes the label with the same schema it
/// reads <c>config:</c> with. Plain scalars take their YAML 1.2 core-schema type (null, bool,
/// integer, float); quoted ones stay strings. Key order is the file's, so the label, and the
/// image digest, are the same for the same pkg.yml.
/// </summary>
public static partial class MobyConfigLabel
{
    /// <summary>The label's key.</summary>
    public const string Key = "org.mobyproject.config";

    /// <summary>The label for pkg.yml text <paramref name="yaml"/> (already validated): <c>{}</c> when it has no <c>config:</c>.</summary>
    public static string FromPackageYaml(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var config = root.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "config" }).Value;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, config is null or YamlScalarNode { Style: ScalarStyle.Plain, Value: "" or "~" or "null" } ? new YamlMappingNode() : config);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    writer.WritePropertyName(((YamlScalarNode)key).Value ?? "");
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                throw new InvalidOperationException($"unexpected YAML node {node.NodeType} at {node.Start}");
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            writer.WriteStringValue(value);
        }
        else if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            writer.WriteNullValue();
        }
        else if (value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            writer.WriteBooleanValue(value[0] is 't' or 'T');
        }
        else if (IntegerPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            writer.WriteNumberValue(integer);
        }
        else if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            writer.WriteNumberValue(real);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    // YAML 1.2 core schema, section 10.3.2 (octal and hex forms stay strings: LinuxKit writes modes as quoted text).
    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
