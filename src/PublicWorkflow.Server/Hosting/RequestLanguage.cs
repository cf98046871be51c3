namespace PublicWorkflow.Server.Hosting;

/// <summary>The language a response speaks: Vietnamese unless Accept-Language prefers English.</summary>
internal static class RequestLanguage
{
    public const string Vietnamese = "vi";
    public const string English = "en";

    public static string Of(HttpRequest request)
    {
        var preferred = request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value ?? "")
            .FirstOrDefault(l => l.StartsWith(Vietnamese, StringComparison.OrdinalIgnoreCase) || l.StartsWith(English, StringComparison.OrdinalIgnoreCase));
        return preferred is not null && preferred.StartsWith(English, StringComparison.OrdinalIgnoreCase) ? English : Vietnamese;
    }
}
