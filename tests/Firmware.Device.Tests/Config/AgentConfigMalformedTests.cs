using Firmware.Device.Config;

namespace Firmware.Device.Tests.Config;

[Trait("Category", "Malformed")]
public sealed class AgentConfigMalformedTests
{
    private static AgentConfigException Reject(string yaml) =>
        Assert.Throws<AgentConfigException>(() => AgentConfigParser.Parse(yaml, "agent.yml"));

    private static string Edit(string from, string to) => AgentConfigParserTests.Full.Replace(from, to, StringComparison.Ordinal);

    [Theory]
    [InlineData("  interval-s: 30", "  interval_s: 30", "interval_s", 24)]
    [InlineData("  id: pump-0042", "  id: pump-0042\n  name: pump", "name", 3)]
    [InlineData("led: { chip: 0,", "led: { chip: 0, colour: red,", "colour", 27)]
    [InlineData("    - { mount: /data, min-free: 64MiB }", "    - { mount: /data, min_free: 64MiB }", "min_free", 22)]
    public void An_unknown_key_names_the_file_line_and_key(string from, string to, string key, int line)
    {
        var error = Reject(Edit(from, to));

        Assert.Equal((AgentConfigError.UnknownKey, "agent.yml", line, key), (error.Error, error.File, error.Line, error.Key));
        Assert.StartsWith($"agent.yml:{line}: {key}: unknown key", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  tries: 2", "  tries: 2\n  tries: 3", AgentConfigError.DuplicateKey, "tries")]
    [InlineData("  tries: 2", "  tries: two", AgentConfigError.InvalidValue, "tries")]
    [InlineData("device:\n", "device: [\n", AgentConfigError.Syntax, null)]
    public void Yaml_stage_errors_have_their_code(string from, string to, AgentConfigError code, string? key)
    {
        var error = Reject(Edit(from, to));

        Assert.Equal((code, key), (error.Error, error.Key));
        Assert.True(error.Line > 0);
    }

    [Theory]
    [InlineData("  id: pump-0042\n", "", AgentConfigError.MissingKey, "device.id", 2)]
    [InlineData("  id: pump-0042", "  id: pump/0042", AgentConfigError.InvalidValue, "device.id", 2)]
    [InlineData("  a: { device: /dev/vda2 }", "  a: { device: vda2 }", AgentConfigError.InvalidValue, "slots.a.device", 6)]
    [InlineData("  a: { device: /dev/vda2 }", "  a: { device: /dev/vda3 }", AgentConfigError.Conflict, "slots", 6)]
    [InlineData("  a: { device: /dev/vda2 }", "  a: { device: /dev/vda2, file: /x }", AgentConfigError.Conflict, "slots.a", 6)]
    [InlineData("  a: { device: /dev/vda2 }", "  a: { file: /data/a.img }", AgentConfigError.MissingKey, "slots.a.size", 6)]
    [InlineData("  a: { device: /dev/vda2 }", "  a: { device: /dev/vda2, boot: { device: /dev/vda4 } }", AgentConfigError.Conflict, "slots.b.boot", 6)]
    [InlineData("  a: { device: /dev/vda2 }", "  a: { device: /dev/vda2, boot: { device: /dev/vda3 } }", AgentConfigError.Conflict, "slots", 6)]
    [InlineData("  a: { device: /dev/vda2 }", "  a: { device: /dev/vda2, boot: { device: vda4 } }", AgentConfigError.InvalidValue, "slots.a.boot.device", 6)]
    [InlineData("  a: { device: /dev/vda2 }", "  a: { device: /dev/vda2, boot: { device: /dev/vda4, boot: { device: /dev/vda5 } } }", AgentConfigError.InvalidValue, "slots.a.boot.boot", 6)]
    [InlineData("size: 512MiB", "size: 512MB", AgentConfigError.InvalidValue, "slots.b.size", 7)]
    [InlineData("size: 512MiB", "size: 0", AgentConfigError.InvalidValue, "slots.b.size", 7)]
    [InlineData("  backend: grub", "  backend: lilo", AgentConfigError.InvalidValue, "boot.backend", 9)]
    [InlineData("  backend: grub", "  backend: uboot", AgentConfigError.Conflict, "boot.grub", 9)]
    [InlineData("  tries: 2", "  tries: 0", AgentConfigError.InvalidValue, "boot.tries", 9)]
    [InlineData("  grub: { env: /boot/efi/EFI/BOOT/grubenv }", "  grub: {}", AgentConfigError.MissingKey, "boot.grub.env", 11)]
    [InlineData("  retry-s: 3", "  retry-s: 300", AgentConfigError.InvalidValue, "health.retry-s", 13)]
    [InlineData("required: [sshd, app]", "required: []", AgentConfigError.MissingKey, "health.services.required", 15)]
    [InlineData("required: [sshd, app]", "required: [sshd, sshd]", AgentConfigError.InvalidValue, "health.services.required", 15)]
    [InlineData("up-s: 10", "up-s: -1", AgentConfigError.InvalidValue, "health.services.up-s", 15)]
    [InlineData("run: [/bin/ping, -c1, 10.0.0.1]", "run: [ping, -c1, 10.0.0.1]", AgentConfigError.InvalidValue, "health.commands[0].run[0]", 18)]
    [InlineData("    - { run: [/usr/bin/app-selftest] }", "    - { timeout-s: 3 }", AgentConfigError.MissingKey, "health.commands[1].run", 19)]
    [InlineData("    - { run: [/usr/bin/app-selftest] }", "    - { name: gateway, run: [/bin/true] }", AgentConfigError.InvalidValue, "health.commands[].name", 13)]
    [InlineData("  min-memory: 32MiB", "  min-memory: lots", AgentConfigError.InvalidValue, "health.min-memory", 13)]
    [InlineData("min-free: 64MiB", "min-free: -1", AgentConfigError.InvalidValue, "health.disks[0].min-free", 22)]
    [InlineData("  interval-s: 30", "  interval-s: 0", AgentConfigError.InvalidValue, "telemetry.interval-s", 24)]
    [InlineData("  mounts: [/, /data]", "  mounts: [/, data]", AgentConfigError.InvalidValue, "telemetry.mounts[1]", 24)]
    [InlineData("line: 17", "line: 5000", AgentConfigError.InvalidValue, "led.line", 27)]
    [InlineData("active: low", "active: dim", AgentConfigError.InvalidValue, "led.active", 27)]
    [InlineData("url: mqtts://broker.example:8884", "url: http://broker.example", AgentConfigError.InvalidValue, "broker.url", 29)]
    [InlineData("url: mqtts://broker.example:8884", "url: mqtt://broker.example", AgentConfigError.Conflict, "broker.ca", 29)]
    [InlineData("  key: /etc/fwagent/device.key\n", "", AgentConfigError.MissingKey, "broker.key", 29)]
    [InlineData("  key: /etc/fwagent/device.key", "  key: /etc/fwagent/device.key\n  username: dev\n  password-file: /p", AgentConfigError.Conflict, "broker.username", 29)]
    [InlineData("trust: /etc/fwagent/trust.json", "trust: trust.json", AgentConfigError.InvalidValue, "trust", 1)]
    public void Semantic_errors_name_the_key_and_the_line_of_its_mapping(string from, string to, AgentConfigError code, string key, int line)
    {
        var edited = Edit(from, to);
        Assert.NotEqual(AgentConfigParserTests.Full, edited);

        var error = Reject(edited);

        Assert.Equal((code, key, line), (error.Error, error.Key, error.Line));
        Assert.StartsWith($"agent.yml:{line}: {key}: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", AgentConfigError.MissingKey)]
    [InlineData("device: { id: a, compatible: b }", AgentConfigError.MissingKey)]
    [InlineData("- a\n- b", AgentConfigError.InvalidValue)]
    public void Empty_or_partial_files_are_rejected(string yaml, AgentConfigError code)
    {
        Assert.Equal(code, Reject(yaml).Error);
    }

    [Fact]
    public void A_broker_check_needs_a_broker()
    {
        var error = Reject(AgentConfigParserTests.Minimal + "\nhealth: { broker: { timeout-s: 3 } }");

        Assert.Equal((AgentConfigError.Conflict, "health.broker"), (error.Error, error.Key));
    }

    [Fact]
    public void A_password_needs_tls()
    {
        var error = Reject(AgentConfigParserTests.Minimal + "\nbroker: { url: 'mqtt://h', username: u, password-file: /p }");

        Assert.Equal((AgentConfigError.Conflict, "broker.password-file"), (error.Error, error.Key));
    }

    [Fact]
    public void Loading_a_missing_file_says_so()
    {
        Assert.Throws<FileNotFoundException>(() => AgentConfigFile.Load("/nonexistent/agent.yml"));
    }
}
