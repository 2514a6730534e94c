using Firmware.Device.Health;

namespace Firmware.Device.Tests.Health;

/// <summary>A check whose attempts follow a script: pass, fail, or hang until cancelled.</summary>
internal sealed class ScriptedCheck(string name, params ScriptedCheck.Step[] script) : IHealthCheck
{
    public enum Step { Pass, Fail, Hang }

    public int Attempts { get; private set; }

    public string Name => name;

    public async Task<HealthCheckResult> RunAsync(CancellationToken cancellationToken)
    {
        var step = script[Math.Min(Attempts++, script.Length - 1)];
        if (step == Step.Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }

        return new HealthCheckResult(name, step == Step.Pass, $"attempt {Attempts}");
    }
}
