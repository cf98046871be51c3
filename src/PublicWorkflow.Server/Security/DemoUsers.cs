using Microsoft.Extensions.Options;
using PublicWorkflow.OneStop.Staff;
using PublicWorkflow.Server.Hosting;

namespace PublicWorkflow.Server.Security;

/// <summary>
/// Demo accounts, one per role, for the embedded default (their passwords are printed in the README as demo-only).
/// Created only when <c>PublicWorkflow:SeedDemoUsers</c> is true and the account does not exist yet. When it is false, a
/// demo account that still has its published password (a database first run as the demo) is deactivated, so the README's
/// passwords never open a production system.
/// </summary>
internal sealed class DemoUsers(IServiceScopeFactory scopes, IOptions<ServerOptions> options, ILogger<DemoUsers> log) : IHostedService
{
    public static readonly (string User, string Name, string Password, string Role, string? Agency, string? Level, string? Branch, string JobRoles)[] Accounts =
    [
        ("officer", "Cán bộ cải cách hành chính", "officer-demo-2026", StaffRoles.ReformOfficer, null, null, null, ""),
        ("clerk.cn01", "Công chức một cửa, Chi nhánh 01", "clerk-demo-2026", StaffRoles.Clerk, null, "branch", "CN01", "reception-clerk"),
        ("clerk.hoankiem", "Chuyên viên UBND phường Hoàn Kiếm", "clerk-demo-2026", StaffRoles.Clerk, "UB.P.HOANKIEM", "commune", null,
            "specialist,agency-leader,document-clerk,civil-status-officer,business-registration-officer,construction-officer,commune-chairman"),
        ("lead.hoankiem", "Trưởng bộ phận, UBND phường Hoàn Kiếm", "lead-demo-2026", StaffRoles.TeamLead, "UB.P.HOANKIEM", "commune", null, "specialist,agency-leader"),
        ("supervisor", "Giám sát Trung tâm", "supervisor-demo-2026", StaffRoles.Supervisor, null, null, null, ""),
        ("admin", "Quản trị hệ thống", "admin-demo-2026", StaffRoles.Administrator, null, null, null, ""),
        ("support", "Chuyên viên Trung tâm Chăm sóc khách hàng", "support-demo-2026", StaffRoles.SupportAgent, OneStop.Feedback.FeedbackWorkflow.HubGroup, "city", null,
            "support-agent"),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        if (!options.Value.SeedDemoUsers)
        {
            var published = Accounts.ToDictionary(a => a.User, a => a.Password);
            foreach (var name in await accounts.DeactivateWithPasswordsAsync(published, cancellationToken))
            {
                log.LogWarning("Demo account {User} still had its published password and was deactivated (SeedDemoUsers is off)", name);
            }
            return;
        }
        foreach (var a in Accounts)
        {
            // An account that exists (made before, or by another node starting at the same moment) is left as it is.
            await accounts.CreateAsync(a.User, a.Name, a.Password, a.Role, a.Agency, a.Level, a.Branch, a.JobRoles, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
