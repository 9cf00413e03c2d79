using System.Globalization;
using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Roster;

/// <summary>Builds the errors about what rows mean: the tree's shape, ids, cells, dates and contact fields.</summary>
internal static class ValidationErrors
{
    public static RosterError MissingId(RosterPosition row) => new(
        RosterErrorCodes.MissingId, row, row.FieldName(RosterColumns.Id),
        "Thiếu mã.",
        "The id is missing.");

    public static RosterError MissingName(RosterPosition row, string column) => new(
        RosterErrorCodes.MissingName, row, row.FieldName(column),
        "Thiếu tên.",
        "The name is missing.");

    public static RosterError DuplicateUnitId(RosterPosition row, string id, RosterPosition first) => new(
        RosterErrorCodes.DuplicateUnitId, row, row.FieldName(RosterColumns.Id),
        $"Mã tổ chức \"{id}\" đã dùng ở {Where(first, vietnamese: true)}.",
        $"The unit id \"{id}\" is already used at {Where(first, vietnamese: false)}.");

    public static RosterError DuplicateMemberId(RosterPosition row, string id, RosterPosition first) => new(
        RosterErrorCodes.DuplicateMemberId, row, row.FieldName(RosterColumns.Id),
        $"Mã đảng viên \"{id}\" đã dùng ở {Where(first, vietnamese: true)}.",
        $"The member id \"{id}\" is already used at {Where(first, vietnamese: false)}.");

    public static RosterError NoRoot() => new(
        RosterErrorCodes.NoRoot, null, RosterColumns.ParentId,
        "Không có tổ chức gốc (dòng có parent_id để trống).",
        "There is no root unit (a row with an empty parent_id).");

    public static RosterError MultipleRoots(RosterPosition row, string id, string firstRootId) => new(
        RosterErrorCodes.MultipleRoots, row, row.FieldName(RosterColumns.ParentId),
        $"\"{id}\" không có tổ chức cấp trên, nhưng chỉ được có một gốc (\"{firstRootId}\").",
        $"\"{id}\" has no parent, but there must be exactly one root (\"{firstRootId}\").");

    public static RosterError WrongRootKind(RosterPosition row, string id, UnitKind kind) => new(
        RosterErrorCodes.WrongRootKind, row, row.FieldName(RosterColumns.Kind),
        $"Tổ chức gốc \"{id}\" phải là ban tổ chức hoặc cấp ủy, không phải {kind}.",
        $"The root \"{id}\" must be an OrganizationBoard or a Committee, not a {kind}.");

    public static RosterError UnknownParent(RosterPosition row, string parentId) => new(
        RosterErrorCodes.UnknownParent, row, row.FieldName(RosterColumns.ParentId),
        $"Không có tổ chức cấp trên mã \"{parentId}\".",
        $"There is no parent unit with id \"{parentId}\".");

    public static RosterError WrongParentKind(RosterPosition row, UnitKind kind, string parentId, UnitKind parentKind, string allowed) => new(
        RosterErrorCodes.WrongParentKind, row, row.FieldName(RosterColumns.ParentId),
        $"{kind} không thể trực thuộc {parentKind} \"{parentId}\"; cấp trên hợp lệ: {allowed}.",
        $"A {kind} cannot sit under the {parentKind} \"{parentId}\"; allowed parents: {allowed}.");

    public static RosterError Cycle(RosterPosition row, IReadOnlyList<string> ids) => new(
        RosterErrorCodes.Cycle, row, row.FieldName(RosterColumns.ParentId),
        $"Quan hệ cấp trên tạo vòng lặp: {string.Join(" → ", ids)}.",
        $"The parent links form a cycle: {string.Join(" → ", ids)}.");

    public static RosterError UnknownCell(RosterPosition row, string cellId) => new(
        RosterErrorCodes.UnknownCell, row, row.FieldName(RosterColumns.CellId),
        cellId.Length == 0 ? "Thiếu mã chi bộ." : $"Không có chi bộ mã \"{cellId}\".",
        cellId.Length == 0 ? "The cell id is missing." : $"There is no cell with id \"{cellId}\".");

    public static RosterError NotACell(RosterPosition row, string cellId, UnitKind kind) => new(
        RosterErrorCodes.NotACell, row, row.FieldName(RosterColumns.CellId),
        $"\"{cellId}\" là {kind}, không phải chi bộ; đảng viên luôn sinh hoạt ở một chi bộ.",
        $"\"{cellId}\" is a {kind}, not a Cell; members always belong to a cell.");

    public static RosterError AdmittedInFuture(RosterPosition row, DateOnly admittedOn, DateOnly today) => new(
        RosterErrorCodes.AdmittedInFuture, row, row.FieldName(RosterColumns.AdmittedOn),
        $"Ngày vào Đảng {Iso(admittedOn)} sau ngày hôm nay ({Iso(today)}).",
        $"The admission date {Iso(admittedOn)} is after today ({Iso(today)}).");

    public static RosterError BadEmail(RosterPosition row, string email) => new(
        RosterErrorCodes.BadEmail, row, row.FieldName(RosterColumns.Email),
        $"Địa chỉ email \"{email}\" không hợp lệ.",
        $"The email address \"{email}\" is not valid.");

    public static RosterError LeaveMonthsOutOfRange(RosterPosition row, int months) => new(
        RosterErrorCodes.LeaveMonthsOutOfRange, row, row.FieldName(RosterColumns.LeaveMonths),
        string.Create(CultureInfo.InvariantCulture, $"Số tháng nghỉ {months} phải từ 0 đến 12."),
        string.Create(CultureInfo.InvariantCulture, $"The leave months {months} must be between 0 and 12."));

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Where(RosterPosition first, bool vietnamese)
    {
        var lineWord = vietnamese ? "dòng" : "line";
        return (first.Format, first.Line) switch
        {
            (RosterSourceFormat.Csv, { } line) => string.Create(CultureInfo.InvariantCulture, $"{lineWord} {line}"),
            (_, { } line) => string.Create(CultureInfo.InvariantCulture, $"{first.Path} ({lineWord} {line})"),
            _ => first.Path,
        };
    }
}
