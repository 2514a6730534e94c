using System.Text;

namespace Firmware.Tool.Demo;

/// <summary>
/// A deterministic stand-in for a root filesystem image: runs of text-like data (configuration,
/// scripts: compressible) between runs of random bytes (compiled code and compressed assets: not),
/// so compression and chunking behave as they do on a real image.
/// </summary>
internal static class SyntheticImage
{
    public static void Write(Stream output, long size, int seed)
    {
        var random = new Random(seed);
        var words = "init service mount proc sys dev tmp run data config network eth0 dhcp route firmware agent slot boot kernel module load"
            .Split(' ');
        var block = new byte[64 << 10];
        for (long written = 0; written < size;)
        {
            if (random.Next(3) == 0)
            {
                random.NextBytes(block);
            }
            else
            {
                var text = new StringBuilder(block.Length);
                while (text.Length < block.Length)
                {
                    text.Append(words[random.Next(words.Length)]).Append(random.Next(8) == 0 ? '\n' : ' ');
                }

                Encoding.ASCII.GetBytes(text.ToString(0, block.Length), block);
            }

            var count = (int)Math.Min(block.Length, size - written);
            output.Write(block, 0, count);
            written += count;
        }
    }
}
