using System.CommandLine;
using Firmware.Bundles;
using Firmware.Cli;
using Firmware.Fleet.Controller.Api;

namespace Firmware.Tool.Commands;

/// <summary>The <c>--controller URL</c> option of the commands that talk to a running <c>fwtool fleet serve</c>, and how its refusals become exit codes.</summary>
internal static class ControllerOption
{
    public const string DefaultUrl = "http://127.0.0.1:9100/";

    public static Option<string> Create() => new("--controller-url")
    {
        Description = "The control API of the running controller (fwtool fleet serve --listen).",
        DefaultValueFactory = _ => DefaultUrl,
    };

    public static ControlClient Client(ParseResult result, Option<string> option)
    {
        var text = result.GetValue(option)!;
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttp
            ? new ControlClient(url)
            : throw new UsageException($"--controller-url: '{text}' is not an http:// URL");
    }

    /// <summary>Exit codes: 3 when no controller answers, the bundle error class when it rejects a bundle, 2 for a refused request.</summary>
    public static (int ExitCode, string Message)? Classify(Exception e) => e switch
    {
        ControlException { Error.Kind: "unreachable" } c => (ExitCodes.Io, c.Message),
        ControlException { Error: { Kind: "bundle", BundleClass: { } code } } c => (code, $"the controller rejected the bundle: {c.Message}"),
        ControlException { Error.Kind: "bundle" } c => (ExitCodes.For(BundleErrorClass.Container), $"the controller rejected the bundle: {c.Message}"),
        ControlException { Error.Kind: "internal" } c => (ExitCodes.InternalError, $"controller error: {c.Message}"),
        ControlException c => (ExitCodes.Usage, c.Message),
        _ => null,
    };
}
