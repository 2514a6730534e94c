namespace Firmware.Init.Tests.Doubles;

internal sealed class RecordingLog : IInitLog
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public void Line(string text)
    {
        lock (_gate)
        {
            _lines.Add(text);
        }
    }
}
