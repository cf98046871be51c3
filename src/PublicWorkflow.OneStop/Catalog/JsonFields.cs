using System.Globalization;
using System.Text.Json;

namespace PublicWorkflow.OneStop.Catalog;

/// <summary>
/// Reads one catalog file's JSON field by field and records every problem with its path (e.g.
/// <c>documents[2].copies</c>), so a bad entry is reported all at once rather than at the first error.
/// </summary>
internal sealed class JsonFields(string file)
{
    public string File { get; } = file;
    public List<CatalogProblem> Problems { get; } = [];

    public void Problem(string field, string reason) => Problems.Add(new CatalogProblem(File, field, reason));

    public static string Path(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    public bool TryGet(JsonElement obj, string parent, string name, JsonValueKind kind, bool required, out JsonElement value)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out value) || value.ValueKind == JsonValueKind.Null)
        {
            value = default;
            if (required)
            {
                Problem(Path(parent, name), "is required");
            }
            return false;
        }
        var matches = kind == value.ValueKind || (kind == JsonValueKind.True && value.ValueKind == JsonValueKind.False);
        if (!matches)
        {
            Problem(Path(parent, name), $"must be {KindName(kind)}, not {KindName(value.ValueKind)}");
            return false;
        }
        return true;
    }

    public string? String(JsonElement obj, string parent, string name, bool required = true)
    {
        if (!TryGet(obj, parent, name, JsonValueKind.String, required, out var value))
        {
            return null;
        }
        var text = value.GetString()!.Trim();
        if (text.Length == 0)
        {
            Problem(Path(parent, name), "must not be empty");
            return null;
        }
        return text;
    }

    public bool Bool(JsonElement obj, string parent, string name, bool fallback) =>
        TryGet(obj, parent, name, JsonValueKind.True, required: false, out var value) ? value.GetBoolean() : fallback;

    public decimal? Number(JsonElement obj, string parent, string name, bool required = true, decimal minimum = 0)
    {
        if (!TryGet(obj, parent, name, JsonValueKind.Number, required, out var value))
        {
            return null;
        }
        var number = value.GetDecimal();
        if (number < minimum)
        {
            Problem(Path(parent, name), $"must be at least {minimum.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        return number;
    }

    public DateOnly? Date(JsonElement obj, string parent, string name, bool required = true)
    {
        var text = String(obj, parent, name, required);
        if (text is null)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Problem(Path(parent, name), $"'{text}' is not a date as yyyy-MM-dd");
            return null;
        }
        return date;
    }

    /// <summary>"from" (required) and "to" (optional) of an effective-dated record.</summary>
    public Validity? Validity(JsonElement obj, string parent)
    {
        var from = Date(obj, parent, "from");
        var to = Date(obj, parent, "to", required: false);
        if (from is null)
        {
            return null;
        }
        if (to is not null && to < from)
        {
            Problem(Path(parent, "to"), $"ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})");
            return null;
        }
        return new Validity(from.Value, to);
    }

    public LocalizedText? Text(JsonElement obj, string parent, string name, bool required = true)
    {
        if (!TryGet(obj, parent, name, JsonValueKind.Object, required, out var value))
        {
            return null;
        }
        var path = Path(parent, name);
        var vi = String(value, path, "vi");
        var en = String(value, path, "en");
        return vi is null || en is null ? null : new LocalizedText(vi, en);
    }

    /// <summary>One of a fixed set of words; the problem lists the words allowed.</summary>
    public string? OneOf(JsonElement obj, string parent, string name, IReadOnlyCollection<string> allowed, bool required = true)
    {
        var text = String(obj, parent, name, required);
        if (text is null)
        {
            return null;
        }
        if (!allowed.Contains(text))
        {
            Problem(Path(parent, name), $"'{text}' is not one of {string.Join(", ", allowed)}");
            return null;
        }
        return text;
    }

    /// <summary>The items of an array, each with its path; nothing when the field is missing or not an array.</summary>
    public IEnumerable<(JsonElement Item, string Path)> Items(JsonElement obj, string parent, string name, bool required = true, bool nonEmpty = true)
    {
        if (!TryGet(obj, parent, name, JsonValueKind.Array, required, out var array))
        {
            return [];
        }
        var path = Path(parent, name);
        if (nonEmpty && array.GetArrayLength() == 0)
        {
            Problem(path, "must list at least one item");
        }
        return array.EnumerateArray().Select((item, index) => (item, $"{path}[{index}]")).ToList();
    }

    public List<string> Strings(JsonElement obj, string parent, string name, bool required = true, bool nonEmpty = true)
    {
        var list = new List<string>();
        foreach (var (item, path) in Items(obj, parent, name, required, nonEmpty))
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString()!.Trim().Length > 0)
            {
                list.Add(item.GetString()!.Trim());
            }
            else
            {
                Problem(path, "must be a non-empty string");
            }
        }
        return list;
    }

    /// <summary>Parses a whole file; a syntax error is one problem naming the line.</summary>
    public static JsonDocument? Parse(string text, JsonFields fields)
    {
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            fields.Problem(ex.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "(file)",
                $"is not valid JSON (line {ex.LineNumber + 1}): {ex.Message}");
            return null;
        }
    }

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "null",
    };
}
