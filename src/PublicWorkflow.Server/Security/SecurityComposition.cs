using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using PublicWorkflow.OneStop.Staff;
using PublicWorkflow.Server.Hosting;

namespace PublicWorkflow.Server.Security;

/// <summary>
/// Staff sign in with a name and password and get a cookie (the web UI) or a bearer token (API clients). One policy
/// scheme picks the handler by the request: a Bearer header means a token, anything else the cookie. API calls are
/// answered 401/403, never redirected to a login page.
/// </summary>
public static class SecurityComposition
{
    public const string Scheme = "staff";

    /// <summary>A working day: a session, its cookie and its refresh token end with it.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(9);

    public static IServiceCollection AddStaffSecurity(this IServiceCollection services)
    {
        services.AddSingleton(provider =>
        {
            var server = provider.GetRequiredService<IOptions<ServerOptions>>().Value;
            return new StaffAccountRules(server.SignInLockoutFailures, TimeSpan.FromMinutes(server.SignInLockoutMinutes),
                DemoUsers.Accounts.Select(a => a.Password).ToList());
        });
        services.AddScoped<Microsoft.AspNetCore.Authentication.IClaimsTransformation, StaffSessionCheck>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, EndedSessionChallenge>();
        services.AddHostedService<DemoUsers>();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or bearer token", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? BearerTokenDefaults.AuthenticationScheme
                        : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "pwf.staff";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.ExpireTimeSpan = SessionLifetime;
                options.SlidingExpiration = true;
                options.Events.OnRedirectToLogin = context => Deny(context.Response, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => Deny(context.Response, StatusCodes.Status403Forbidden);
            })
            .AddBearerToken(options =>
            {
                // Short-lived access tokens; the refresh token (valid for the working day) gets a new one while its session lives.
                options.BearerTokenExpiration = TimeSpan.FromHours(1);
                options.RefreshTokenExpiration = SessionLifetime;
            });
        services.AddAuthorization(options =>
        {
            foreach (var (policy, roles) in StaffRoles.PolicyRoles)
            {
                options.AddPolicy(policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireRole(roles));
            }
        });
        return services;
    }

    private static Task Deny(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
