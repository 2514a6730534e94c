namespace Firmware.Fleet.Controller.Api;

/// <summary>Why the control API refused a request: <c>usage</c>, <c>bundle</c> (with the bundle error class, which is fwtool's exit code), <c>notFound</c>, <c>conflict</c>.</summary>
public sealed record ErrorView(string Kind, string Message, int? BundleClass = null);
