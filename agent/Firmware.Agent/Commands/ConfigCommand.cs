using System.CommandLine;
using Firmware.Cli;
using Firmware.Device.Config;

namespace Firmware.Agent.Commands;

/// <summary><c>fwagent config check</c>: reads agent.yml as the agent would and says what it found.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var config = AgentOptions.Config();
        var json = AgentOptions.Json();
        var check = new Command("check", "Read agent.yml strictly and validate it; the exit code is 25 with file:line: key: problem when it is malformed.") { config, json };
        check.SetAction((result, _) => CommandRunner.RunAsync(AgentOptions.Program, result.GetValue(json), () =>
        {
            var agent = AgentConfigFile.Load(result.GetValue(config)!);
            Report(agent, result.GetValue(json));
            return Task.FromResult(ExitCodes.Ok);
        }, AgentOptions.Classify));
        return new Command("config", "The agent's configuration.") { check };
    }

    private static void Report(AgentConfig agent, bool json)
    {
        if (json)
        {
            using var output = JsonOutput.Open();
            var w = output.Writer;
            w.WriteBoolean("ok", true);
            w.WriteString("device", agent.DeviceId);
            w.WriteString("compatible", agent.Compatible);
            w.WriteString("boot", agent.Boot.Name);
            w.WriteNumber("healthChecks", Checks(agent));
            return;
        }

        Console.WriteLine($"{agent.Source}: OK");
        Console.WriteLine($"  device     {agent.DeviceId} ({agent.Compatible}), data in {agent.DataDirectory}");
        Console.WriteLine($"  slots      A {Targets(agent.SlotA)}, B {Targets(agent.SlotB)}");
        Console.WriteLine($"  boot       {agent.Boot.Name}, {agent.TrialTries} trial tries");
        Console.WriteLine($"  health     {Checks(agent)} checks within {agent.Health.Timeout.TotalSeconds:0} s");
        Console.WriteLine($"  telemetry  every {agent.Telemetry.Interval.TotalSeconds:0} s, {agent.Telemetry.RingCapacity} buffered offline");
        Console.WriteLine($"  broker     {agent.Broker?.Url ?? "none (offline)"}");
    }

    private static string Targets(SlotConfig slot) => slot.Boot is { } boot ? $"{slot.Path} (boot {boot.Path})" : slot.Path;

    private static int Checks(AgentConfig agent) =>
        (agent.Health.Services is null ? 0 : 1) + (agent.Health.BrokerTimeout is null ? 0 : 1) + agent.Health.Commands.Count
        + (agent.Health.MinMemoryAvailable is null ? 0 : 1) + agent.Health.Disks.Count;
}
