using System.Text.Json;

namespace Firmware.Tool.Tests.Commands;

/// <summary>fwtool image validate as a process: exit codes, the human and the JSON report.</summary>
[Trait("Category", "Integration")]
public sealed class ImageCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public void The_minimal_image_of_the_repository_is_valid()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "images", "minimal.yml"), _cli.PathOf("minimal.yml"));

        var result = _cli.Fwtool("image", "validate", "minimal.yml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("minimal.yml: valid", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("heartbeat", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lists_the_containers_in_order()
    {
        File.WriteAllText(_cli.PathOf("spec.yml"), "init: [fw/init:dev]\nonboot:\n  - {name: a, image: fw/a:1}\nservices:\n  - {name: b, image: fw/b:1}\n");

        var result = _cli.Fwtool("image", "validate", "spec.yml", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(["a:onboot", "b:service"], json.RootElement.GetProperty("containers").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()}:{c.GetProperty("stage").GetString()}"));
    }

    [Fact]
    public void An_invalid_spec_exits_25_naming_file_line_column_and_key()
    {
        File.WriteAllText(_cli.PathOf("bad.yml"), "services:\n  - name: s\n    image: fw/s:1\n    binds: [/etc/resolv.conf]\n");

        var result = _cli.Fwtool("image", "validate", "bad.yml");

        Assert.Equal(25, result.ExitCode);
        Assert.StartsWith("fwtool: bad.yml:4:13: services[0].binds[0]: ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void An_invalid_spec_with_json_reports_the_place_as_fields()
    {
        File.WriteAllText(_cli.PathOf("bad.yml"), "kernel:\n  image: fw/k:1\n  cmdlin: quiet\n");

        var result = _cli.Fwtool("image", "validate", "bad.yml", "--json");

        Assert.Equal(25, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(("UnknownKey", "bad.yml", 3, 3, "cmdlin"), (root.GetProperty("error").GetString(), root.GetProperty("file").GetString(), root.GetProperty("line").GetInt32(), root.GetProperty("column").GetInt32(), root.GetProperty("key").GetString()));
    }

    [Fact]
    public void A_missing_spec_is_an_io_error()
    {
        var result = _cli.Fwtool("image", "validate", "absent.yml");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("absent.yml does not exist", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
