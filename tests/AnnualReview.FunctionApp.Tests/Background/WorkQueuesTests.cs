using System.Text;
using AnnualReview.FunctionApp.Background;
using AnnualReview.Functions.Notifications;
using AnnualReview.TaskHub;
using AnnualReview.Testing;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AnnualReview.FunctionApp.Tests.Background;

/// <summary>
/// What wakes the sealing and delivery functions, on Azurite: the messages land on the hub's queues, hidden for
/// their delay, in the base64 the queue trigger reads, and a burst sends one.
/// </summary>
[Collection("azurite")]
public sealed class WorkQueuesTests(AzuriteFixture azurite)
{
    private readonly string _hub = AzuriteServer.NewTaskHubName("wq");

    private TaskHubStorage Hub() => TaskHubConnection.FromConnectionString(azurite.ConnectionString).ToStorage(_hub, 1);

    private QueueClient Queue(string suffix) => new(azurite.ConnectionString, _hub.ToLowerInvariant() + suffix);

    private static string Decoded(QueueMessage message) => Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText));

    [Fact]
    public async Task SealingRequests_OneInstanceSteppedTwice_SendsOneHiddenMessageNamingIt()
    {
        var queues = new WorkQueues(Hub());
        var requests = new SealingRequests(queues, TimeProvider.System, NullLogger<SealingRequests>.Instance);
        await requests.StartAsync(CancellationToken.None);
        try
        {
            requests.Request("cycle-2026-u1");
            requests.Request("cycle-2026-u1");

            QueueClient queue = Queue(WorkQueues.SealingSuffix);
            int waiting = 0;
            for (int i = 0; i < 50 && waiting == 0; i++)
            {
                await Task.Delay(100);
                if (await queue.ExistsAsync())
                {
                    waiting = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
                }
            }

            Assert.Equal(1, waiting);
            Assert.Empty((await queue.ReceiveMessagesAsync(maxMessages: 10)).Value);

            await Task.Delay(SealingRequests.Delay + TimeSpan.FromSeconds(1));
            QueueMessage message = Assert.Single((await queue.ReceiveMessagesAsync(maxMessages: 10)).Value);
            Assert.Equal("cycle-2026-u1", Decoded(message));
        }
        finally
        {
            await requests.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task DeliveryWakeUps_ABurstWithinASecond_SendsOneMessage_TheNextSecondAnother()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var settings = NotificationSettings.From(new ConfigurationBuilder().Build());
        var wakeUps = new DeliveryWakeUps(new WorkQueues(Hub()), settings, clock);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => wakeUps.WakeAsync(CancellationToken.None)));
        QueueClient queue = Queue(WorkQueues.DeliverySuffix);
        Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        clock.Advance(DeliveryWakeUps.Gather);
        await wakeUps.WakeAsync(CancellationToken.None);
        Assert.Equal(2, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        await Task.Delay(DeliveryWakeUps.Gather + TimeSpan.FromSeconds(1));
        QueueMessage[] messages = (await queue.ReceiveMessagesAsync(maxMessages: 10)).Value;
        Assert.Equal(2, messages.Length);
        Assert.All(messages, m => Assert.Equal("deliver", Decoded(m)));
    }
}
