using System.CommandLine;
using Firmware.Cli;
using Firmware.Tool.Commands;

var clock = TimeProvider.System;
var root = new RootCommand("fwtool: build, sign, verify and roll out firmware for A/B boards.")
{
    KeygenCommand.Create(),
    TrustCommands.Create(clock),
    BundleCommands.Create(clock),
    FlashCommand.Create(),
    BmapCommands.Create(),
    BenchCommands.Create(clock),
    ImageCommands.Create(clock),
    RunCommands.Create(),
    PkgCommands.Create(),
    BrokerCommand.Create(),
    FleetCommands.Create(clock),
    RolloutCommands.Create(clock),
    SimulateCommand.Create(),
    DemoCommand.Create(clock),
};

return await CommandLine.InvokeAsync(root, "fwtool", args);
