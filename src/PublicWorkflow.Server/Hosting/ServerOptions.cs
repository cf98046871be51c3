namespace PublicWorkflow.Server.Hosting;

/// <summary>Settings under "PublicWorkflow". Relative paths are looked up from the content root and its parents.</summary>
public sealed class ServerOptions
{
    public const string Section = "PublicWorkflow";

    /// <summary>Folder of BPMN files, one per procedure workflow.</summary>
    public string WorkflowsDirectory { get; set; } = "workflows";

    /// <summary>The working-day calendar data; editable without recompiling.</summary>
    public string CalendarFile { get; set; } = "procedure-catalog/calendar/vn-civil-service.json";

    /// <summary>The procedure catalog: structure/ (levels, units, agencies, branches) and procedures/*.json.</summary>
    public string CatalogDirectory { get; set; } = "procedure-catalog";

    /// <summary>
    /// Where the keys that protect cookies and tokens are kept; several nodes must share one folder (a mounted volume) or
    /// each refuses the others' cookies. Empty: ASP.NET Core's default for the user running the server.
    /// </summary>
    public string DataProtectionKeysFolder { get; set; } = "";

    /// <summary>Creates the demo accounts of the README (the embedded default only; off in production).</summary>
    public bool SeedDemoUsers { get; set; }

    /// <summary>
    /// Requests one client (IP address) may make to the public endpoints per minute; beyond it, 429. Behind a reverse
    /// proxy, forward the client's address (X-Forwarded-For) or every citizen shares the proxy's budget.
    /// </summary>
    public int PublicRequestsPerMinute { get; set; } = 60;

    /// <summary>Sign-in attempts one client (IP address) may make per minute, whatever the account; beyond it, 429.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 20;

    /// <summary>Wrong passwords in a row that lock an account.</summary>
    public int SignInLockoutFailures { get; set; } = 5;

    /// <summary>How long a locked account refuses every sign-in, the right password included.</summary>
    public double SignInLockoutMinutes { get; set; } = 15;
}
