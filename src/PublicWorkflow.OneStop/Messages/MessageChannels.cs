using System.Net.Http.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using PublicWorkflow.OneStop.Persistence.Entities;

namespace PublicWorkflow.OneStop.Messages;

/// <summary>A way to reach an applicant: e-mail or SMS. Throws when the server or gateway did not take the message.</summary>
public interface IMessageChannel
{
    string Name { get; }

    /// <summary>False when no server or gateway is set: messages for it fail at once with that reason.</summary>
    bool Configured { get; }

    Task SendAsync(MessageRecord message, CancellationToken cancellationToken);
}

/// <summary>E-mail over SMTP with MailKit: UTF-8 subject and body, so Vietnamese arrives intact.</summary>
public sealed class SmtpChannel(MessageOptions options) : IMessageChannel
{
    public string Name => "email";

    public bool Configured => options.SmtpHost.Length > 0;

    public async Task SendAsync(MessageRecord message, CancellationToken cancellationToken)
    {
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(options.SmtpFrom));
        mail.To.Add(MailboxAddress.Parse(message.Address));
        mail.Subject = message.Subject;
        mail.Body = new TextPart("plain") { Text = message.Body };
        using var client = new SmtpClient { Timeout = 20_000 };
        var security = options.SmtpSecurity switch
        {
            "ssl" => SecureSocketOptions.SslOnConnect,
            "none" => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(options.SmtpHost, options.SmtpPort, security, cancellationToken);
        if (options.SmtpUser.Length > 0)
        {
            await client.AuthenticateAsync(options.SmtpUser, options.SmtpPassword, cancellationToken);
        }
        await client.SendAsync(mail, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>SMS (or Zalo) through an HTTP gateway: <c>POST {url}</c> with <c>{ to, text }</c> and the key in X-Api-Key.</summary>
public sealed class HttpSmsChannel(HttpClient http, MessageOptions options) : IMessageChannel
{
    public string Name => "sms";

    public bool Configured => options.SmsUrl.Length > 0;

    public async Task SendAsync(MessageRecord message, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.SmsUrl)
        {
            Content = JsonContent.Create(new { to = message.Address, text = $"{message.Subject}. {message.Body}" }),
        };
        request.Headers.Add("X-Api-Key", options.SmsKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the SMS gateway answered {(int)response.StatusCode}");
        }
    }
}
