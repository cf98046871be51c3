using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.OneStop.Persistence.Entities;
using PublicWorkflow.Runtime;
using PublicWorkflow.Runtime.Persistence;

namespace PublicWorkflow.OneStop.Feedback;

public sealed record SurveyQuestion(string Id, string Vi, string En);

/// <summary>The satisfaction survey's questions, as data (<c>procedure-catalog/survey.json</c>), flagged when not checked against the decision.</summary>
public sealed record SurveyForm(IReadOnlyList<SurveyQuestion> Questions, bool Verified, LocalizedText? Note)
{
    public static SurveyForm Empty { get; } = new([], false, null);

    public static SurveyForm Load(string file)
    {
        if (!File.Exists(file))
        {
            return Empty;
        }
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var root = json.RootElement;
        var questions = root.GetProperty("questions").EnumerateArray()
            .Select(q => new SurveyQuestion(q.GetProperty("id").GetString()!, q.GetProperty("vi").GetString()!, q.GetProperty("en").GetString()!)).ToList();
        var note = root.TryGetProperty("note", out var n) ? new LocalizedText(n.GetProperty("vi").GetString()!, n.GetProperty("en").GetString()!) : null;
        return new SurveyForm(questions, root.TryGetProperty("verified", out var v) && v.GetBoolean(), note);
    }
}

/// <summary>The survey of a returned dossier: answered once, with the dossier's code and lookup key, every question scored 1 to 5.</summary>
public sealed class Surveys(OneStopDbContext db, SurveyForm form, TimeProvider time)
{
    public async Task<SurveyAnswerRecord> AnswerAsync(string code, string? lookupKey, IReadOnlyDictionary<string, int>? answers, string? comment,
        CancellationToken cancellationToken = default)
    {
        var dossier = code.Length <= 60 ? await db.Dossiers.AsNoTracking().SingleOrDefaultAsync(d => d.Code == code, cancellationToken) : null;
        if (dossier is null || !LookupKeys.Matches(dossier.LookupKey, lookupKey))
        {
            throw RuntimeException.NotFound("dossier", code);
        }
        if (dossier.Status != DossierStatus.Returned)
        {
            throw RuntimeException.Rejected("not-returned", "the survey opens once the result is returned / khảo sát sau khi trả kết quả");
        }
        if (answers is null || form.Questions.Any(q => !answers.ContainsKey(q.Id)) || answers.Count != form.Questions.Count)
        {
            throw RuntimeException.Invalid("answers", $"a score for each question: {string.Join(", ", form.Questions.Select(q => q.Id))}");
        }
        if (answers.FirstOrDefault(a => a.Value is < 1 or > 5) is { Key: { } bad })
        {
            throw RuntimeException.Invalid($"answers.{bad}", "1 to 5");
        }
        var text = PlainText.Of(comment);
        if (text.Length > 2000)
        {
            throw RuntimeException.Invalid("comment", "at most 2000 characters");
        }
        var answer = new SurveyAnswerRecord
        {
            Id = Guid.NewGuid(), DossierId = dossier.Id, AnsweredAt = time.GetUtcNow().UtcDateTime, AnswersJson = JsonSerializer.Serialize(answers),
            Score = Math.Round((decimal)answers.Values.Average(), 2), Comment = text.Length == 0 ? null : text,
        };
        db.SurveyAnswers.Add(answer);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            throw new RuntimeException(RuntimeErrorKind.Conflict, "already-answered", $"the survey of {code} has been answered / đã trả lời khảo sát");
        }
        return answer;
    }

    /// <summary>Whether the returned dossier with this code still waits for its survey.</summary>
    public async Task<bool> OpenForAsync(string code, CancellationToken cancellationToken = default) =>
        form.Questions.Count > 0
        && await db.Dossiers.AnyAsync(d => d.Code == code && d.Status == DossierStatus.Returned && !db.SurveyAnswers.Any(a => a.DossierId == d.Id), cancellationToken);
}
