using System.Diagnostics;
using System.Text.Json;

namespace Firmware.Agent.Tests;

/// <summary>The agent's configuration, health and telemetry commands in the published native binary.</summary>
[Trait("Category", "System")]
[Collection(SharedPublish.Name)]
public sealed class AgentDeviceCommandTests
{
    private readonly PublishedAgent _agent;

    public AgentDeviceCommandTests(PublishedAgent agent) => _agent = agent;

    [Fact]
    public void Config_check_accepts_a_good_file_and_names_file_line_and_key_of_a_bad_one()
    {
        var good = AgentConfigFiles.WriteOffline(_agent.Directory);
        var bad = Path.Combine(_agent.Directory, "bad.yml");
        File.WriteAllText(bad, File.ReadAllText(good).Replace("interval-s:", "interval_s:", StringComparison.Ordinal));

        var accepted = _agent.Agent("config", "check", "--config", good, "--json");
        var rejected = _agent.Agent("config", "check", "--config", bad);

        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Contains("\"boot\": \"simulated\"", accepted.Stdout, StringComparison.Ordinal);
        Assert.Equal(25, rejected.ExitCode);
        Assert.Equal($"fwagent: {bad}:13: interval_s: unknown key", rejected.Stderr.Trim());
    }

    [Fact]
    public void Health_runs_the_configured_checks()
    {
        var result = _agent.Agent("health", "--config", AgentConfigFiles.WriteOffline(_agent.Directory, "health.yml"), "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var verdict = JsonDocument.Parse(result.Stdout);
        Assert.Equal(["command:true", "memory", "disk:/tmp"], verdict.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public void The_collection_loop_says_ready_and_its_ring_survives_a_restart()
    {
        var config = AgentConfigFiles.WriteOffline(Directory.CreateDirectory(Path.Combine(_agent.Directory, "loop")).FullName);

        var first = RunUntilReady(config);
        var second = RunUntilReady(config);

        Assert.StartsWith("fwagent: ready (a sample every 1 s, 1 of 100 buffered, 0 dropped)", first, StringComparison.Ordinal);
        Assert.StartsWith("fwagent: ready (a sample every 1 s, 2 of 100 buffered, 0 dropped)", second, StringComparison.Ordinal);
    }

    // Starts the loop, waits for its ready line, then stops it with SIGTERM as the init would.
    private string RunUntilReady(string config)
    {
        var start = new ProcessStartInfo(_agent.Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "telemetry", "--config", config })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var ready = process.StandardOutput.ReadLine() ?? "";
        ProcessRunner.Run("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], _agent.Directory);
        Assert.True(process.WaitForExit(30_000), "fwagent did not stop on SIGTERM");
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {ready}\n{errors.Result}");
        return ready;
    }
}
