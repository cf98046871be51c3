using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PublicWorkflow.Engine.Bpmn;
using PublicWorkflow.Engine.Model;
using PublicWorkflow.Engine.Validation;
using PublicWorkflow.Server.Hosting;

namespace PublicWorkflow.Server.Workflows;

/// <summary>
/// One BPMN file of the workflows folder, read and validated. Its key is the file name without .bpmn:
/// how procedures refer to their workflow.
/// </summary>
internal sealed record WorkflowFile(string Key, string FileName, Definition? Definition, IReadOnlyList<Problem> Problems)
{
    public bool Valid => Definition is not null && Problems.Count == 0;
}

/// <summary>
/// The workflows folder. Files are re-read only when they change (time and size), so listing stays cheap
/// while a reform officer's edit shows up at the next request.
/// </summary>
internal sealed class WorkflowDirectory(IOptions<ServerOptions> options, IHostEnvironment environment)
{
    private readonly ConcurrentDictionary<string, (DateTime Written, long Length, WorkflowFile File)> cache = new();

    public string? Path { get; } = RepositoryPaths.Find(options.Value.WorkflowsDirectory, environment.ContentRootPath);

    public IReadOnlyList<WorkflowFile> List() =>
        Path is null
            ? []
            : Directory.GetFiles(Path, "*.bpmn").Order(StringComparer.Ordinal).Select(Read).ToList();

    public WorkflowFile? Find(string key)
    {
        if (Path is null)
        {
            return null;
        }
        var file = System.IO.Path.Combine(Path, key + ".bpmn");
        return File.Exists(file) ? Read(file) : null;
    }

    private WorkflowFile Read(string path)
    {
        var info = new FileInfo(path);
        if (cache.TryGetValue(path, out var cached) && cached.Written == info.LastWriteTimeUtc && cached.Length == info.Length)
        {
            return cached.File;
        }
        var file = Load(path);
        cache[path] = (info.LastWriteTimeUtc, info.Length, file);
        return file;
    }

    private static WorkflowFile Load(string path)
    {
        var key = System.IO.Path.GetFileNameWithoutExtension(path);
        var fileName = System.IO.Path.GetFileName(path);
        try
        {
            var definition = BpmnParser.Parse(File.ReadAllText(path));
            return new WorkflowFile(key, fileName, definition, DefinitionValidator.Validate(definition));
        }
        catch (BpmnFormatException ex)
        {
            return new WorkflowFile(key, fileName, null, [NotBpmn(ex.Line, ex.Message)]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new WorkflowFile(key, fileName, null, [NotBpmn(0, ex.Message)]);
        }
    }

    private static Problem NotBpmn(int line, string message) =>
        new("not-bpmn", null, line, message, $"Tệp không phải BPMN 2.0 hợp lệ: {message}");
}
