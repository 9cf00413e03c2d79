using System.Text;
using System.Text.Json;
using AnnualReview.Functions.Host;

namespace AnnualReview.Functions.Tests.Host;

public sealed class QueueMessageTextTests
{
    private const string Message = """{"message":{"instanceId":"cell-1","id":"m1"}}""";

    private static JsonElement Value(object value) => JsonDocument.Parse(JsonSerializer.Serialize(value)).RootElement.Clone();

    [Fact]
    public void From_TheHostsDoubleQuotedString_IsTheMessageText()
        => Assert.Equal(Message, QueueMessageText.From(Value(JsonSerializer.Serialize(Message))));

    [Fact]
    public void From_APlainString_IsTheMessageText()
        => Assert.Equal(Message, QueueMessageText.From(Value(Message)));

    [Fact]
    public void From_Base64Bytes_IsTheDecodedText()
        => Assert.Equal(Message, QueueMessageText.From(Value(Convert.ToBase64String(Encoding.UTF8.GetBytes(Message)))));

    [Fact]
    public void From_AnObjectTheHostParsed_IsItsJson()
        => Assert.Equal("cell-1", JsonDocument.Parse(QueueMessageText.From(JsonDocument.Parse(Message).RootElement)).RootElement.GetProperty("message").GetProperty("instanceId").GetString());

    [Theory]
    [InlineData("not a message")]
    [InlineData("42")]
    public void From_TextThatIsNoMessage_Throws(string text)
        => Assert.Throws<InvalidDataException>(() => QueueMessageText.From(Value(text)));

    [Fact]
    public void From_ANumber_Throws()
        => Assert.Throws<InvalidDataException>(() => QueueMessageText.From(Value(42)));
}
