namespace AnnualReview.Assessment.Roster;

/// <summary>
/// One thing wrong with an imported roster (lỗi dữ liệu danh sách): where, which field, a stable code for
/// programs and a message in Vietnamese and English for people.
/// </summary>
/// <param name="Code">Stable code such as "roster.unknown-cell"; see <see cref="RosterErrorCodes"/>.</param>
/// <param name="Position">The row at fault; null for errors about the roster as a whole (e.g. no root).</param>
/// <param name="Field">The field at fault in the source's naming ("cell_id" in CSV, "cellId" in JSON); empty for whole-row errors.</param>
/// <param name="MessageVi">The message in Vietnamese, for the board's users.</param>
/// <param name="MessageEn">The message in English, for logs and support.</param>
public sealed record RosterError(string Code, RosterPosition? Position, string Field, string MessageVi, string MessageEn)
{
    /// <summary>The physical line of the row, when the source has lines.</summary>
    public int? Line => Position?.Line;

    public override string ToString() =>
        Position is { } position ? $"{position}: {Field}: {Code}: {MessageEn}" : $"{Field}: {Code}: {MessageEn}";
}
