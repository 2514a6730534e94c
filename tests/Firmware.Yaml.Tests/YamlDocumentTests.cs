namespace Firmware.Yaml.Tests;

[Trait("Category", "Unit")]
public sealed class YamlDocumentTests
{
    private static readonly StrictYamlReader Reader = new(new SampleYamlContext());

    [Fact]
    public void Positions_of_keys_mappings_lists_and_strings_carry_line_and_column()
    {
        var document = Reader.Read<ServiceYaml>("name: web\nlimits:\n  memory-mib: 64\ntags: [a, bb]\n", "svc.yml");
        var value = document.Value;

        Assert.Equal(new YamlPosition(3, 3), document.PositionOf(value.Limits));
        Assert.Equal(new YamlPosition(3, 3), document.PositionOf(value.Limits, "memory-mib"));
        Assert.Equal(new YamlPosition(4, 1), document.PositionOf(value, "tags"));
        Assert.Equal(new YamlPosition(4, 7), document.PositionOf(value.Tags));
        Assert.Equal(new YamlPosition(4, 11), document.PositionOf(value.Tags![1]));
        Assert.Equal(new YamlPosition(1, 7), document.PositionOf(value.Name));
    }

    [Fact]
    public void An_absent_key_falls_back_to_its_mapping_and_an_unknown_node_has_no_position()
    {
        var document = Reader.Read<ServiceYaml>("name: web\nlimits:\n  memory-mib: 64\n", "svc.yml");

        Assert.Equal(new YamlPosition(3, 3), document.PositionOf(document.Value.Limits, "absent"));
        Assert.Null(document.PositionOf(new object()));
        Assert.Null(document.PositionOf(null, "name"));
        Assert.Equal(document.Line, document.LineOf(new object()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void A_text_with_no_document_reads_as_null(string text)
    {
        Assert.Null(Reader.TryRead<ServiceYaml>(text, "svc.yml"));
        Assert.Equal(YamlError.Syntax, Assert.Throws<YamlConfigException>(() => Reader.Read<ServiceYaml>(text, "svc.yml")).Error);
    }

    [Theory]
    [InlineData("- web\n", 1, 1)]
    [InlineData("just text\n", 1, 1)]
    [InlineData("---\n  [a]\n", 2, 3)]
    public void The_top_level_must_be_a_mapping(string text, int line, int column)
    {
        var e = Assert.Throws<YamlConfigException>(() => Reader.TryRead<ServiceYaml>(text, "svc.yml"));

        Assert.Equal((YamlError.InvalidValue, line, column, null), (e.Error, e.Line, e.Column, e.Key));
        Assert.Equal($"svc.yml:{line}:{column}: the top level must be a mapping of keys to values", e.Message);
        Assert.Equal("the top level must be a mapping of keys to values", e.Problem);
    }

    [Theory]
    [InlineData("name: [web\n", 2, 1)]
    [InlineData("name: a\n---\nname: b\n", 2, 1)]
    [InlineData("limits:\n  memory-mib: 1\n cmdline: b\n", 3, 2)]
    public void Syntax_errors_carry_the_column(string text, int line, int column)
    {
        var e = Assert.Throws<YamlConfigException>(() => Reader.Read<ServiceYaml>(text, "svc.yml"));

        Assert.Equal((YamlError.Syntax, line, column), (e.Error, e.Line, e.Column));
        Assert.StartsWith($"svc.yml:{line}:{column}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_is_the_message_without_the_place()
    {
        var e = Assert.Throws<YamlConfigException>(() => Reader.Read<ServiceYaml>("name: web\nname: db\n", "svc.yml"));

        Assert.Equal("svc.yml:2:1: name: appears twice in one mapping", e.Message);
        Assert.Equal("appears twice in one mapping", e.Problem);
    }
}
