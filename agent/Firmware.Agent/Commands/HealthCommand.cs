using System.CommandLine;
using Firmware.Cli;
using Firmware.Device.Config;
using Firmware.Device.Health;

namespace Firmware.Agent.Commands;

/// <summary><c>fwagent health</c>: runs the health gate agent.yml configures, as after a trial boot.</summary>
internal static class HealthCommand
{
    public static Command Create()
    {
        var config = AgentOptions.Config();
        var json = AgentOptions.Json();
        var command = new Command("health", "Run the configured health checks until they pass or the deadline passes; exit 0 when healthy, 30 when not.") { config, json };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(AgentOptions.Program, result.GetValue(json), async () =>
        {
            var agent = AgentConfigFile.Load(result.GetValue(config)!);
            var verdict = await HealthChecks.Gate(agent, HealthEnvironment.Host).CheckAsync(cancellationToken);
            Report(verdict, result.GetValue(json));
            return verdict.Healthy ? ExitCodes.Ok : AgentExitCodes.Unhealthy;
        }, AgentOptions.Classify));
        return command;
    }

    private static void Report(HealthVerdict verdict, bool json)
    {
        if (json)
        {
            using var output = JsonOutput.Open();
            var w = output.Writer;
            w.WriteBoolean("ok", verdict.Healthy);
            w.WriteStartArray("checks");
            foreach (var check in verdict.Checks)
            {
                w.WriteStartObject();
                w.WriteString("name", check.Name);
                w.WriteBoolean("passed", check.Passed);
                w.WriteString("detail", check.Detail);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            return;
        }

        foreach (var check in verdict.Checks)
        {
            Console.WriteLine($"{(check.Passed ? "pass" : "FAIL")}  {check.Name}: {check.Detail}");
        }

        Console.WriteLine(verdict.Healthy ? "healthy" : "not healthy");
    }
}
