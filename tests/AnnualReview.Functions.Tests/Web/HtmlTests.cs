using AnnualReview.Functions.Web;

namespace AnnualReview.Functions.Tests.Web;

public sealed class HtmlTests
{
    [Fact]
    public void Add_UserText_IsEncodedAndRawMarkupIsNot()
    {
        string name = "<script>alert('x')</script> & Nguyễn";
        var html = new Html().Add($"<td title=\"{name}\">{name}</td>").Add(Html.Of($"<b>{3}</b>"));

        string written = html.ToString();

        Assert.DoesNotContain("<script>", written, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Nguyễn", written, StringComparison.Ordinal);
        Assert.EndsWith("<b>3</b>", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_NumbersWithFormats_UseTheInvariantCulture()
    {
        var html = new Html().Add($"{1234567:N0}|{0.2m:P0}|{1.5}");

        Assert.Equal("1,234,567|20 %|1.5", html.ToString());
    }

    [Theory]
    [InlineData("/web/review?cycle=x", "/web/review?cycle=x")]
    [InlineData("//evil.example/", "/web")]
    [InlineData("/\\evil.example/", "/web")]
    [InlineData("https://evil.example/", "/web")]
    [InlineData(null, "/web")]
    public void LocalOrHome_KeepsOnlyPathsInsideTheApp(string? back, string expected)
        => Assert.Equal(expected, LanguageToggle.LocalOrHome(back));
}
