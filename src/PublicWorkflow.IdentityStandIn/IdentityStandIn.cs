using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PublicWorkflow.IdentityStandIn;

/// <summary>
/// A stand-in for the national identity provider: a real OpenID Connect server (OpenIddict; authorization code with PKCE,
/// signed ID tokens) on its own Kestrel listener, so the server's sign-in through an external provider runs the whole
/// protocol in development and in the tests. It vouches for made-up identities only, says so on its page, and keeps its
/// store in memory: nothing it knows outlives the process.
/// </summary>
public static class IdentityStandIn
{
    /// <summary>The claim carrying the personal ID number (the real provider's claim name is configured on the client).</summary>
    public const string PersonalIdClaim = "personal_id";

    public static async Task<WebApplication> StartAsync(StandInOptions options, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Url.GetLeftPart(UriPartial.Authority));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // One in-memory database per stand-in, alive while this connection is open.
        var store = new SqliteConnection($"Data Source=standin-{Guid.NewGuid():N};Mode=Memory;Cache=Shared");
        await store.OpenAsync(cancellationToken);
        builder.Services.AddDbContext<StandInDbContext>(o =>
        {
            o.UseSqlite(store.ConnectionString);
            o.UseOpenIddict();
        });
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<StandInDbContext>())
            .AddServer(o =>
            {
                o.SetIssuer(options.Url);
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile);
                // Keys for this process only: the client reads them from the discovery document when it starts talking to us.
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(store.Dispose);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StandInDbContext>().Database.EnsureCreatedAsync(cancellationToken);
            await RegisterClientAsync(scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>(), options, cancellationToken);
        }
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (HttpContext http) => Authorize(http, options.Identities));
        app.MapGet("/", () => Results.Content(StandInPage.About(), "text/html; charset=utf-8"));
        await app.StartAsync(cancellationToken);
        return app;
    }

    private static async Task RegisterClientAsync(IOpenIddictApplicationManager applications, StandInOptions options, CancellationToken cancellationToken)
    {
        var client = new OpenIddictApplicationDescriptor
        {
            ClientId = options.ClientId,
            ClientSecret = options.ClientSecret,
            ClientType = ClientTypes.Confidential,
            DisplayName = "PublicWorkflow",
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code, Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in options.RedirectUris)
        {
            client.RedirectUris.Add(uri);
        }
        await applications.CreateAsync(client, cancellationToken);
    }

    /// <summary>
    /// The sign-in page and the decision in one endpoint: a request carrying a known personal ID and its password is
    /// answered with an authorization code for it; any other is shown the form again (with the request's own parameters
    /// carried in hidden fields), never saying which of the two was wrong.
    /// </summary>
    private static IResult Authorize(HttpContext http, IReadOnlyList<StandInIdentity> identities)
    {
        var request = http.GetOpenIddictServerRequest();
        if (request is null)
        {
            return Results.BadRequest("not an OpenID Connect authorization request");
        }
        var personalId = (string?)request["standin_personal_id"];
        var password = (string?)request["standin_password"];
        var person = identities.FirstOrDefault(i => i.PersonalId == personalId?.Trim()
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(i.Password),
                System.Text.Encoding.UTF8.GetBytes(password ?? "")));
        if (person is null)
        {
            var parameters = request.GetParameters().Where(p => !p.Key.StartsWith("standin_", StringComparison.Ordinal))
                .Select(p => (p.Key, (string?)p.Value ?? "")).ToList();
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";
            return Results.Content(StandInPage.SignIn(parameters, personalId is not null), "text/html; charset=utf-8");
        }
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, "standin-" + person.PersonalId));
        identity.AddClaim(new Claim(Claims.Name, person.FullName));
        identity.AddClaim(new Claim(PersonalIdClaim, person.PersonalId));
        if (person.Email is not null)
        {
            identity.AddClaim(new Claim(Claims.Email, person.Email));
        }
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}

/// <summary>OpenIddict's tables, in memory.</summary>
internal sealed class StandInDbContext(DbContextOptions<StandInDbContext> options) : DbContext(options);
