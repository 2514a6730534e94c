using System.Globalization;
using Firmware.Image.Runtime;
using Firmware.Image.Spec;
using Firmware.Oci.Model;
using Firmware.Oci.Writing;

namespace Firmware.Image.Packages;

/// <summary>
/// <c>fwtool pkg build</c>: a package directory and its pkg.yml become an OCI image layout holding
/// an image index over one image per architecture, each a single reproducible layer and a config
/// carrying pkg.yml's entrypoint, cmd, env, workdir and user, with its validated <c>config:</c>
/// written into the <c>org.mobyproject.config</c> label by <see cref="MobyConfigLabel.Write"/>
/// (as LinuxKit packages carry theirs), which the image build reads back with the same schema. No Docker, no
/// emulation: files are copied, not built. The layout is written beside the output and moved
/// into place only when complete.
/// </summary>
public static class PackageBuilder
{
    /// <summary>Builds the package <paramref name="request"/> names.</summary>
    /// <exception cref="SpecException">pkg.yml is malformed, or names a file that does not exist.</exception>
    /// <exception cref="ArgumentException">An architecture asked for is not one pkg.yml lists.</exception>
    /// <exception cref="IOException">The output exists and is not an OCI layout, or cannot be written.</exception>
    public static async Task<PackageBuildResult> BuildAsync(PackageBuildRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Tag);
        var definition = PackageDefinitionReader.Load(request.Directory);
        var label = MobyConfigLabel.Write(definition.Config);
        var architectures = SelectArchitectures(definition, request.Architectures);
        var plans = architectures.Select(a => (Architecture: a, Entries: PackageLayerPlanner.Plan(definition, request.Directory, a))).ToList();

        var output = Path.GetFullPath(request.Output);
        if (Directory.Exists(output) && !File.Exists(Path.Combine(output, "oci-layout")))
        {
            throw new IOException($"{request.Output} exists and is not an OCI layout; refusing to replace it");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var temporary = Path.Combine(Path.GetDirectoryName(output)!, $".{Path.GetFileName(output)}.{Environment.ProcessId}.tmp");
        try
        {
            var writer = new OciLayoutWriter(temporary);
            var images = new List<PackageImage>();
            foreach (var (architecture, entries) in plans)
            {
                var layer = await writer.WriteLayerAsync(entries, request.SourceDate, cancellationToken);
                var manifest = await writer.WriteImageAsync(Config(definition, architecture, label, layer.DiffId, request.SourceDate), [layer.Descriptor], cancellationToken);
                images.Add(new PackageImage(manifest, layer.Descriptor, entries.Count));
            }

            var index = await writer.WriteIndexAsync([.. images.Select(i => i.Manifest)], cancellationToken);
            await writer.WriteIndexJsonAsync([OciLayoutWriter.Tagged(index, request.Tag)], cancellationToken);
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }

            Directory.Move(temporary, output);
            return new PackageBuildResult(definition.Name, request.Tag, output, index, images);
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    private static List<string> SelectArchitectures(PackageDefinition definition, IReadOnlyList<string>? requested)
    {
        if (requested is null)
        {
            return [.. definition.Architectures];
        }

        var unknown = requested.FirstOrDefault(a => !definition.Architectures.Contains(a));
        return unknown is null && requested.Count > 0
            ? [.. requested.Distinct()]
            : throw new ArgumentException(
                $"{definition.Source} builds {string.Join(", ", definition.Architectures)}; '{unknown ?? "(none)"}' is not one of them", nameof(requested));
    }

    private static ImageConfig Config(PackageDefinition definition, string architecture, string label, Digest diffId, DateTimeOffset created)
    {
        var timestamp = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new ImageConfig
        {
            Created = timestamp,
            Architecture = architecture,
            Os = "linux",
            Config = new ContainerConfig
            {
                User = definition.User,
                Env = definition.Env,
                Entrypoint = definition.Entrypoint,
                Cmd = definition.Cmd,
                WorkingDir = definition.Workdir,
                Labels = new SortedDictionary<string, string>(StringComparer.Ordinal) { [MobyConfigLabel.Key] = label },
            },
            RootFs = new RootFs { Type = "layers", DiffIds = [diffId] },
            History = [new HistoryEntry { Created = timestamp, CreatedBy = $"fwtool pkg build ({definition.Name})" }],
        };
    }
}
