using System.CommandLine;
using Firmware.Cli;
using Firmware.Device.Config;

namespace Firmware.Agent.Commands;

/// <summary>Options every agent command shares, and how its failures become exit codes.</summary>
internal static class AgentOptions
{
    public const string Program = "fwagent";

    public static Option<string> Config() => new("--config")
    {
        Description = $"The agent's configuration (default {AgentConfigFile.DefaultPath}).",
        DefaultValueFactory = _ => AgentConfigFile.DefaultPath,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print the result as JSON." };

    /// <summary>agent.yml problems exit like any malformed spec file (docs/cli.md).</summary>
    public static (int ExitCode, string Message)? Classify(Exception e) => e switch
    {
        AgentConfigException config => (ExitCodes.SpecInvalid, config.Message),
        _ => null,
    };
}
