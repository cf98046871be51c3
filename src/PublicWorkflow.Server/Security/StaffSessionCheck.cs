using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using PublicWorkflow.OneStop.Staff;

namespace PublicWorkflow.Server.Security;

/// <summary>
/// Runs after every successful authentication (cookie or bearer): a principal whose session is no longer active becomes
/// anonymous, so the endpoint answers 401 as if no credential had been sent.
/// </summary>
internal sealed class StaffSessionCheck(StaffSessions sessions) : IClaimsTransformation
{
    // No request token here: an IHttpContextAccessor would cost every request, and the check rarely reaches the database.
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && !await sessions.IsActiveAsync(principal.FindFirstValue(StaffMember.SessionClaim), principal.Identity.Name,
            CancellationToken.None)
            ? new ClaimsPrincipal(new ClaimsIdentity())
            : principal;
}

/// <summary>
/// A credential whose session has ended authenticates (the cookie or token itself is intact) but carries no identity
/// after <see cref="StaffSessionCheck"/>: such a request is answered 401, as if no credential had been sent, not 403.
/// </summary>
internal sealed class EndedSessionChallenge : Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler
{
    private readonly Microsoft.AspNetCore.Authorization.Policy.AuthorizationMiddlewareResultHandler standard = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, Microsoft.AspNetCore.Authorization.AuthorizationPolicy policy,
        Microsoft.AspNetCore.Authorization.Policy.PolicyAuthorizationResult authorizeResult) =>
        standard.HandleAsync(next, context, policy, authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated != true
            ? Microsoft.AspNetCore.Authorization.Policy.PolicyAuthorizationResult.Challenge()
            : authorizeResult);
}
