namespace AnnualReview.Assessment.Rules;

/// <summary>
/// A rule set that cannot be used. <see cref="Field"/> is the JSON path at fault
/// (e.g. "quota.maxExcellentShareOfGood"), and the message starts with it.
/// </summary>
public sealed class RuleSetException : Exception
{
    public RuleSetException()
        : this("$", "invalid rule set")
    {
    }

    public RuleSetException(string message)
        : this("$", message)
    {
    }

    public RuleSetException(string message, Exception innerException)
        : base($"$: {message}", innerException) => Field = "$";

    public RuleSetException(string field, string problem, Exception? innerException = null)
        : base($"{field}: {problem}", innerException) => Field = field;

    /// <summary>The JSON path of the value at fault; "$" for the document as a whole.</summary>
    public string Field { get; }
}
