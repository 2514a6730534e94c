using System.CommandLine;
using Firmware.Boards;
using Firmware.Cli;
using Firmware.Disk.Gpt;
using Firmware.HostTools;
using Firmware.Image.Build;
using Firmware.Image.Build.Qemu;

namespace Firmware.Tool.Commands;

/// <summary><c>fwtool run qemu IMAGE [--arch amd64|arm64] [--board B] [--memory MIB] [--disk-copy | --disk PATH] [--broker PORT]</c>: boot a disk image under QEMU (TCG) with UEFI, the serial console on this terminal.</summary>
internal static class RunCommands
{
    public static Command Create()
    {
        var image = new Argument<string>("IMAGE") { Description = "A raw disk image, such as fwtool image build writes." };
        var arch = new Option<string?>("--arch") { Description = "amd64 or arm64; default: the board's, else what the image's root partitions say." };
        var board = new Option<string?>("--board") { Description = "Take the machine, CPU and memory from this board's qemu: section." };
        var boards = new Option<string>("--boards") { Description = "The folder of board folders.", DefaultValueFactory = _ => "boards" };
        var memory = new Option<int?>("--memory") { Description = "Guest memory in MiB (default: the board's, else 512)." };
        var diskCopy = new Option<bool>("--disk-copy") { Description = "Boot a copy of the image, removed at the end, leaving the image as built (GRUB and the agent write to the disk)." };
        var disk = new Option<string?>("--disk") { Description = "Boot this disk, made as a copy of the image the first time and kept: the next run with the same --disk boots what the last one left (updates, power cuts)." };
        var broker = new Option<int?>("--broker")
        {
            Description = $"Give the guest one network peer: {QemuCommandLine.BrokerGuestAddress} forwarded to this port on the host's 127.0.0.1 (an MQTT broker); nothing else is reachable.",
        };
        broker.Validators.Add(r =>
        {
            if (r.GetValue(broker) is { } p && p is < 1 or > 65535)
            {
                r.AddError($"--broker {p}: not a TCP port (1-65535)");
            }
        });
        // Ctrl-C or SIGTERM powers the guest off (up to 90 s); a second one kills QEMU.
        var qemu = new SelfStoppingCommand("qemu", "Boot a disk image under QEMU with UEFI firmware (OVMF or AAVMF, found automatically) and TCG; the serial console is standard input and output. Ctrl-C or SIGTERM presses the guest's power button and waits up to 90 s for it to power off; a second one kills QEMU.")
        {
            image, arch, board, boards, memory, diskCopy, disk, broker,
        };
        qemu.SetAction(result => CommandRunner.RunAsync("fwtool", false, async () =>
        {
            using var interrupts = new Interrupts();
            var path = result.GetValue(image)!;
            var machine = result.GetValue(board) is { } name
                ? QemuMachine.For(new BoardCatalog(result.GetValue(boards)!).Load(name))
                : QemuMachine.Default(result.GetValue(arch) ?? Detect(path));
            if (result.GetValue(arch) is { } requested && requested != machine.Architecture)
            {
                throw new UsageException($"--arch {requested} does not match board {result.GetValue(board)} ({machine.Architecture})");
            }

            if (result.GetValue(memory) is { } mib)
            {
                machine = machine with { MemoryMiB = mib };
            }

            var booted = (result.GetValue(diskCopy), result.GetValue(disk)) switch
            {
                (true, not null) => throw new UsageException("--disk-copy and --disk: give one; --disk keeps its copy, --disk-copy removes it"),
                (true, null) => QemuDisk.TemporaryCopy,
                (false, { } kept) => QemuDisk.Persistent(kept),
                _ => QemuDisk.Image,
            };
            return await QemuSession.RunAsync(machine, UefiFirmware.Find(machine.Architecture), path, booted, result.GetValue(broker), interrupts.Stop, interrupts.Now);
        }, Classify));
        return new Command("run", "Run images.") { qemu };
    }

    private static string Detect(string image)
    {
        using var disk = File.OpenRead(image);
        return ImageArchitecture.Detect(disk)
            ?? throw new UsageException($"{image}: no x86-64 or arm64 root partition in its GPT; give --arch");
    }

    private static (int ExitCode, string Message)? Classify(Exception e) => e switch
    {
        HostToolMissingException m => (ExitCodes.EmulatorFailed, m.Message),
        ImageBuildException b => (ExitCodes.EmulatorFailed, b.Message),
        GptException g => (ExitCodes.Usage, $"not a GPT disk image: {g.Message}"),
        UnknownBoardException u => (ExitCodes.Usage, $"--board: {u.Message}"),
        _ => null,
    };
}
