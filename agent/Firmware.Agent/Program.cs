using System.CommandLine;
using Firmware.Agent.Commands;
using Firmware.Cli;

// fwagent runs on the device: it verifies bundles exactly as fwtool does (the same command, the
// same code), and installs them through the update engine (docs/agent.md).
var clock = TimeProvider.System;
using var http = new HttpClient();
var root = new RootCommand("fwagent: the device agent that verifies and installs firmware bundles.")
{
    VerifyCommand.Create("fwagent", clock),
    ConfigCommand.Create(),
    HealthCommand.Create(),
    TelemetryCommand.Create(clock),
    RunCommand.Create(clock, http),
};
foreach (var command in UpdateCommands.Create(clock, http))
{
    root.Subcommands.Add(command);
}

return await CommandLine.InvokeAsync(root, "fwagent", args);
