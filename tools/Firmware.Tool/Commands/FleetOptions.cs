using System.CommandLine;
using System.Net;
using Firmware.Cli;
using Firmware.Fleet.Host.Access;

namespace Firmware.Tool.Commands;

/// <summary>Options the broker and the fleet commands share: the topic prefix and the controller users.</summary>
internal sealed class FleetOptions
{
    public Option<string> Prefix { get; } = new("--prefix") { Description = "The topic prefix: every topic starts PREFIX/v1/.", DefaultValueFactory = _ => FleetNames.DefaultPrefix };

    public Option<string[]> Controllers { get; } = new("--controller")
    {
        Description = "A controller's username: it reads and writes every device's topics (repeatable; default controller).",
        DefaultValueFactory = _ => ["controller"],
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Prefix);
        command.Options.Add(Controllers);
    }

    public AccessPolicy Policy(ParseResult result)
    {
        var prefix = result.GetValue(Prefix)!;
        if (!FleetNames.IsPrefix(prefix))
        {
            throw new UsageException($"--prefix: '{prefix}' is not a topic prefix (1-64 of [A-Za-z0-9._/-], no empty level)");
        }

        var controllers = result.GetValue(Controllers)!;
        foreach (var name in controllers.Where(n => !FleetNames.IsDeviceId(n)))
        {
            throw new UsageException($"--controller: '{name}' is not a username (1-64 of [A-Za-z0-9._-])");
        }

        return new AccessPolicy(prefix, controllers);
    }

    /// <summary>Parses <c>ADDRESS:PORT</c> (IPv4).</summary>
    public static IPEndPoint Endpoint(string text, string option) =>
        IPEndPoint.TryParse(text, out var endpoint) && endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && endpoint.Port is > 0 and < 65536
            ? endpoint
            : throw new UsageException($"{option}: '{text}' is not IPV4-ADDRESS:PORT (such as 127.0.0.1:1883)");
}
