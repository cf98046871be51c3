using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using PublicWorkflow.Runtime;

namespace PublicWorkflow.Server.Api;

/// <summary>
/// Reads a multipart/form-data request's first file as a stream, section by section, so an upload is never buffered
/// whole: the caller consumes the part while it arrives. The request body may not exceed <c>limit</c> (413 beyond it).
/// </summary>
internal static class Uploads
{
    /// <summary>Room for the multipart boundaries and part headers around the file.</summary>
    private const long Envelope = 64 * 1024;

    public static async Task<T> WithFileAsync<T>(HttpRequest request, long limit, Func<string?, Stream, Task<T>> consume)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + Envelope;
        }
        if (request.ContentLength > limit + Envelope)
        {
            throw RuntimeException.TooLarge("file", $"a file may hold at most {limit / (1024 * 1024)} MB / tệp quá lớn");
        }
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            throw RuntimeException.Invalid("file", "send the file as multipart/form-data (a form field named file) / gửi tệp dạng multipart/form-data");
        }
        var reader = new MultipartReader(boundary, request.Body);
        try
        {
            for (var section = await reader.ReadNextSectionAsync(request.HttpContext.RequestAborted); section is not null;
                 section = await reader.ReadNextSectionAsync(request.HttpContext.RequestAborted))
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
                {
                    var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    return await consume(name, section.Body);
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw RuntimeException.Invalid("file", $"the multipart body is malformed: {ex.Message}");
        }
        throw RuntimeException.Invalid("file", "the request holds no file part / không có tệp đính kèm");
    }
}
