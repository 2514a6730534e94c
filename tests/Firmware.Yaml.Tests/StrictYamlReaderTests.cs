namespace Firmware.Yaml.Tests;

[Trait("Category", "Unit")]
public sealed class StrictYamlReaderTests
{
    private static readonly StrictYamlReader Reader = new(new SampleYamlContext());

    [Fact]
    public void Reads_a_whole_document_and_remembers_where_mappings_start()
    {
        var document = Reader.Read<ServiceYaml>("name: web\nport: 80\nlimits:\n  memory-mib: 64\ntags: [a, b]\n", "svc.yml");

        Assert.Equal("web", document.Value.Name);
        Assert.Equal(80, document.Value.Port);
        Assert.Equal(64, document.Value.Limits!.MemoryMib);
        Assert.Equal(["a", "b"], document.Value.Tags!);
        Assert.Equal(1, document.Line);
        Assert.Equal(4, document.LineOf(document.Value.Limits));
        Assert.Equal("svc.yml:4:3: limits.memory-mib: too big", document.Invalid(document.Value.Limits, "limits.memory-mib", "too big").Message);
    }

    [Fact]
    public void Reads_one_section_and_skips_the_others_unread()
    {
        var text = "other: { anything: [1, 2, {x: y}] }\nservice:\n  name: web\n";

        var document = Reader.ReadSection<ServiceYaml>(text, "board.yml", "service");

        Assert.NotNull(document);
        Assert.Equal("web", document.Value.Name);
        Assert.Equal(2, document.Line);
        Assert.Null(Reader.ReadSection<ServiceYaml>(text, "board.yml", "absent"));
        Assert.Null(Reader.ReadSection<ServiceYaml>("", "board.yml", "service"));
    }

    [Theory]
    [InlineData("name: web\nprot: 80\n", YamlError.UnknownKey, 2, "prot")]
    [InlineData("name: web\nlimits:\n  memory_mib: 1\n", YamlError.UnknownKey, 3, "memory_mib")]
    [InlineData("name: web\nname: db\n", YamlError.DuplicateKey, 2, "name")]
    [InlineData("name: web\nport: eighty\n", YamlError.InvalidValue, 2, "port")]
    [InlineData("name: [web\n", YamlError.Syntax, 2, null)]
    [InlineData("name: a\n---\nname: b\n", YamlError.Syntax, 2, null)]
    [InlineData("", YamlError.Syntax, 0, null)]
    [InlineData("- web\n- db\n", YamlError.InvalidValue, 1, null)]
    [InlineData("name: \"open\n", YamlError.Syntax, 1, null)]
    public void Bad_documents_are_rejected_with_the_place_and_key(string text, YamlError error, int line, string? key)
    {
        var exception = Assert.Throws<YamlConfigException>(() => Reader.Read<ServiceYaml>(text, "svc.yml"));

        Assert.Equal(error, exception.Error);
        Assert.Equal(line, exception.Line);
        Assert.Equal(key, exception.Key);
        Assert.StartsWith("svc.yml", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("service:\n  name: a\nservice:\n  name: b\n", YamlError.DuplicateKey, 3)]
    [InlineData("service:\n", YamlError.MissingKey, 1)]
    [InlineData("- service\n", YamlError.Syntax, 1)]
    [InlineData("service:\n  name: a\nother: [\n", YamlError.Syntax, 4)]
    public void Bad_sections_are_rejected_with_the_place(string text, YamlError error, int line)
    {
        var exception = Assert.Throws<YamlConfigException>(() => Reader.ReadSection<ServiceYaml>(text, "board.yml", "service"));

        Assert.Equal(error, exception.Error);
        Assert.Equal(line, exception.Line);
    }
}
