using System.Net;
using System.Text.RegularExpressions;

namespace PublicWorkflow.OneStop.Feedback;

/// <summary>What a stranger types, as plain text: tags removed (also those spelled with entities), control characters dropped, spaces tidied.</summary>
public static partial class PlainText
{
    public static string Of(string? text)
    {
        var once = Tags().Replace(text ?? "", " ");
        var decoded = Tags().Replace(WebUtility.HtmlDecode(once), " ");
        var kept = new string(decoded.Where(c => c is '\n' || !char.IsControl(c)).ToArray());
        return Spaces().Replace(kept.Replace("\r", ""), " ").Trim();
    }

    [GeneratedRegex("<[^>]*>?")]
    private static partial Regex Tags();

    [GeneratedRegex("[ \\t]{2,}")]
    private static partial Regex Spaces();
}
