using System.Net;
using System.Net.Sockets;

namespace Warehouse.Web.Tests.Infrastructure;

/// <summary>
/// A TCP forwarder to the Api that a test can take down and bring back on the same port, so a Web pointed at it
/// sees the Api vanish (connections refused, open ones cut) and return, without restarting the real Api.
/// </summary>
public sealed class SwitchableProxy : IAsyncDisposable
{
    private readonly Uri target;
    private readonly List<TcpClient> open = [];
    private TcpListener? listener;
    private CancellationTokenSource? running;

    public SwitchableProxy(string targetBaseUrl)
    {
        target = new Uri(targetBaseUrl);
        Port = FreePort.Next();
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public void Up()
    {
        if (listener is not null) return;
        var newListener = new TcpListener(IPAddress.Loopback, Port);
        newListener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        newListener.Start();
        listener = newListener;
        running = new CancellationTokenSource();
        _ = AcceptAsync(newListener, running.Token);
    }

    /// <summary>Stops listening and cuts every forwarded connection: the Api is, as far as the Web can tell, gone.</summary>
    public void Down()
    {
        running?.Cancel();
        listener?.Stop();
        listener = null;
        lock (open)
        {
            foreach (var client in open) client.Dispose();
            open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener from, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await from.AcceptTcpClientAsync(ct);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = ForwardAsync(client, ct);
        }
    }

    private async Task ForwardAsync(TcpClient client, CancellationToken ct)
    {
        var upstream = new TcpClient();
        lock (open)
        {
            open.Add(client);
            open.Add(upstream);
        }
        try
        {
            await upstream.ConnectAsync(target.Host, target.Port, ct);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var a = client.GetStream().CopyToAsync(upstream.GetStream(), linked.Token);
            var b = upstream.GetStream().CopyToAsync(client.GetStream(), linked.Token);
            await Task.WhenAny(a, b);
            linked.Cancel();
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A cut connection is what this proxy is for.
        }
        finally
        {
            client.Dispose();
            upstream.Dispose();
            lock (open)
            {
                open.Remove(client);
                open.Remove(upstream);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Down();
        running?.Dispose();
        return ValueTask.CompletedTask;
    }
}
