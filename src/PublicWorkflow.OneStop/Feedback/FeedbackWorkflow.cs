namespace PublicWorkflow.OneStop.Feedback;

/// <summary>
/// The hub's workflow (workflows/feedback-handling.bpmn) as the domain reads it: each step is known by its
/// <c>pwf:form</c>, so an officer may rename, move or add steps in the designer; the variables its paths test.
/// </summary>
public static class FeedbackWorkflow
{
    public const string Key = "feedback-handling";

    /// <summary>The hub's steps are the group of this unit: the Customer Support and Care Center of the public service center.</summary>
    public const string HubGroup = "TTHCC.CSKH";

    public const string ClassifyForm = "feedback/classify";
    public const string AnswerForm = "feedback/answer";
    public const string ApproveForm = "feedback/approve";
    public const string PublishForm = "feedback/publish";

    /// <summary>The message the submitter's added information delivers.</summary>
    public const string MoreInfoMessage = "feedbackMoreInfo";

    /// <summary>Outputs of the steps.</summary>
    public const string Classification = "classification";
    public const string Category = "category";
    public const string Agency = "agency";
    public const string Reason = "reason";
    public const string Answer = "answer";
    public const string Approval = "approval";
    public const string Question = "question";

    public const string Accept = "accept";
    public const string Refuse = "refuse";
    public const string MoreInfo = "more-info";
    public const string Approve = "approve";
    public const string Revise = "revise";

    public static readonly IReadOnlyList<string> Categories = ["procedure", "dossier", "conduct", "policy", "other"];

    public static readonly IReadOnlyList<string> Channels = ["web", "portal", "hotline", "counter", "partner"];

    /// <summary>Still in someone's hands: its deadline runs.</summary>
    public static bool IsOpen(string status) => status is FeedbackStatus.Received or FeedbackStatus.Routed or FeedbackStatus.Answered or FeedbackStatus.Approved;
}

public static class FeedbackStatus
{
    public const string Received = "received";
    public const string MoreInfo = "more-info";
    public const string Routed = "routed";
    public const string Answered = "answered";
    public const string Approved = "approved";
    public const string Published = "published";
    public const string Refused = "refused";
}
