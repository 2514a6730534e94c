using System.Globalization;
using System.Text;
using Firmware.Device.IO;
using Firmware.Fleet.Payloads;

namespace Firmware.Device.Runtime;

/// <summary>
/// The fleet jobs a device has taken, on the data partition (<c>DATA/jobs/JOBID/</c>): the job
/// document (so an <c>mqtt:JOBID</c> download resumes after a reboot), the last progress
/// <c>seq</c> used (docs/protocol.md 3.4: persisted, increasing by one), the <c>seq</c> of the
/// final report once there is one (a job with a final report is finished: a stale retained copy
/// is ignored, and a repeated delivery of the outcome reuses the same <c>seq</c>, which the
/// controller drops), and the chunk download's own files. Every write is synced and renamed into
/// place. Finished jobs beyond the newest <see cref="KeepFinished"/> are deleted.
/// </summary>
public sealed class JobStore
{
    /// <summary>Finished jobs remembered, so a stale retained job is recognised.</summary>
    public const int KeepFinished = 32;

    private const string JobFile = "job.json";
    private const string SeqFile = "seq";
    private const string FinalFile = "final";
    private readonly string _root;
    private readonly Lock _lock = new();

    /// <summary>Opens the store under <paramref name="directory"/>, creating it.</summary>
    public JobStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _root = directory;
        Directory.CreateDirectory(directory);
    }

    /// <summary>Records a job durably before the device acts on it.</summary>
    public void Save(JobDocument job)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (_lock)
        {
            Directory.CreateDirectory(DirectoryOf(job.JobId));
            DurableFile.Replace(PathOf(job.JobId, JobFile), job.ToJson());
        }
    }

    /// <summary>The job recorded as <paramref name="jobId"/>, or null.</summary>
    public JobDocument? Load(string jobId)
    {
        var path = PathOf(jobId, JobFile);
        return File.Exists(path) ? JobDocument.Parse(File.ReadAllBytes(path)) : null;
    }

    /// <summary>The directory of the job's chunk download.</summary>
    public string DownloadDirectory(string jobId) => Path.Combine(DirectoryOf(jobId), "download");

    /// <summary>True once the job's final report was made.</summary>
    public bool IsFinished(string jobId) => File.Exists(PathOf(jobId, FinalFile));

    /// <summary>The next progress <c>seq</c> of the job, durably taken.</summary>
    public long NextSeq(string jobId)
    {
        lock (_lock)
        {
            Directory.CreateDirectory(DirectoryOf(jobId));
            var next = (ReadNumber(PathOf(jobId, SeqFile)) ?? 0) + 1;
            WriteNumber(PathOf(jobId, SeqFile), next);
            return next;
        }
    }

    /// <summary>
    /// The <c>seq</c> of the job's final report: taken and recorded the first time, the same one
    /// on every later call (an outcome delivered again after a crash keeps its <c>seq</c>).
    /// The download's files are deleted: the job is over.
    /// </summary>
    public long FinalSeq(string jobId)
    {
        lock (_lock)
        {
            if (ReadNumber(PathOf(jobId, FinalFile)) is { } final)
            {
                return final;
            }

            var seq = NextSeq(jobId);
            WriteNumber(PathOf(jobId, FinalFile), seq);
            var download = DownloadDirectory(jobId);
            if (Directory.Exists(download))
            {
                Directory.Delete(download, recursive: true);
            }

            Prune();
            return seq;
        }
    }

    private void Prune()
    {
        var finished = new DirectoryInfo(_root).GetDirectories()
            .Where(d => File.Exists(Path.Combine(d.FullName, FinalFile)))
            .OrderByDescending(d => File.GetLastWriteTimeUtc(Path.Combine(d.FullName, FinalFile)))
            .Skip(KeepFinished);
        foreach (var old in finished)
        {
            old.Delete(recursive: true);
        }
    }

    private string DirectoryOf(string jobId) => Path.Combine(_root, Firmware.Fleet.DeviceId.Validate(jobId, "job id"));

    private string PathOf(string jobId, string file) => Path.Combine(DirectoryOf(jobId), file);

    private static long? ReadNumber(string path) =>
        File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static void WriteNumber(string path, long value) =>
        DurableFile.Replace(path, Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture) + "\n"));
}
