using System.Text;
using Firmware.Device.Telemetry;

namespace Firmware.Device.Tests.Telemetry;

[Trait("Category", "Unit")]
public sealed class ProcParsersTests
{
    internal const string Stat = "cpu  4705 356 584 3699 23 0 12 0 0 0\ncpu0 1393280 32966 572056 13343292 6130 0 17875 0 23933 0\nintr 1462898\n";
    internal const string Meminfo = "MemTotal:        2017412 kB\nMemFree:          101460 kB\nMemAvailable:    1125244 kB\nBuffers:           98492 kB\n";
    internal const string NetDev = """
        Inter-|   Receive                                                |  Transmit
         face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            lo:  908188    5596    0    0    0     0          0         0   908188    5596    0    0    0     0       0          0
          eth0: 1215645    2751    1    2    0     0          0         0  1782404    4324    3    4    0   427       0          0

        """;

    [Fact]
    public void Cpu_line_sums_eight_columns_and_counts_idle_and_iowait_as_idle()
    {
        Assert.True(ProcParsers.TryParseCpu(Encoding.ASCII.GetBytes(Stat), out var cpu));

        Assert.Equal(new CpuTimes(4705 + 356 + 584 + 0 + 12, 4705 + 356 + 584 + 3699 + 23 + 12), cpu);
    }

    [Fact]
    public void Cpu_percent_is_the_busy_share_of_the_delta()
    {
        Assert.Equal(25.0, new CpuTimes(150, 1400).PercentSince(new CpuTimes(100, 1200)));
        Assert.Equal(0, new CpuTimes(100, 1200).PercentSince(new CpuTimes(100, 1200)));
        Assert.Equal(0, new CpuTimes(1, 2).PercentSince(new CpuTimes(100, 1200)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("intr 1 2 3\n")]
    [InlineData("cpu  1 2 x 4\n")]
    public void Cpu_rejects_what_the_kernel_does_not_write(string text)
    {
        Assert.False(ProcParsers.TryParseCpu(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void Load_uptime_and_memory()
    {
        Assert.True(ProcParsers.TryParseLoad("0.52 0.58 0.59 1/389 12345\n"u8, out var load));
        Assert.True(ProcParsers.TryParseUptime("350735.47 234388.90\n"u8, out var uptime));
        Assert.True(ProcParsers.TryParseMemory(Encoding.ASCII.GetBytes(Meminfo), out var memory));

        Assert.Equal(new LoadAverage(0.52, 0.58, 0.59), load);
        Assert.Equal(350735.47, uptime);
        Assert.Equal(new MemoryUsage(2017412L * 1024, 1125244L * 1024), memory);
    }

    [Fact]
    public void Memory_falls_back_to_MemFree_on_kernels_without_MemAvailable()
    {
        Assert.True(ProcParsers.TryParseMemory("MemTotal: 1000 kB\nMemFree: 400 kB\n"u8, out var memory));
        Assert.False(ProcParsers.TryParseMemory("MemFree: 400 kB\n"u8, out _));

        Assert.Equal(400 * 1024, memory.AvailableBytes);
    }

    [Fact]
    public void Network_counters_skip_loopback()
    {
        Assert.True(ProcParsers.TryParseNetwork(Encoding.ASCII.GetBytes(NetDev), out var interfaces));

        Assert.Equal([new NetworkCounters("eth0", 1215645, 2751, 1, 2, 1782404, 4324, 3, 4)], interfaces);
    }

    [Fact]
    public void Network_rejects_a_short_row()
    {
        Assert.False(ProcParsers.TryParseNetwork("h\nh\n eth0: 1 2 3\n"u8, out _));
    }
}
