using System.Net.Sockets;
using Azure.Data.Tables;

namespace AnnualReview.Testing.Tests;

public sealed class AzuriteServerTests
{
    [Fact]
    public async Task A_started_server_stores_and_returns_a_table_entity()
    {
        var cancellationToken = TestTimeout.For(TimeSpan.FromMinutes(2));
        await using var server = await AzuriteServer.StartAsync(cancellationToken);

        var tableName = AzuriteServer.NewTaskHubName("entities");
        var table = new TableClient(server.ConnectionString, tableName);
        await table.CreateIfNotExistsAsync(cancellationToken);

        var written = new TableEntity("review-2025", "employee-42")
        {
            ["Reviewer"] = "Ada",
            ["Score"] = 4,
            ["Submitted"] = true,
        };
        await table.AddEntityAsync(written, cancellationToken);

        var read = (await table.GetEntityAsync<TableEntity>("review-2025", "employee-42", cancellationToken: cancellationToken)).Value;
        Assert.Equal("Ada", read.GetString("Reviewer"));
        Assert.Equal(4, read.GetInt32("Score"));
        Assert.True(read.GetBoolean("Submitted"));
        Assert.NotNull(read.Timestamp);
    }

    [Fact]
    public async Task A_self_started_process_listens_until_disposed_and_is_stopped_after()
    {
        var cancellationToken = TestTimeout.For(TimeSpan.FromMinutes(2));
        var server = await AzuriteServer.StartProcessAsync(cancellationToken);
        var process = server.Process;
        Assert.NotNull(process);
        Assert.False(process.HasExited);

        var tableEndpoint = new TableServiceClient(server.ConnectionString).Uri;
        Assert.Equal("127.0.0.1", tableEndpoint.Host);
        Assert.True(await AcceptsAsync(tableEndpoint.Port, cancellationToken));

        await server.DisposeAsync();

        Assert.False(await AcceptsAsync(tableEndpoint.Port, cancellationToken));
    }

    [Fact]
    public async Task The_storage_variable_is_used_as_it_is_without_starting_a_process()
    {
        var configured = Environment.GetEnvironmentVariable(AzuriteServer.StorageVariable);
        await using var server = await AzuriteServer.StartAsync();

        if (string.IsNullOrWhiteSpace(configured))
        {
            Assert.NotNull(server.Process);
            Assert.Contains("AccountName=devstoreaccount1;", server.ConnectionString, StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(server.Process);
            Assert.Equal(configured.Trim(), server.ConnectionString);
        }
    }

    [Fact]
    public void The_connection_string_names_each_endpoint_explicitly()
    {
        var connectionString = AzuriteServer.BuildConnectionString("127.0.0.1", 41000, 41001, 41002);

        Assert.Equal(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            "BlobEndpoint=http://127.0.0.1:41000/devstoreaccount1;" +
            "QueueEndpoint=http://127.0.0.1:41001/devstoreaccount1;" +
            "TableEndpoint=http://127.0.0.1:41002/devstoreaccount1;",
            connectionString);
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("Annual-Review_Workflow.Tests")]
    [InlineData("42")]
    [InlineData("")]
    [InlineData("---")]
    [InlineData("ÄÖÜ überlang")]
    public void Task_hub_names_are_valid_storage_names(string prefix)
    {
        var name = AzuriteServer.NewTaskHubName(prefix);

        Assert.InRange(name.Length, 3, 20);
        Assert.True(char.IsAsciiLetterLower(name[0]), name);
        Assert.All(name, c => Assert.True(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c), name));
    }

    [Fact]
    public void Task_hub_names_keep_their_prefix_and_are_unique()
    {
        var names = Enumerable.Range(0, 1000).Select(_ => AzuriteServer.NewTaskHubName("Orders")).ToList();

        Assert.All(names, name => Assert.StartsWith("orders", name, StringComparison.Ordinal));
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task A_test_timeout_token_is_cancelled_after_its_time()
    {
        var token = TestTimeout.For(TimeSpan.FromMilliseconds(50));
        Assert.False(token.IsCancellationRequested);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Delay(TimeSpan.FromSeconds(30), token));
        Assert.True(token.IsCancellationRequested);
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
