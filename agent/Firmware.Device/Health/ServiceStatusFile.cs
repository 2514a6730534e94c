using System.Text.Json;

namespace Firmware.Device.Health;

/// <summary>
/// The status file the init writes (docs/agent.md, "Service status"): one JSON object per line,
/// <c>{"name":"sshd","state":"running","restarts":0}</c>, replaced atomically (written beside it
/// and renamed) whenever a service changes state, so a reader never sees half a table.
/// </summary>
public sealed class ServiceStatusFile(string path) : IServiceStatusSource
{
    /// <summary>The file's path.</summary>
    public string Path { get; } = path;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ServiceStatus>> ReadAsync(CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(Path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ServiceStatusException($"{Path}: cannot read the init's service status ({e.Message})", e);
        }

        return Parse(text, Path);
    }

    /// <summary>Parses the file's text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ServiceStatusException">A line is not a service object.</exception>
    public static IReadOnlyList<ServiceStatus> Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var services = new List<ServiceStatus>();
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            ServiceStatusLine? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize(line, HealthJsonContext.Default.ServiceStatusLine);
            }
            catch (JsonException e)
            {
                throw new ServiceStatusException($"{source}:{number}: not a service status object: {e.Message}", e);
            }

            if (parsed is not { Name.Length: > 0, State.Length: > 0 })
            {
                throw new ServiceStatusException($"{source}:{number}: a service status needs \"name\" and \"state\"");
            }

            services.Add(new ServiceStatus(parsed.Name, parsed.State, parsed.Restarts) { Since = parsed.Since });
        }

        return services;
    }
}
