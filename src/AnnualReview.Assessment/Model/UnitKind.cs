namespace AnnualReview.Assessment.Model;

/// <summary>Kinds of node in the party tree.</summary>
public enum UnitKind
{
    /// <summary>Ban Tổ chức / Thành ủy, Tỉnh ủy: the root that runs the cycle.</summary>
    OrganizationBoard,

    /// <summary>Cấp ủy, đảng bộ trực thuộc: a committee between the board and the grassroots.</summary>
    Committee,

    /// <summary>Tổ chức cơ sở đảng (đảng bộ cơ sở, chi bộ cơ sở).</summary>
    GrassrootsOrganization,

    /// <summary>Chi bộ: where members meet and vote.</summary>
    Cell,
}
