using PublicWorkflow.Server.Hosting;

namespace PublicWorkflow.Server.Api;

/// <summary>Picks the Vietnamese or English text by the request's Accept-Language.</summary>
internal static class ApiText
{
    public static string Of(HttpContext http, string vi, string en) => RequestLanguage.Of(http.Request) == RequestLanguage.English ? en : vi;
}
