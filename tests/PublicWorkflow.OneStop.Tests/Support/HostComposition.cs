global using TestDb = PublicWorkflow.OneStop.Persistence.OneStopDbContext;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PublicWorkflow.Engine.Tests.Support;
using PublicWorkflow.OneStop;
using PublicWorkflow.OneStop.Catalog;

namespace PublicWorkflow.Runtime.Tests.Support;

/// <summary>The domain's tests run the whole center (runtime and one-stop domain) on the migrated database, with the repository's catalog.</summary>
public sealed partial class RuntimeHost
{
    /// <summary>The procedure catalog of the repository, read once for all tests.</summary>
    public static ProcedureCatalog Catalog => LoadedCatalog.Value;

    private static readonly Lazy<ProcedureCatalog> LoadedCatalog = new(() =>
        ProcedureCatalog.Load(Path.Combine(Repo.Root, "procedure-catalog"), Repo.Workflows));

    static partial void Compose(HostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(Catalog);
        builder.Services.AddSingleton(PublicWorkflow.OneStop.Feedback.SurveyForm.Load(Path.Combine(Repo.Root, "procedure-catalog", "survey.json")));
        builder.Services.AddOneStop(builder.Configuration, Path.GetTempPath());
    }
}
