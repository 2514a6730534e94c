using Firmware.Device.Slots;
using LiteDB;

namespace Firmware.Device.Updates.Checkpoints;

/// <summary>
/// The checkpoint as a <see cref="BsonDocument"/>, by hand: LiteDB's POCO mapper relies on
/// reflection that NativeAOT trims away. Enums are stored by name, instants as Unix milliseconds.
/// Field names are the schema (docs/agent.md, "Checkpoint schema 1").
/// </summary>
internal static class CheckpointBson
{
    public static BsonDocument ToBson(Checkpoint checkpoint) => new()
    {
        ["generation"] = checkpoint.Generation,
        ["device"] = new BsonDocument
        {
            ["installedVersion"] = checkpoint.Device.InstalledVersion,
            ["floor"] = checkpoint.Device.Floor,
        },
        ["update"] = checkpoint.Update is { } update ? ToBson(update) : BsonValue.Null,
        ["outbox"] = new BsonArray(checkpoint.Outbox.Select(ToBson)),
    };

    public static Checkpoint FromBson(BsonDocument document)
    {
        var device = document["device"].AsDocument;
        var update = document["update"];
        return new Checkpoint
        {
            Generation = document["generation"].AsInt64,
            Device = new DeviceRecord { InstalledVersion = OptionalString(device, "installedVersion"), Floor = OptionalString(device, "floor") },
            Update = update.IsNull ? null : UpdateFromBson(update.AsDocument),
            Outbox = document["outbox"].AsArray.Select(entry => OutboxFromBson(entry.AsDocument)).ToList(),
        };
    }

    private static BsonDocument ToBson(UpdateRecord update) => new()
    {
        ["id"] = update.Id,
        ["source"] = update.Source,
        ["payload"] = update.Payload,
        ["state"] = update.State.ToString(),
        ["activeSlot"] = update.ActiveSlot.Letter(),
        ["offered"] = update.Offered.ToUnixTimeMilliseconds(),
        ["staged"] = update.Staged,
        ["downloaded"] = update.Downloaded,
        ["manifestSha256"] = update.ManifestSha256,
        ["version"] = update.Version,
        ["minVersion"] = update.MinVersion,
        ["stateEntries"] = update.StateEntries,
        ["attempts"] = update.Attempts,
        ["error"] = update.Error,
        ["errorCode"] = update.ErrorCode?.ToString(),
        ["finished"] = update.Finished,
    };

    private static UpdateRecord UpdateFromBson(BsonDocument document) => new()
    {
        Id = document["id"].AsString,
        Source = document["source"].AsString,
        Payload = document["payload"].AsString,
        State = Enum.Parse<UpdateStateName>(document["state"].AsString),
        ActiveSlot = Slot(document["activeSlot"].AsString),
        Offered = DateTimeOffset.FromUnixTimeMilliseconds(document["offered"].AsInt64),
        Staged = OptionalString(document, "staged"),
        Downloaded = document["downloaded"].AsInt64,
        ManifestSha256 = OptionalString(document, "manifestSha256"),
        Version = OptionalString(document, "version"),
        MinVersion = OptionalString(document, "minVersion"),
        StateEntries = document["stateEntries"].AsInt32,
        Attempts = document["attempts"].AsInt32,
        Error = OptionalString(document, "error"),
        ErrorCode = OptionalString(document, "errorCode") is { } code ? Enum.Parse<UpdateError>(code) : null,
        Finished = document["finished"].AsBoolean,
    };

    private static BsonDocument ToBson(OutboxEntry entry) => new()
    {
        ["id"] = entry.Id,
        ["outcome"] = entry.Outcome.ToString(),
        ["version"] = entry.Version,
        ["slot"] = entry.Slot.Letter(),
        ["detail"] = entry.Detail,
        ["errorCode"] = entry.ErrorCode?.ToString(),
        ["acknowledged"] = entry.Acknowledged,
    };

    private static OutboxEntry OutboxFromBson(BsonDocument document) => new()
    {
        Id = document["id"].AsString,
        Outcome = Enum.Parse<UpdateOutcome>(document["outcome"].AsString),
        Version = OptionalString(document, "version"),
        Slot = Slot(document["slot"].AsString),
        Detail = OptionalString(document, "detail"),
        ErrorCode = OptionalString(document, "errorCode") is { } code ? Enum.Parse<UpdateError>(code) : null,
        Acknowledged = document["acknowledged"].AsBoolean,
    };

    private static string? OptionalString(BsonDocument document, string key) =>
        document.TryGetValue(key, out var value) && !value.IsNull ? value.AsString : null;

    private static SlotName Slot(string letter) =>
        SlotNames.TryParse(letter, out var slot) ? slot : throw new FormatException($"'{letter}' is not a slot");
}
