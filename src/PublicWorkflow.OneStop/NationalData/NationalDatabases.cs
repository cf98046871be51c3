using System.Net;
using System.Net.Http.Json;
using PublicWorkflow.Runtime;

namespace PublicWorkflow.OneStop.NationalData;

/// <summary>
/// What a national database (population, civil status, land…) holds for a citizen's document: its reference there and a
/// short description. <see cref="IsFake"/> marks what the in-process fake made up, so it is labelled wherever it shows.
/// </summary>
public sealed record NationalRecord(string Reference, string Summary, bool IsFake);

/// <summary>The national databases a document can be taken from instead of asking the citizen for it.</summary>
public interface INationalDatabases
{
    /// <summary>The record, or null when the database holds none for that citizen; throws when the database cannot be reached.</summary>
    Task<NationalRecord?> FetchAsync(string database, string documentId, string idNumber, CancellationToken cancellationToken);
}

/// <summary>Settings under "PublicWorkflow:NationalDatabases". No address: the in-process fake answers (the embedded default).</summary>
public sealed class NationalDatabaseOptions
{
    public const string Section = "PublicWorkflow:NationalDatabases";

    /// <summary>The gateway's address, e.g. https://lgsp.hanoi.gov.vn/ndxp/ ; empty for the fake.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The key the gateway expects in X-Api-Key.</summary>
    public string ApiKey { get; set; } = "";

    public double TimeoutSeconds { get; set; } = 10;
}

/// <summary>
/// The databases through an HTTP gateway: <c>GET {base}/{database}/records?document=…&amp;idNumber=…</c> with the key in
/// <c>X-Api-Key</c>; 200 with <c>{ reference, summary }</c>, or 404 when there is no record.
/// </summary>
public sealed class HttpNationalDatabases(HttpClient http, NationalDatabaseOptions options) : INationalDatabases
{
    private sealed record Answer(string? Reference, string? Summary);

    public async Task<NationalRecord?> FetchAsync(string database, string documentId, string idNumber, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"{Uri.EscapeDataString(database)}/records?document={Uri.EscapeDataString(documentId)}&idNumber={Uri.EscapeDataString(idNumber)}");
        request.Headers.Add("X-Api-Key", options.ApiKey);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(database);
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
            if (!response.IsSuccessStatusCode)
            {
                throw Unreachable(database);
            }
            var answer = await response.Content.ReadFromJsonAsync<Answer>(cancellationToken);
            return answer?.Reference is { Length: > 0 and <= 100 } reference
                ? new NationalRecord(reference, (answer.Summary ?? "").Length > 300 ? answer.Summary![..300] : answer.Summary ?? "", false)
                : throw Unreachable(database);
        }
    }

    private static RuntimeException Unreachable(string database) =>
        new(RuntimeErrorKind.Conflict, "national-database-unavailable",
            $"the national database '{database}' did not answer properly: hand in the paper document or try again / CSDL quốc gia chưa phản hồi");
}

/// <summary>
/// The embedded default and the tests' stand-in: every well-formed ID number has a record, made up and labelled as such
/// ("dữ liệu giả lập / simulated data"), except numbers ending in 000, which have none (to exercise "not found").
/// </summary>
public sealed class FakeNationalDatabases : INationalDatabases
{
    public Task<NationalRecord?> FetchAsync(string database, string documentId, string idNumber, CancellationToken cancellationToken) =>
        Task.FromResult(idNumber.EndsWith("000", StringComparison.Ordinal)
            ? null
            : new NationalRecord($"FAKE-{database}-{idNumber[^4..]}-{documentId}", "Dữ liệu giả lập, không phải từ CSDL quốc gia / simulated data, not from a national database", true));
}
