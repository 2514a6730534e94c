using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Firmware.Image.Build.Qemu;

/// <summary>
/// The few words of QEMU's machine protocol (QMP) a session needs: connect to its Unix socket, read
/// the greeting, leave capabilities negotiation (<c>qmp_capabilities</c>), then run commands. QMP is
/// one JSON object per line each way; asynchronous events (<c>{"event": ...}</c>) may arrive between
/// a command and its reply and are skipped.
/// </summary>
public sealed class QmpClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly StreamReader _reader;
    private readonly StreamWriter _writer;

    private QmpClient(Socket socket)
    {
        _socket = socket;
        var stream = new NetworkStream(socket, ownsSocket: false);
        _reader = new StreamReader(stream, Encoding.UTF8);
        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true };
    }

    /// <summary>Connects to the QMP socket at <paramref name="path"/> and enters command mode.</summary>
    /// <exception cref="IOException">The peer is not a QMP server, or refused <c>qmp_capabilities</c>.</exception>
    /// <exception cref="SocketException">Nothing listens at <paramref name="path"/>.</exception>
    public static async Task<QmpClient> ConnectAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var client = new QmpClient(socket);
        try
        {
            using var greeting = await client.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (!greeting.RootElement.TryGetProperty("QMP", out _))
            {
                throw new IOException($"{path}: not a QMP greeting: {greeting.RootElement.GetRawText()}");
            }

            await client.ExecuteAsync("qmp_capabilities", cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs <paramref name="command"/> (no arguments) and waits for its reply.</summary>
    /// <exception cref="IOException">QEMU answered with an error, or closed the connection.</exception>
    public async Task ExecuteAsync(string command, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        if (!command.All(c => char.IsAsciiLetterLower(c) || c is '_' or '-'))
        {
            // QMP command names are such identifiers; anything else would need JSON escaping.
            throw new ArgumentException($"not a QMP command name: {command}", nameof(command));
        }

        await _writer.WriteLineAsync($"{{\"execute\":\"{command}\"}}").ConfigureAwait(false);
        while (true)
        {
            using var reply = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (reply.RootElement.TryGetProperty("return", out _))
            {
                return;
            }

            if (reply.RootElement.TryGetProperty("error", out var error))
            {
                var description = error.TryGetProperty("desc", out var desc) ? desc.GetString() : error.GetRawText();
                throw new IOException($"QMP {command}: {description}");
            }
        }
    }

    private async Task<JsonDocument> ReadAsync(CancellationToken cancellationToken)
    {
        var line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new IOException("QMP: the connection closed before a reply");
        try
        {
            var message = JsonDocument.Parse(line);
            if (message.RootElement.ValueKind != JsonValueKind.Object)
            {
                message.Dispose();
                throw new IOException($"QMP: not a JSON object: {line}");
            }

            return message;
        }
        catch (JsonException e)
        {
            throw new IOException($"QMP: not JSON: {line}", e);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        _reader.Dispose();
        _socket.Dispose();
    }
}
