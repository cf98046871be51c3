using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using PublicWorkflow.OneStop.Citizens;
using PublicWorkflow.Runtime;

namespace PublicWorkflow.Server.Security;

/// <summary>The citizens' sign-in: its own cookie and session, and optionally the national identity provider (OpenID Connect).</summary>
public sealed class CitizenOptions
{
    public const string Section = "PublicWorkflow:Citizens";

    public double SessionHours { get; set; } = 8;

    public CitizenIdentityOptions Identity { get; set; } = new();
}

/// <summary>The external identity provider (VNeID's OpenID Connect); no Authority, no such sign-in.</summary>
public sealed class CitizenIdentityOptions
{
    /// <summary>The provider's issuer, e.g. http://localhost:5081/ for the stand-in.</summary>
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "publicworkflow";
    /// <summary>The client secret the provider issued; with <see cref="StandIn"/> and no secret, a random one is made at each start.</summary>
    public string ClientSecret { get; set; } = "";
    public string DisplayName { get; set; } = "VNeID";
    /// <summary>The ID-token claim holding the personal ID number.</summary>
    public string PersonalIdClaim { get; set; } = PublicWorkflow.IdentityStandIn.IdentityStandIn.PersonalIdClaim;
    /// <summary>Start the in-process stand-in at <see cref="Authority"/> (development and tests; never in production).</summary>
    public bool StandIn { get; set; }
    /// <summary>The callback the stand-in accepts; empty: the public base address + /signin-vneid.</summary>
    public string StandInRedirectUri { get; set; } = "";

    public bool Enabled => Authority.Length > 0;
}

/// <summary>Who the signed-in citizen is, from the claims of their cookie.</summary>
public sealed record CitizenMember(Guid AccountId)
{
    public const string Role = "citizen";
    public const string AccountClaim = "pwf:citizen";

    public static ClaimsPrincipal Principal(CitizenSignIn signIn) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.Name, signIn.Account.SessionName),
        new Claim(ClaimTypes.Role, Role),
        new Claim(AccountClaim, signIn.Account.Id.ToString("N")),
        new Claim(StaffMember.SessionClaim, signIn.SessionId),
    ], CitizenSecurity.Scheme));

    public static CitizenMember From(ClaimsPrincipal user) =>
        Guid.TryParseExact(user.FindFirstValue(AccountClaim), "N", out var id) ? new CitizenMember(id) : throw new InvalidOperationException("no signed-in citizen");
}

public static class CitizenSecurity
{
    public const string Scheme = "citizen";
    public const string ExternalScheme = "vneid";
    public const string Policy = "citizen";
    public const string CallbackPath = "/signin-vneid";

    public static IServiceCollection AddCitizenSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new CitizenOptions();
        configuration.GetSection(CitizenOptions.Section).Bind(options);
        if (options.Identity.StandIn && options.Identity.ClientSecret.Length == 0)
        {
            options.Identity.ClientSecret = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        }
        services.AddSingleton(options);
        var authentication = services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = "pwf.citizen";
            cookie.Cookie.HttpOnly = true;
            // Lax: the return from the identity provider is a cross-site navigation that must arrive signed in.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(options.SessionHours);
            cookie.Events.OnRedirectToLogin = context => Deny(context.Response, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Deny(context.Response, StatusCodes.Status403Forbidden);
        });
        if (options.Identity.Enabled)
        {
            authentication.AddOpenIdConnect(ExternalScheme, options.Identity.DisplayName, oidc =>
            {
                oidc.Authority = options.Identity.Authority;
                oidc.ClientId = options.Identity.ClientId;
                oidc.ClientSecret = options.Identity.ClientSecret;
                oidc.ResponseType = "code";
                oidc.ResponseMode = "query";
                oidc.UsePkce = true;
                oidc.RequireHttpsMetadata = options.Identity.Authority.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
                oidc.CallbackPath = CallbackPath;
                oidc.SignInScheme = Scheme;
                oidc.MapInboundClaims = false;
                oidc.Scope.Clear();
                oidc.Scope.Add("openid");
                oidc.Scope.Add("profile");
                oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.Events.OnTicketReceived = context => SignInCitizenAsync(context, options.Identity, TimeSpan.FromHours(options.SessionHours));
                oidc.Events.OnRemoteFailure = context =>
                {
                    context.HandleResponse();
                    context.Response.Redirect("/portal/?signin-error=provider");
                    return Task.CompletedTask;
                };
            });
        }
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireRole(CitizenMember.Role));
        return services;
    }

    /// <summary>
    /// The provider vouched for a person: their account (found, linked to the citizen already signed in, or new) becomes
    /// the cookie's principal in place of the provider's claims, which are not kept.
    /// </summary>
    private static async Task SignInCitizenAsync(TicketReceivedContext context, CitizenIdentityOptions options, TimeSpan lifetime)
    {
        var claims = context.Principal!;
        var identity = new ExternalIdentity(claims.FindFirstValue("iss") ?? options.Authority, claims.FindFirstValue("sub") ?? "",
            claims.FindFirstValue(options.PersonalIdClaim) ?? "", claims.FindFirstValue("name") ?? "", claims.FindFirstValue("email"));
        var current = await context.HttpContext.AuthenticateAsync(Scheme);
        Guid? linkTo = current.Succeeded ? CitizenMember.From(current.Principal!).AccountId : null;
        try
        {
            var signIn = await context.HttpContext.RequestServices.GetRequiredService<CitizenAccounts>()
                .SignInExternalAsync(identity, linkTo, lifetime, context.HttpContext.RequestAborted);
            context.Principal = CitizenMember.Principal(signIn);
        }
        catch (RuntimeException ex)
        {
            context.HandleResponse();
            context.Response.Redirect($"/portal/?signin-error={Uri.EscapeDataString(ex.Code)}");
        }
    }

    private static Task Deny(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
