using System.CommandLine;

namespace Firmware.Cli;

/// <summary>
/// A command that handles SIGINT and SIGTERM itself (through <see cref="Interrupts"/>) because stopping
/// cleanly takes it longer than System.CommandLine's two seconds before it force-exits the process,
/// such as <c>fwtool run qemu</c> powering its guest off. <see cref="CommandLine.InvokeAsync"/> turns
/// the force exit off for this command only; every other command still dies promptly.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1010", Justification = "Command's enumeration (its children, for collection initializers) is System.CommandLine's design.")]
public sealed class SelfStoppingCommand(string name, string? description = null) : Command(name, description);
