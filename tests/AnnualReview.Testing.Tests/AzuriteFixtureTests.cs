using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace AnnualReview.Testing.Tests;

[Collection("azurite")]
public sealed class AzuriteFixtureTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_queue_message_sent_through_the_fixture_is_received_back()
    {
        var cancellationToken = TestTimeout.For(TimeSpan.FromMinutes(1));
        var queue = new QueueClient(azurite.ConnectionString, AzuriteServer.NewTaskHubName("work"));
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

        await queue.SendMessageAsync("start review 42", cancellationToken);

        var received = (await queue.ReceiveMessageAsync(TimeSpan.FromSeconds(30), cancellationToken)).Value;
        Assert.NotNull(received);
        Assert.Equal("start review 42", received.Body.ToString());
        Assert.Equal(1, received.DequeueCount);

        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, cancellationToken);
        var properties = (await queue.GetPropertiesAsync(cancellationToken)).Value;
        Assert.Equal(0, properties.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_blob_uploaded_through_the_fixture_is_downloaded_back()
    {
        var cancellationToken = TestTimeout.For(TimeSpan.FromMinutes(1));
        var container = new BlobContainerClient(azurite.ConnectionString, AzuriteServer.NewTaskHubName("payloads"));
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

        var blob = container.GetBlobClient("instance-1/input.json");
        await blob.UploadAsync(BinaryData.FromString("{\"employee\":42}"), cancellationToken);

        var downloaded = (await blob.DownloadContentAsync(cancellationToken)).Value.Content;
        Assert.Equal("{\"employee\":42}", downloaded.ToString());
    }
}
