using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;

namespace AnnualReview.Functions.Web;

/// <summary>Markup that is already safe and is written as it is.</summary>
public readonly record struct Raw(string Markup)
{
    public static Raw Empty { get; } = new("");

    public override string ToString() => Markup;
}

/// <summary>
/// A page being written. Interpolated holes are HTML-encoded unless they are <see cref="Raw"/>, so user data
/// (names, reasons, payloads) can never turn into markup by accident.
/// </summary>
public sealed class Html
{
    internal StringBuilder Builder { get; } = new();

    public Html Add([InterpolatedStringHandlerArgument("")] HtmlHandler handler)
    {
        _ = handler;
        return this;
    }

    public Html Add(Raw raw)
    {
        Builder.Append(raw.Markup);
        return this;
    }

    /// <summary>A fragment built from an interpolated string with the same encoding rules.</summary>
    public static Raw Of([InterpolatedStringHandlerArgument] HtmlHandler handler) => new(handler.ToString());

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    public Raw ToRaw() => new(Builder.ToString());

    public override string ToString() => Builder.ToString();
}

[InterpolatedStringHandler]
public readonly ref struct HtmlHandler
{
    private readonly StringBuilder _builder;

    public HtmlHandler(int literalLength, int formattedCount, Html html)
    {
        ArgumentNullException.ThrowIfNull(html);
        _ = formattedCount;
        _builder = html.Builder;
        _builder.EnsureCapacity(_builder.Length + literalLength);
    }

    public HtmlHandler(int literalLength, int formattedCount)
    {
        _ = formattedCount;
        _builder = new StringBuilder(literalLength * 2);
    }

    public void AppendLiteral(string literal) => _builder.Append(literal);

    public void AppendFormatted(Raw raw) => _builder.Append(raw.Markup);

    public void AppendFormatted(string? text) => _builder.Append(WebUtility.HtmlEncode(text ?? ""));

    public void AppendFormatted<T>(T value) => _builder.Append(WebUtility.HtmlEncode(value switch
    {
        null => "",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    }));

    public void AppendFormatted<T>(T value, string? format) => _builder.Append(WebUtility.HtmlEncode(value switch
    {
        null => "",
        IFormattable formattable => formattable.ToString(format, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    }));

    public override string ToString() => _builder.ToString();
}
