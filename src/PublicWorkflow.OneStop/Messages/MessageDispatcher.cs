using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.Runtime.Jobs;

namespace PublicWorkflow.OneStop.Messages;

/// <summary>
/// Delivers queued messages from the runtime's sweep: each attempt is claimed first (the attempt count is the row's
/// concurrency token, so of two nodes one sends), then sent through its channel; a failure waits the next retry delay,
/// and after the last the message is failed with the reason, visible to staff. Nothing is dropped: a message is sent at
/// least once (a crash between sending and recording may send it twice).
/// </summary>
public sealed class MessageDispatcher(OneStopDbContext db, IEnumerable<IMessageChannel> channels, MessageOptions options) : IDueWork
{
    /// <summary>How many messages one sweep delivers, so a backlog never holds the sweep long.</summary>
    private const int PerSweep = 50;

    /// <summary>How long a claimed attempt keeps others off it, should this node stop mid-send.</summary>
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    public async Task RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var due = await db.Messages.Where(m => m.Status == "pending" && m.NextAttemptAt <= now.UtcDateTime)
            .OrderBy(m => m.NextAttemptAt).Take(PerSweep).ToListAsync(cancellationToken);
        foreach (var message in due)
        {
            var channel = channels.FirstOrDefault(c => c.Name == message.Channel);
            message.Attempts++;
            message.NextAttemptAt = now.UtcDateTime + ClaimFor;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.Entry(message).State = EntityState.Detached; // another node claimed this attempt
                continue;
            }
            try
            {
                if (channel is not { Configured: true })
                {
                    throw new InvalidOperationException($"no {message.Channel} gateway is configured ({MessageOptions.Section})");
                }
                await channel.SendAsync(message, cancellationToken);
                message.Status = "sent";
                message.SentAt = now.UtcDateTime;
                message.LastError = null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                message.LastError = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
                var retry = channel is { Configured: true } && message.Attempts <= options.RetryMinutes.Length;
                message.Status = retry ? "pending" : "failed";
                message.NextAttemptAt = retry ? now.UtcDateTime.AddMinutes(options.RetryMinutes[message.Attempts - 1]) : message.NextAttemptAt;
            }
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
