using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Storage;

namespace PublicWorkflow.OneStop.Tests.Support;

/// <summary>A real SMTP server (the SmtpServer package) on a free loopback port, keeping every message it receives, parsed.</summary>
public sealed class TestSmtpServer : IDisposable
{
    private readonly ConcurrentQueue<MimeMessage> inbox = new();
    private readonly CancellationTokenSource stop = new();

    public TestSmtpServer()
    {
        Port = TestPorts.Free();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var provider = new SmtpServer.ComponentModel.ServiceProvider();
        provider.Add(new Inbox(inbox));
        _ = new SmtpServer.SmtpServer(options, provider).StartAsync(stop.Token);
    }

    public int Port { get; }

    public bool IsEmpty => inbox.IsEmpty;

    /// <summary>The next message to arrive (within 5 s), or a failed assertion.</summary>
    public async Task<MimeMessage> ArrivedAsync()
    {
        for (var i = 0; i < 50; i++)
        {
            if (inbox.TryDequeue(out var mail))
            {
                return mail;
            }
            await Task.Delay(100);
        }
        throw new AssertionException("no e-mail arrived at the in-process SMTP server");
    }

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }

    private sealed class Inbox(ConcurrentQueue<MimeMessage> inbox) : MessageStore
    {
        public override Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            inbox.Enqueue(MimeMessage.Load(new MemoryStream(buffer.ToArray())));
            return Task.FromResult(SmtpServer.Protocol.SmtpResponse.Ok);
        }
    }
}
