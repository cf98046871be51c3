namespace PublicWorkflow.IdentityStandIn;

/// <summary>A person the stand-in can vouch for: a made-up personal ID number, name and password (never real data).</summary>
public sealed record StandInIdentity(string PersonalId, string FullName, string Password, string? Email = null)
{
    /// <summary>The demo identities printed in the README; their numbers are made up and flagged as such on every page.</summary>
    public static readonly IReadOnlyList<StandInIdentity> Demo =
    [
        new("001090000001", "Nguyễn Văn An", "vneid-demo-2026", "an.nguyen@example.vn"),
        new("001190000002", "Trần Thị Bình", "vneid-demo-2026", "binh.tran@example.vn"),
        new("001090000003", "Lê Văn Cường", "vneid-demo-2026"),
    ];
}

/// <summary>How the stand-in runs and which one client (the PublicWorkflow server) it serves.</summary>
public sealed class StandInOptions
{
    /// <summary>Where it listens and its issuer, e.g. http://localhost:5081/ — a host name other than the client's, so their cookies never mix.</summary>
    public required Uri Url { get; init; }
    public required string ClientId { get; init; }
    public required string ClientSecret { get; init; }
    /// <summary>The client's callback, e.g. http://127.0.0.1:5080/signin-vneid.</summary>
    public required IReadOnlyList<Uri> RedirectUris { get; init; }
    public IReadOnlyList<StandInIdentity> Identities { get; init; } = StandInIdentity.Demo;
}
