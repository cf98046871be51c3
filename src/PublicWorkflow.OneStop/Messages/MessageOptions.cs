namespace PublicWorkflow.OneStop.Messages;

/// <summary>Settings under "PublicWorkflow:Messages". A channel with no server or gateway set marks its messages failed, visibly.</summary>
public sealed class MessageOptions
{
    public const string Section = "PublicWorkflow:Messages";

    public string SmtpHost { get; set; } = "";
    public int SmtpPort { get; set; } = 587;
    /// <summary>TLS: none, starttls or ssl.</summary>
    public string SmtpSecurity { get; set; } = "starttls";
    public string SmtpUser { get; set; } = "";
    public string SmtpPassword { get; set; } = "";
    public string SmtpFrom { get; set; } = "Trung tâm Phục vụ hành chính công Hà Nội <no-reply@example.invalid>";

    /// <summary>The SMS/Zalo gateway: a POST of <c>{ to, text }</c> with the key in X-Api-Key.</summary>
    public string SmsUrl { get; set; } = "";
    public string SmsKey { get; set; } = "";

    /// <summary>Minutes to wait before each retry; after the last, the message is failed.</summary>
    public int[] RetryMinutes { get; set; } = [1, 5, 30, 120];
}
