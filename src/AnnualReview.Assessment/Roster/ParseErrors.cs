using System.Globalization;

namespace AnnualReview.Assessment.Roster;

/// <summary>Builds the errors a file can have before its rows mean anything: shape, columns, unreadable values.</summary>
internal static class ParseErrors
{
    public static RosterError EmptyFile(RosterSourceFormat format, string collection) => new(
        RosterErrorCodes.EmptyFile, new RosterPosition(format, collection, 0, 1), string.Empty,
        "Tệp trống: thiếu dòng tiêu đề.",
        "The file is empty: the header row is missing.");

    public static RosterError MissingColumn(RosterPosition header, string column) => new(
        RosterErrorCodes.MissingColumn, header, column,
        $"Thiếu cột bắt buộc \"{column}\" ở dòng tiêu đề.",
        $"The header row lacks the required column \"{column}\".");

    public static RosterError UnknownColumn(RosterPosition header, string column) => new(
        RosterErrorCodes.UnknownColumn, header, column,
        $"Cột \"{column}\" không thuộc định dạng danh sách (kiểm tra lỗi chính tả).",
        $"The column \"{column}\" is not part of the roster format (check its spelling).");

    public static RosterError DuplicateColumn(RosterPosition header, string column) => new(
        RosterErrorCodes.DuplicateColumn, header, column,
        $"Cột \"{column}\" xuất hiện nhiều lần ở dòng tiêu đề.",
        $"The column \"{column}\" appears more than once in the header row.");

    public static RosterError ColumnCount(RosterPosition row, int expected, int actual) => new(
        RosterErrorCodes.ColumnCount, row, string.Empty,
        string.Create(CultureInfo.InvariantCulture, $"Dòng có {actual} cột, cần {expected} cột như dòng tiêu đề."),
        string.Create(CultureInfo.InvariantCulture, $"The row has {actual} fields; the header has {expected}."));

    public static RosterError UnclosedQuote(RosterPosition row) => new(
        RosterErrorCodes.UnclosedQuote, row, string.Empty,
        "Dấu ngoặc kép mở nhưng không đóng đến cuối tệp.",
        "A quoted field is not closed before the end of the file.");

    public static RosterError MalformedJson(RosterPosition where, string detail) => new(
        RosterErrorCodes.MalformedJson, where, string.Empty,
        $"JSON không hợp lệ: {detail}",
        $"The JSON is malformed: {detail}");

    public static RosterError InvalidValue(RosterPosition row, string field, string value, string allowed) => new(
        RosterErrorCodes.InvalidValue, row, field,
        $"Giá trị \"{value}\" không hợp lệ; chấp nhận: {allowed}.",
        $"The value \"{value}\" is not valid; expected: {allowed}.");

    public static RosterError InvalidDate(RosterPosition row, string field, string value) => new(
        RosterErrorCodes.InvalidDate, row, field,
        $"Ngày \"{value}\" không đúng định dạng yyyy-MM-dd (ví dụ 2019-03-26).",
        $"The date \"{value}\" is not in the yyyy-MM-dd format (e.g. 2019-03-26).");
}
