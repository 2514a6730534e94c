using System.Threading.Channels;
using Firmware.Device.Updates;
using Firmware.Fleet;
using Firmware.Fleet.Payloads;

namespace Firmware.Device.Runtime;

/// <content>
/// Jobs from the controller (docs/protocol.md 3.3). The connection hands each one over on its
/// receive thread; it is recorded and queued there, and acted on by the engine's loop between
/// runs, so the engine is only ever driven from one place. A cancel or rollback that concerns
/// the step running now interrupts the run (every step is resumable) so it is taken at once.
/// </content>
public sealed partial class DeviceRuntime
{
    private readonly Channel<JobDocument> _jobs = Channel.CreateUnbounded<JobDocument>(new UnboundedChannelOptions { SingleReader = true });
    private volatile CancellationTokenSource? _run;

    /// <summary>Takes a job from the connection: queues it, and interrupts a run it cancels.</summary>
    internal void Receive(JobDocument job)
    {
        // Queued before the run is interrupted, so the engine's loop finds it when it stops.
        _jobs.Writer.TryWrite(job);
        if (Interrupts(job, Engine.Checkpoint.Update))
        {
            _run?.Cancel();
        }
    }

    /// <summary>
    /// Takes a retained job that failed strict parsing but names a readable <c>jobId</c>: its final
    /// report is <c>rejected</c> with the parse error (docs/protocol.md section 2), made once (the
    /// retained copy delivered again after a reconnect finds the job finished). A job id that is the
    /// update in progress is left alone: a bad copy never ends a job the device is running.
    /// </summary>
    internal void Reject(string jobId, FleetException error)
    {
        if (_fleet is not { } fleet || fleet.Jobs.IsFinished(jobId))
        {
            return;
        }

        if (_engine?.Checkpoint.Update?.Id == jobId)
        {
            Log($"job {jobId}: a malformed copy of the update in progress ignored: {error.Message}");
            return;
        }

        Log($"job {jobId}: rejected: {error.Message}");
        fleet.Finish(jobId, ProgressState.Rejected, new ProgressError { Code = error.Error.ToString(), Detail = FleetLink.Truncate(error.Message) });
    }

    /// <summary>
    /// Waits for a job, then takes every job queued: the one that interrupted a run may be queued
    /// behind others (the retained job delivered again at the connect).
    /// </summary>
    private async Task TakeJobsAsync(CancellationToken stop)
    {
        var job = await _jobs.Reader.ReadAsync(stop).ConfigureAwait(false);
        do
        {
            Take(job);
        }
        while (_jobs.Reader.TryRead(out job));
    }

    private void Take(JobDocument job)
    {
        if (_fleet is not { } fleet)
        {
            return;
        }

        var update = Engine.Checkpoint.Update;
        if (fleet.Jobs.IsFinished(job.JobId) || (job.Action == JobAction.Install && update?.Id == job.JobId))
        {
            // A retained job seen again after a reconnect, or one already finished (a stale retained message).
            return;
        }

        switch (job.Action)
        {
            case JobAction.Install:
                Install(fleet, job, update);
                break;
            case JobAction.Cancel when Interrupts(job, update):
                Engine.Cancel(job.Deadline <= _clock.GetUtcNow() ? $"the job's deadline {job.Deadline:O} passed" : "cancelled by the controller");
                break;
            case JobAction.Rollback when Interrupts(job, update):
                Engine.Cancel("rolled back by the controller");
                break;
            case JobAction.Cancel when update?.Id != job.JobId:
                // Cancelled before the device took it: nothing ran.
                fleet.Finish(job.JobId, ProgressState.Cancelled, null);
                break;
            default:
                Log($"job {job.JobId}: {job.Action} ignored: update {Describe(update)}");
                break;
        }
    }

    private void Install(FleetLink fleet, JobDocument job, UpdateRecord? update)
    {
        if (job.Deadline <= _clock.GetUtcNow())
        {
            fleet.Finish(job.JobId, ProgressState.Rejected, new ProgressError { Code = "DeadlinePassed", Detail = $"the job's deadline {job.Deadline:O} has passed" });
            return;
        }

        if (update is { Finished: false })
        {
            fleet.Finish(job.JobId, ProgressState.Rejected, new ProgressError { Code = "Busy", Detail = $"update {update.Id} is in progress ({update.State})" });
            return;
        }

        fleet.Jobs.Save(job);
        try
        {
            Engine.Offer(fleet.Source(job.JobId), job.JobId);
            Log($"job {job.JobId}: installing {job.Bundle?.Version} ({job.Bundle?.Chunks} chunks)");
        }
        catch (InvalidOperationException e)
        {
            fleet.Finish(job.JobId, ProgressState.Rejected, new ProgressError { Code = "NotCommitted", Detail = e.Message });
        }
    }

    /// <summary>
    /// True when <paramref name="job"/> stops the update running: a cancel before anything reached
    /// the slot (up to <c>Verifying</c>), or a rollback during the trial.
    /// </summary>
    private static bool Interrupts(JobDocument job, UpdateRecord? update) =>
        update is { Finished: false } current && current.Id == job.JobId && job.Action switch
        {
            JobAction.Cancel => current.State is UpdateStateName.Offered or UpdateStateName.Downloading or UpdateStateName.Verifying,
            JobAction.Rollback => current.State is UpdateStateName.Trial or UpdateStateName.Rebooting,
            _ => false,
        };
}
