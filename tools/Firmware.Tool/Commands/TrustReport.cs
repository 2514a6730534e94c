using Firmware.Cli;
using Firmware.Trust;

namespace Firmware.Tool.Commands;

/// <summary>Prints a trust file for people or as JSON.</summary>
internal static class TrustReport
{
    public static void Print(TrustFile trust, IReadOnlyList<string> signers, bool json)
    {
        var document = trust.Document;
        if (json)
        {
            using var output = JsonOutput.Open();
            var w = output.Writer;
            w.WriteBoolean("ok", true);
            w.WriteNumber("version", document.Version);
            w.WriteString("expires", document.Expires);
            w.WriteString("sha256", trust.Sha256);
            foreach (var (name, role) in new[] { ("root", document.Roles.Root), ("release", document.Roles.Release) })
            {
                w.WriteStartObject(name);
                w.WriteNumber("threshold", role.Threshold);
                w.WriteStartArray("keyids");
                role.KeyIds.ToList().ForEach(w.WriteStringValue);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteStartArray("signers");
            signers.ToList().ForEach(w.WriteStringValue);
            w.WriteEndArray();
            return;
        }

        Console.WriteLine($"{trust.Name}: OK, trust version {document.Version}, expires {document.Expires:u}");
        Console.WriteLine($"  root     {document.Roles.Root.Threshold} of {document.Roles.Root.KeyIds.Count}: {string.Join(", ", document.Roles.Root.KeyIds.Select(Short))}");
        Console.WriteLine($"  release  {document.Roles.Release.Threshold} of {document.Roles.Release.KeyIds.Count}: {string.Join(", ", document.Roles.Release.KeyIds.Select(Short))}");
        Console.WriteLine($"  signed   by {string.Join(", ", signers.Select(Short))}");
    }

    private static string Short(string keyId) => keyId[..16];
}
