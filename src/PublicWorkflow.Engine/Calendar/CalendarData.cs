using System.Text.Json;
using System.Text.Json.Serialization;

namespace PublicWorkflow.Engine.Calendar;

/// <summary>The calendar data file as written (procedure-catalog/calendar/vn-civil-service.json).</summary>
public sealed record CalendarData(
    string Timezone,
    IReadOnlyList<OfficeInterval> OfficeHours,
    IReadOnlyDictionary<string, CalendarYear> Years)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <exception cref="CalendarDataException">The text is not valid calendar data; the message says which field.</exception>
    public static CalendarData Parse(string json)
    {
        CalendarData? data;
        try
        {
            data = JsonSerializer.Deserialize<CalendarData>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new CalendarDataException($"calendar data is not valid JSON at {ex.Path ?? "?"}: {ex.Message}", ex);
        }
        return data ?? throw new CalendarDataException("calendar data is empty");
    }
}

public sealed record OfficeInterval(string From, string To);

public sealed record CalendarYear(
    string Status,
    IReadOnlyList<DayOff> DaysOff,
    IReadOnlyList<WorkingSaturday> WorkingSaturdays,
    IReadOnlyList<string>? Sources);

public sealed record DayOff(
    string Date,
    string Kind,
    [property: JsonPropertyName("name_vi")] string NameVi,
    [property: JsonPropertyName("name_en")] string NameEn,
    string? Confidence = null,
    string? Note = null);

public sealed record WorkingSaturday(string Date, string Reason);

public sealed class CalendarDataException(string message, Exception? inner = null) : Exception(message, inner);
