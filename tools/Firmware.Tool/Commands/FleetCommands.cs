using System.CommandLine;
using Firmware.Cli;
using Firmware.Fleet.Host.Provisioning;

namespace Firmware.Tool.Commands;

/// <summary><c>fwtool fleet acl|serve|list|watch</c>: Mosquitto credentials, the controller and its device registry (docs/fleet.md).</summary>
internal static class FleetCommands
{
    private const string Program = "fwtool";

    public static Command Create(TimeProvider clock) =>
        new("fleet", "Fleet administration over MQTT.") { Acl(clock), FleetServeCommand.Create(clock), FleetViewCommands.List(clock), FleetViewCommands.Watch(clock) };

    private static Command Acl(TimeProvider clock)
    {
        var devices = new Option<int?>("--devices") { Description = "Provision N devices named device-0001, device-0002, ..." };
        var list = new Option<string?>("--device-list") { Description = "A file of device ids, one a line (# comments)." };
        var output = new Option<string>("--out") { Description = "The directory to create (must not exist).", Required = true };
        var listen = new Option<string>("--listen") { Description = "The Mosquitto listener's IPv4 address and port.", DefaultValueFactory = _ => "127.0.0.1:8883" };
        var fleet = new FleetOptions();
        var command = new Command("acl", "Write a Mosquitto password file, ACL file and mosquitto.conf (TLS), a test CA, and per device a password and client certificate.")
        {
            devices, list, output, listen,
        };
        fleet.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(Program, false, async () =>
        {
            var count = result.GetValue(devices);
            var listPath = result.GetValue(list);
            if ((count is null) == (listPath is null))
            {
                throw new UsageException("give one of --devices N and --device-list FILE");
            }

            if (count is < 1 or > 100_000)
            {
                throw new UsageException($"--devices: {count} is not 1 to 100000");
            }

            var ids = listPath is null ? DeviceList.Numbered(count!.Value) : DeviceList.Parse(await File.ReadAllTextAsync(listPath, cancellationToken), listPath);
            var directory = Path.GetFullPath(result.GetValue(output)!);
            var policy = fleet.Policy(result);
            var clash = ids.FirstOrDefault(policy.Controllers.Contains);
            if (clash is not null)
            {
                throw new UsageException($"device '{clash}' has a controller's username; rename one of them");
            }

            var plan = FleetCredentials.Plan(ids, policy, directory, FleetOptions.Endpoint(result.GetValue(listen)!, "--listen"), clock.GetUtcNow());
            await FleetCredentials.WriteAsync(plan, directory, cancellationToken);
            Console.WriteLine($"wrote {directory}: {ids.Count} devices, {policy.Controllers.Count} controller(s); run: mosquitto -c {Path.Combine(directory, "mosquitto.conf")}");
            return ExitCodes.Ok;
        }, FleetFailures.Classify));
        return command;
    }
}
