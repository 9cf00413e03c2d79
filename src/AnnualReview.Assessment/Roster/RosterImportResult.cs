using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Roster;

/// <summary>
/// The outcome of an import (nhập danh sách): all or nothing. When <see cref="Valid"/> is false the units and
/// members are empty and <see cref="Errors"/> lists every problem found, in file order.
/// </summary>
public sealed record RosterImportResult(
    bool Valid,
    IReadOnlyList<Unit> Units,
    IReadOnlyList<Member> Members,
    IReadOnlyList<RosterError> Errors);
