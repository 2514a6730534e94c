using System.Text;

namespace Firmware.Kernel.Tests.Support;

/// <summary>Writes ar archives byte by byte (the layout of ar(5)) so tests can make valid and broken ones.</summary>
public static class ArBuilder
{
    public static byte[] Build(params (string Name, byte[] Data)[] members)
    {
        var output = new MemoryStream();
        output.Write("!<arch>\n"u8);
        foreach (var (name, data) in members)
        {
            output.Write(Encoding.ASCII.GetBytes(Header(name, data.Length)));
            output.Write(data);
            if (data.Length % 2 == 1)
            {
                output.WriteByte((byte)'\n');
            }
        }

        return output.ToArray();
    }

    public static string Header(string name, long size) =>
        $"{name,-16}{"0",-12}{"0",-6}{"0",-6}{"100644",-8}{size,-10}`\n";
}
