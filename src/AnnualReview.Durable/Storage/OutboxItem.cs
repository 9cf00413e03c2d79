namespace AnnualReview.Durable.Storage;

/// <summary>Where a message released by a committed step goes.</summary>
internal enum OutboxDestination
{
    /// <summary>The control queue of the message's instance.</summary>
    Control,

    /// <summary>The activity work-item queue.</summary>
    WorkItem,

    /// <summary>The timer table, to be moved to a control queue when due.</summary>
    Timer,
}

/// <summary>A message a committed step still has to send. Kept on the instance row until the next step replaces it.</summary>
internal sealed record OutboxItem(OutboxDestination Destination, TaskMessage Message);
