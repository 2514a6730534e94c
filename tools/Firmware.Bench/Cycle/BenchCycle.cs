using Firmware.Bench.Lines;
using Firmware.Bench.Metering;
using Firmware.Bench.Serial;
using Firmware.Flash;

namespace Firmware.Bench.Cycle;

/// <summary>
/// Runs a <see cref="BenchCyclePlan"/>: power off, settle, flash, power on, wait for the marker.
/// Any failure (flash error, marker timeout, cancellation) powers the board off before it
/// propagates, so a failed cycle never leaves a board running a half-written image.
/// </summary>
public sealed class BenchCycle
{
    private readonly BoardPower _power;
    private readonly SerialConsole _console;
    private readonly TimeProvider _clock;
    private readonly IPowerMeter? _meter;

    /// <summary>Creates a runner over claimed lines and an open console.</summary>
    /// <param name="power">The board's lines.</param>
    /// <param name="console">The board's console, opened before the cycle so no output is missed.</param>
    /// <param name="clock">Times the settle wait, the marker timeout and the report.</param>
    /// <param name="meter">A power meter to sample from power-on to the marker, if fitted.</param>
    public BenchCycle(BoardPower power, SerialConsole console, TimeProvider clock, IPowerMeter? meter = null)
    {
        ArgumentNullException.ThrowIfNull(power);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(clock);
        _power = power;
        _console = console;
        _clock = clock;
        _meter = meter;
    }

    /// <summary>Runs <paramref name="plan"/>, flashing with <paramref name="flash"/>.</summary>
    /// <param name="plan">The steps.</param>
    /// <param name="flash">A prepared flash: every check passed, nothing written yet.</param>
    /// <param name="progress">Step starts and ends.</param>
    /// <param name="flashProgress">The flash's own progress.</param>
    /// <param name="cancellationToken">Stops the cycle; the board is powered off.</param>
    /// <exception cref="FlashException">The flash failed; the board is off.</exception>
    /// <exception cref="MarkerTimeoutException">The marker did not appear in time; the board is off.</exception>
    /// <exception cref="BenchException">Bench hardware failed; the board is off if its power line still works.</exception>
    public async Task<BenchCycleResult> RunAsync(BenchCyclePlan plan, PreparedFlash flash, IProgress<BenchCycleProgress>? progress = null,
        IProgress<FlashProgress>? flashProgress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(flash);
        var run = new Run(this, plan, flash, progress, flashProgress);
        try
        {
            return await run.ExecuteAsync(cancellationToken);
        }
        catch (Exception failure)
        {
            try
            {
                _power.SafeOff();
            }
            catch (BenchException off)
            {
                throw new BenchException(BenchError.GpioFailed, $"{failure.Message}; then the board could not be powered off: {off.Message}", failure);
            }

            throw;
        }
        finally
        {
            await run.DisposeAsync();
        }
    }

    /// <summary>One execution's state: the timestamps and readings the report needs.</summary>
    private sealed class Run(BenchCycle cycle, BenchCyclePlan plan, PreparedFlash flash, IProgress<BenchCycleProgress>? progress, IProgress<FlashProgress>? flashProgress)
        : IAsyncDisposable
    {
        private readonly long _started = cycle._clock.GetTimestamp();
        private FlashResult? _flashed;
        private TimeSpan _flashTime;
        private long _poweredOn;
        private long _consoleMark;
        private MarkerMatch? _match;
        private PowerSampler? _sampler;
        private PowerSummary? _power;

        public async Task<BenchCycleResult> ExecuteAsync(CancellationToken cancellationToken)
        {
            foreach (var step in plan.Steps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new(step, false, cycle._clock.GetElapsedTime(_started)));
                await RunStepAsync(step, cancellationToken);
                progress?.Report(new(step, true, cycle._clock.GetElapsedTime(_started)));
            }

            return new BenchCycleResult(
                _flashed ?? throw new InvalidOperationException("the plan has no flash step"),
                _flashTime,
                cycle._clock.GetElapsedTime(_poweredOn, (_match ?? throw new InvalidOperationException("the plan has no marker step")).Timestamp),
                _match,
                plan.Request.LogPath,
                _match.Offset + plan.Request.Marker.Length - _consoleMark,
                _power);
        }

        public async ValueTask DisposeAsync()
        {
            if (_sampler is not null)
            {
                await _sampler.DisposeAsync();
            }
        }

        private async Task RunStepAsync(BenchStep step, CancellationToken cancellationToken)
        {
            switch (step.Kind)
            {
                case BenchStepKind.PowerOff:
                    cycle._power.PowerOff();
                    break;
                case BenchStepKind.Settle:
                    await Task.Delay(plan.Wiring.Settle, cycle._clock, cancellationToken);
                    break;
                case BenchStepKind.Flash:
                    var start = cycle._clock.GetTimestamp();
                    _flashed = await flash.RunAsync(plan.Request.Verify, flashProgress, cancellationToken);
                    _flashTime = cycle._clock.GetElapsedTime(start);
                    break;
                case BenchStepKind.AssertBootMode:
                    cycle._power.SetBootMode(asserted: true);
                    break;
                case BenchStepKind.PowerOn:
                    // Everything that times the boot starts before the line moves: the console mark
                    // (the marker must come from this boot), the boot clock, and the power sampler.
                    _consoleMark = cycle._console.Position;
                    _sampler = cycle._meter is null ? null : PowerSampler.Start(cycle._meter, PowerSampler.DefaultInterval, cycle._clock);
                    _poweredOn = cycle._clock.GetTimestamp();
                    cycle._power.PowerOn();
                    break;
                case BenchStepKind.WaitForMarker:
                    _match = await cycle._console.WaitForAsync(plan.Request.Marker, _consoleMark, plan.Request.Timeout, cancellationToken);
                    _power = _sampler is null ? null : await _sampler.StopAsync();
                    break;
                case BenchStepKind.ReleaseBootMode:
                    cycle._power.SetBootMode(asserted: false);
                    break;
                default:
                    throw new InvalidOperationException($"unknown step {step.Kind}");
            }
        }
    }
}
