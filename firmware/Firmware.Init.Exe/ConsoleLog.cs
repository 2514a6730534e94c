namespace Firmware.Init.Exe;

/// <summary>The console (the kernel gives process 1 /dev/console as its standard output): one <c>fw-init: </c> line per report, flushed at once.</summary>
internal sealed class ConsoleLog : IInitLog
{
    private readonly Lock _gate = new();

    public void Line(string text)
    {
        lock (_gate)
        {
            Console.Out.Write("fw-init: " + text + "\n");
            Console.Out.Flush();
        }
    }
}
