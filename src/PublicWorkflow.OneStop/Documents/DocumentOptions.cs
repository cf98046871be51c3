namespace PublicWorkflow.OneStop.Documents;

/// <summary>Settings under "PublicWorkflow:Documents".</summary>
public sealed class DocumentOptions
{
    public const string Section = "PublicWorkflow:Documents";

    /// <summary><c>files</c> (a folder, the embedded default; shareable as a mounted volume) or <c>database</c> (chunks in the application's database).</summary>
    public string Store { get; set; } = "files";

    /// <summary>The files store's folder and the upload staging area; relative to the content root.</summary>
    public string Folder { get; set; } = "data/documents";

    /// <summary>The largest file accepted (413 beyond it).</summary>
    public long MaxFileBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>The most all of a dossier's kept files may weigh together (413 beyond it).</summary>
    public long MaxDossierBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>How often every kept file is read back and its hash compared.</summary>
    public double IntegrityCheckHours { get; set; } = 24;
}
