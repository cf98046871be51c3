using PublicWorkflow.Runtime.Tests.Support;

namespace PublicWorkflow.Server.Tests.Api;

/// <summary>A fresh database of the fixture's provider and a server on it for each test; subclasses sign in whom they need in their own set-up, which runs after this one.</summary>
public abstract class ApiSuite(string provider)
{
    protected TestDatabase database = null!;
    private protected ServerFactory factory = null!;

    [SetUp]
    public async Task StartServerAsync()
    {
        database = await TestDatabase.CreateAsync(provider);
        factory = new ServerFactory(database: database);
    }

    [TearDown]
    public async Task StopServerAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
