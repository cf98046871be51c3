using PublicWorkflow.OneStop.Feedback;
using PublicWorkflow.OneStop.Payments;
using PublicWorkflow.OneStop.Citizens;
using PublicWorkflow.OneStop.Structure;
using PublicWorkflow.Engine.Calendar;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PublicWorkflow.OneStop.Catalog;
using PublicWorkflow.OneStop.Documents;
using PublicWorkflow.OneStop.Results;
using PublicWorkflow.OneStop.NationalData;
using PublicWorkflow.OneStop.Messages;
using PublicWorkflow.OneStop.Dossiers;
using PublicWorkflow.OneStop.Measures;
using PublicWorkflow.OneStop.Notifications;
using PublicWorkflow.OneStop.Persistence;
using PublicWorkflow.Runtime;
using PublicWorkflow.OneStop.Staff;
using PublicWorkflow.Runtime.Cases;
using PublicWorkflow.Runtime.Definitions;
using PublicWorkflow.Runtime.Handlers;
using PublicWorkflow.Runtime.Jobs;
using PublicWorkflow.Runtime.Persistence;

namespace PublicWorkflow.OneStop;

/// <summary>The center's one composition path: the runtime on the center's database, and the domain on top of it.</summary>
public static class OneStopComposition
{
    /// <summary>
    /// Registers the runtime and the one-stop domain. The caller registers the working calendar and the
    /// <see cref="ProcedureCatalog"/> (it knows where their files are).
    /// </summary>
    public static IServiceCollection AddOneStop(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddPublicWorkflowRuntime<SqliteOneStopDbContext, PostgresOneStopDbContext, SqlServerOneStopDbContext>(configuration, contentRoot);
        // The same pooled instance as the runtime's: one unit of work per scope, whichever type a service asks for.
        services.AddScoped(provider => (OneStopDbContext)provider.GetRequiredService<WorkflowDbContext>());

        services.AddScoped<IServiceHandler, NotifyHandler>();
        services.AddScoped<IServiceHandler, IssueResultHandler>();
        services.AddSingleton<DossierClock>();
        services.AddScoped<DossierDeadlines>();
        services.AddScoped<IDueWork>(provider => provider.GetRequiredService<DossierDeadlines>());
        services.AddScoped<DossierStore>();
        services.AddScoped<DossierIdempotency>();
        services.AddScoped<ApplicantSteps>();
        services.AddScoped<ReceiveDossier>();
        services.AddScoped<SupplementDossier>();
        services.AddScoped<RecordPayment>();
        services.AddScoped<EndDossier>();
        services.AddScoped<ApologizeForDelay>();
        services.AddScoped<AllowFurtherSupplement>();
        services.AddScoped<RateService>();
        services.AddScoped<ICaseCommandHook, DossierCaseHook>();
        services.AddScoped<CatalogImport>();
        services.AddScoped<VersionComparisons>();
        services.AddSingleton<IDefinitionRules>(provider => new ProcedureWorkflowRules(provider.GetRequiredService<ProcedureCatalog>(),
            provider.GetRequiredService<WorkingCalendar>(), provider.GetRequiredService<TimeProvider>()));
        services.AddScoped<StaffAccounts>();
        services.AddScoped<StaffSessions>();
        services.AddSingleton<StaffSessionCache>();
        services.AddScoped<StaffDirectory>();
        services.AddScoped<IAssigneeDirectory>(provider => provider.GetRequiredService<StaffDirectory>());
        services.AddScoped<DossierList>();
        services.AddScoped<CalendarDecisions>();
        services.AddScoped<IDueWork>(provider => provider.GetRequiredService<CalendarDecisions>());
        services.AddHostedService<CalendarDecisionsAtStart>();
        services.AddScoped<Alerts>();
        services.AddSingleton<DossierDocuments>();
        services.AddScoped<ServiceQualityMeasures>();
        services.AddScoped<IndicatorSums>();
        services.AddScoped<ILongDueWork>(provider => provider.GetRequiredService<IndicatorSums>());
        AddDocuments(services, configuration, contentRoot);
        return services;
    }

    /// <summary>The document store: files under the data folder (default) or chunks in the database, with its limits and checks.</summary>
    private static void AddDocuments(IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = new DocumentOptions();
        configuration.GetSection(DocumentOptions.Section).Bind(options);
        options.Folder = Path.GetFullPath(Path.Combine(contentRoot, options.Folder));
        if (options.Store is not ("files" or "database") || options.MaxFileBytes < 1 || options.MaxDossierBytes < options.MaxFileBytes)
        {
            throw new InvalidOperationException($"{DocumentOptions.Section}: Store is 'files' or 'database', and 0 < MaxFileBytes <= MaxDossierBytes");
        }
        services.AddSingleton(options);
        if (options.Store == "files")
        {
            services.AddSingleton<IBlobStore>(new FileSystemBlobStore(options.Folder));
        }
        else
        {
            services.AddScoped<IBlobStore, DatabaseBlobStore>();
        }
        services.AddScoped<DossierFiles>();
        services.AddScoped<FileIntegrity>();
        services.AddScoped<IDueWork>(provider => provider.GetRequiredService<FileIntegrity>());

        var results = new ResultOptions();
        configuration.GetSection(ResultOptions.Section).Bind(results);
        services.AddSingleton(results);
        services.AddSingleton(_ => new SigningCertificate(results, contentRoot));
        services.AddScoped<ElectronicResults>();
        services.AddScoped<IDueWork>(provider => provider.GetRequiredService<ElectronicResults>());
        services.AddScoped<ResultVerification>();
        services.AddScoped<CitizenDataStore>();

        var messages = new MessageOptions();
        configuration.GetSection(MessageOptions.Section).Bind(messages);
        services.AddSingleton(messages);
        services.AddScoped<ApplicantMessages>();
        services.AddSingleton<IMessageChannel, SmtpChannel>();
        services.AddSingleton<IMessageChannel>(provider =>
            new HttpSmsChannel(new HttpClient { Timeout = TimeSpan.FromSeconds(20) }, provider.GetRequiredService<MessageOptions>()));
        services.AddScoped<MessageDispatcher>();
        services.AddScoped<IDueWork>(provider => provider.GetRequiredService<MessageDispatcher>());

        var payments = new PaymentOptions();
        configuration.GetSection(PaymentOptions.Section).Bind(payments);
        services.AddSingleton(payments);
        if (payments.GatewayUrl.Length == 0)
        {
            services.AddSingleton<IPaymentGateway, FakePaymentGateway>();
        }
        else
        {
            services.AddSingleton<IPaymentGateway>(new HttpPaymentGateway(new HttpClient { Timeout = TimeSpan.FromSeconds(payments.TimeoutSeconds) }, payments));
        }
        services.AddScoped<AccountMessages>();
        services.AddScoped<CitizenCodes>();
        services.AddScoped<CitizenAccounts>();
        services.AddScoped<CitizenDossiers>();
        services.AddScoped<PersonalDataLog>();
        services.AddScoped<OperationalCountsQuery>();

        var feedback = new FeedbackOptions();
        configuration.GetSection(FeedbackOptions.Section).Bind(feedback);
        if (feedback.HandleWorkingDays < 1 || feedback.RefuseWorkingDays < 1 || feedback.MoreInfoWorkingDays < 1 || feedback.PublishWorkingDays < 1
            || feedback.WarningShare is <= 0 or >= 1 || feedback.Partners.Any(p => p.Id.Length is 0 or > 40 || p.Secret.Length < 16 || p.Auth is not ("hmac" or "key")))
        {
            throw new InvalidOperationException($"{FeedbackOptions.Section}: deadlines of at least 1 working day, 0 < WarningShare < 1, partners with an id, a secret of 16+ characters and Auth hmac or key");
        }
        services.AddSingleton(feedback);
        services.AddSingleton<FeedbackClock>();
        services.AddScoped<FeedbackMessages>();
        services.AddScoped<FeedbackIntake>();
        services.AddScoped<FeedbackActions>();
        services.AddScoped<FeedbackQueries>();
        services.AddScoped<Surveys>();
        services.AddScoped<ICaseCommandHook, FeedbackCaseHook>();
        services.AddScoped<FeedbackDeadlines>();
        services.AddScoped<IDueWork>(provider => provider.GetRequiredService<FeedbackDeadlines>());

        var national = new NationalDatabaseOptions();
        configuration.GetSection(NationalDatabaseOptions.Section).Bind(national);
        services.AddSingleton(national);
        if (national.BaseUrl.Length == 0)
        {
            services.AddSingleton<INationalDatabases, FakeNationalDatabases>();
        }
        else
        {
            services.AddSingleton<INationalDatabases>(new HttpNationalDatabases(
                new HttpClient { BaseAddress = new Uri(national.BaseUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(national.TimeoutSeconds) }, national));
        }
    }
}
