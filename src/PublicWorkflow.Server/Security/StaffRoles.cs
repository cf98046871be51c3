using System.Security.Claims;
using PublicWorkflow.OneStop.Staff;

namespace PublicWorkflow.Server.Security;

/// <summary>The staff roles, and the policies endpoints are secured by.</summary>
public static class StaffRoles
{
    public const string ReformOfficer = "reform-officer";
    public const string Clerk = "clerk";
    public const string TeamLead = "team-lead";
    public const string Supervisor = "supervisor";
    public const string Administrator = "administrator";
    /// <summary>The Customer Support and Care hub: takes in, classifies, routes and publishes feedback; sees every item.</summary>
    public const string SupportAgent = "support-agent";

    public static readonly string[] All = [ReformOfficer, Clerk, TeamLead, Supervisor, Administrator, SupportAgent];

    /// <summary>Policy names: who may call an endpoint.</summary>
    public static class Policies
    {
        /// <summary>Design and publish procedures.</summary>
        public const string Design = "design";
        /// <summary>Receive dossiers and work on cases (scoped to the user's agency, level and branch).</summary>
        public const string CaseWork = "case-work";
        /// <summary>Reassign tasks of an agency.</summary>
        public const string Lead = "lead";
        /// <summary>See every agency: escalations, incidents, measures.</summary>
        public const string Supervise = "supervise";
        /// <summary>Read the service-quality indicators: the supervisor, and reform officers who simplify procedures by them.</summary>
        public const string Indicators = "indicators";
        /// <summary>Operate the system (the job dashboard).</summary>
        public const string Administer = "administer";
        /// <summary>Any member of staff.</summary>
        public const string Staff = "staff";
        /// <summary>Work on steps in one's inbox: case workers and the hub's support agents.</summary>
        public const string Tasks = "tasks";
        /// <summary>Feedback items: the hub and the supervisor see all, an agency's staff those routed to it.</summary>
        public const string Feedback = "feedback";
        /// <summary>The hub's measures: the supervisor and the hub.</summary>
        public const string FeedbackMeasures = "feedback-measures";
    }

    public static readonly IReadOnlyDictionary<string, string[]> PolicyRoles = new Dictionary<string, string[]>
    {
        [Policies.Design] = [ReformOfficer],
        [Policies.CaseWork] = [Clerk, TeamLead, Supervisor],
        [Policies.Lead] = [TeamLead, Supervisor],
        [Policies.Supervise] = [Supervisor],
        [Policies.Indicators] = [Supervisor, ReformOfficer],
        [Policies.Administer] = [Administrator],
        [Policies.Staff] = All,
        [Policies.Tasks] = [Clerk, TeamLead, Supervisor, SupportAgent],
        [Policies.Feedback] = [Clerk, TeamLead, Supervisor, SupportAgent],
        [Policies.FeedbackMeasures] = [Supervisor, SupportAgent],
    };
}

/// <summary>Who is calling: name, role and where they work, read from the sign-in's claims.</summary>
public sealed record StaffMember(string UserName, string Role, string? AgencyCode, string? Level, string? BranchCode, IReadOnlyList<string> JobRoles)
{
    public const string AgencyClaim = "pwf:agency";
    public const string LevelClaim = "pwf:level";
    public const string BranchClaim = "pwf:branch";
    public const string JobRolesClaim = "pwf:job-roles";

    /// <summary>The sign-in's session (see <see cref="StaffSessions"/>), which sign-out and password changes end.</summary>
    public const string SessionClaim = "pwf:session";

    /// <summary>The job role of a branch's one-stop desk: receives dossiers of every channel and reviews online filings.</summary>
    public const string ReceptionClerk = "reception-clerk";

    public bool SeesAllAgencies => Role == StaffRoles.Supervisor;

    /// <summary>What this member of staff may see, as the domain's read models and checks take it.</summary>
    public StaffScope Scope => new(UserName, AgencyCode, BranchCode, SeesAllAgencies, JobRoles);

    public bool WorksFor(string? agencyOrBranch) => Scope.WorksFor(agencyOrBranch);

    /// <summary>The claims of a signed-in account, carried in its cookie or token.</summary>
    public static ClaimsPrincipal Principal(StaffSignIn signIn, string scheme)
    {
        var user = signIn.Account;
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.Role, user.Role),
            new(ClaimTypes.GivenName, user.DisplayName),
            new(JobRolesClaim, user.JobRoles),
            new(SessionClaim, signIn.SessionId),
        };
        foreach (var (type, value) in new[] { (AgencyClaim, user.AgencyCode), (LevelClaim, user.Level), (BranchClaim, user.BranchCode) })
        {
            if (value is not null)
            {
                claims.Add(new Claim(type, value));
            }
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public static StaffMember From(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? throw new InvalidOperationException("no signed-in user"),
        user.FindFirstValue(ClaimTypes.Role) ?? "",
        user.FindFirstValue(AgencyClaim),
        user.FindFirstValue(LevelClaim),
        user.FindFirstValue(BranchClaim),
        ParseJobRoles(user.FindFirstValue(JobRolesClaim)));

    /// <summary>Job roles as stored and carried in the sign-in: comma-separated, e.g. "specialist,agency-leader".</summary>
    public static string[] ParseJobRoles(string? jobRoles) => (jobRoles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
}
