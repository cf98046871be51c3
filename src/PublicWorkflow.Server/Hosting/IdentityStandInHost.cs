using PublicWorkflow.IdentityStandIn;
using PublicWorkflow.OneStop.Results;
using PublicWorkflow.Server.Security;

namespace PublicWorkflow.Server.Hosting;

/// <summary>
/// Starts the national identity stand-in beside the server when configured (the embedded default and the tests), so a
/// citizen can sign in through OpenID Connect with nothing else installed. Its client is this server, with the secret
/// the server was given or made for it.
/// </summary>
internal sealed class IdentityStandInHost(CitizenOptions options, ResultOptions pages, ILogger<IdentityStandInHost> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? standIn;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var identity = options.Identity;
        if (!identity.StandIn || !identity.Enabled)
        {
            return;
        }
        var callback = identity.StandInRedirectUri.Length > 0 ? identity.StandInRedirectUri : pages.PublicBaseUrl.TrimEnd('/') + CitizenSecurity.CallbackPath;
        standIn = await IdentityStandIn.IdentityStandIn.StartAsync(new StandInOptions
        {
            Url = new Uri(identity.Authority), ClientId = identity.ClientId, ClientSecret = identity.ClientSecret, RedirectUris = [new Uri(callback)],
        }, cancellationToken);
        logger.LogWarning("National identity STAND-IN (not VNeID) listening at {Authority}, callback {Callback}; demo identities in the README", identity.Authority, callback);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (standIn is not null)
        {
            await standIn.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (standIn is not null)
        {
            await standIn.DisposeAsync();
        }
    }
}
