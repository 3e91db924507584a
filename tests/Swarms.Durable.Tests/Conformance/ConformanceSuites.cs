namespace Swarms.Durable.Tests.Conformance;

/// <summary>The conformance suite on the in-memory backend.</summary>
public sealed class InMemoryConformanceTests(InMemoryFixture fixture) : ConformanceTests<InMemoryFixture>(fixture);

/// <summary>The conformance suite on the SQLite backend.</summary>
public sealed class SqliteConformanceTests(SqliteFixture fixture) : ConformanceTests<SqliteFixture>(fixture);

/// <summary>The conformance suite on Azure Storage (DurableTask.AzureStorage on a real Azurite).</summary>
public sealed class AzureStorageConformanceIntegrationTests(AzuriteFixture fixture) : ConformanceTests<AzuriteFixture>(fixture);
