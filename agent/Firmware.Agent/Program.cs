using System.CommandLine;
using Firmware.Agent.Commands;
using Firmware.Cli;

// fwagent runs on the device. Today it verifies bundles exactly as fwtool does (the same
// command, the same code); the update engine and MQTT client build on the same reader.
var clock = TimeProvider.System;
var root = new RootCommand("fwagent: the device agent that verifies and installs firmware bundles.")
{
    VerifyCommand.Create("fwagent", clock),
    ConfigCommand.Create(),
    HealthCommand.Create(),
    TelemetryCommand.Create(clock),
};

return await CommandLine.InvokeAsync(root, "fwagent", args);
