namespace PublicWorkflow.OneStop.Feedback;

/// <summary>
/// The hub's deadlines and limits (<c>PublicWorkflow:Feedback</c>). The default deadlines are Decision 766's group-5
/// figures as the domain review reports them from one secondary source ([S]; unverified): handle within 15 working
/// days, refuse within 2, ask for more within 5, publish within 2.
/// </summary>
public sealed class FeedbackOptions
{
    public const string Section = "PublicWorkflow:Feedback";

    public int HandleWorkingDays { get; set; } = 15;
    public int RefuseWorkingDays { get; set; } = 2;
    public int MoreInfoWorkingDays { get; set; } = 5;
    public int PublishWorkingDays { get; set; } = 2;

    /// <summary>The share of a stage's time after which its owner is warned.</summary>
    public decimal WarningShare { get; set; } = 0.75m;

    /// <summary>The same text from the same sender within this time is merged into the first item.</summary>
    public int DuplicateWindowMinutes { get; set; } = 10;

    /// <summary>Partner systems allowed to post items (the city's citizen app…), each with its own secret.</summary>
    public List<FeedbackPartner> Partners { get; set; } = [];

    /// <summary>A request's timestamp may differ from ours by at most this much (replayed signatures go stale).</summary>
    public int SignatureSkewMinutes { get; set; } = 5;
}

/// <summary>A partner: its id, name, and secret; <c>Auth</c> is <c>hmac</c> (X-Signature over timestamp and body) or <c>key</c> (X-Api-Key).</summary>
public sealed class FeedbackPartner
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Secret { get; set; } = "";
    public string Auth { get; set; } = "hmac";
}
