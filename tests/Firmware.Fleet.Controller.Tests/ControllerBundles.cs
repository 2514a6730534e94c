using Firmware.Device.Tests.Simulation;

namespace Firmware.Fleet.Controller.Tests;

/// <summary>Bundles for "fuzz-board" signed by the fuzz keys, made an hour ago so today's clock accepts them.</summary>
internal static class ControllerBundles
{
    public static readonly DateTimeOffset Made = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).AddHours(-1);

    /// <summary>A bundle of <paramref name="size"/> bytes of image (a few dozen chunks of 256..4096 bytes).</summary>
    public static byte[] Make(string version = "2.0.0", int size = 40_000, int seed = 7) =>
        TestBundles.Bundle(TestBundles.Image(size, seed), version, created: Made);

    /// <summary>Writes it into <paramref name="directory"/>.</summary>
    public static string Write(string directory, string version = "2.0.0", int size = 40_000)
    {
        var path = Path.Combine(directory, $"os-{version}.fwb");
        File.WriteAllBytes(path, Make(version, size));
        return path;
    }
}
