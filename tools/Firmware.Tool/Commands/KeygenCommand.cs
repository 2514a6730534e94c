using System.CommandLine;
using Firmware.Cli;
using Firmware.Tool.Authoring;

namespace Firmware.Tool.Commands;

/// <summary><c>fwtool keygen --out DIR/NAME</c>.</summary>
internal static class KeygenCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Where to write: DIR/NAME gives DIR/NAME.key (mode 0600) and DIR/NAME.pub.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command("keygen", "Generate an Ed25519 signing key pair (PKCS#8 PEM, readable by openssl).") { output, json };
        command.SetAction((result, _) => CommandRunner.RunAsync("fwtool", result.GetValue(json), () =>
        {
            var (privatePath, publicPath, keyId) = KeyPairFiles.Generate(result.GetValue(output)!);
            if (result.GetValue(json))
            {
                using var report = JsonOutput.Open();
                report.Writer.WriteString("private", privatePath);
                report.Writer.WriteString("public", publicPath);
                report.Writer.WriteString("keyid", keyId);
            }
            else
            {
                Console.WriteLine($"wrote {privatePath} and {publicPath}");
                Console.WriteLine($"key id {keyId}");
            }

            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
