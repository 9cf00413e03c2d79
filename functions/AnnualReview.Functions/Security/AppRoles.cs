namespace AnnualReview.Functions.Security;

/// <summary>The roles a token can carry (claim <see cref="AppClaims.Roles"/>). Each is scoped by the token's unit claim.</summary>
public static class AppRoles
{
    /// <summary>Ban tổ chức: runs cycles for its province or city.</summary>
    public const string OrganizationBoard = "OrganizationBoard";

    /// <summary>Cấp ủy: appraises the grassroots organizations and cells under it.</summary>
    public const string Committee = "Committee";

    /// <summary>Bí thư chi bộ: records the cell's meeting and its collective review.</summary>
    public const string CellSecretary = "CellSecretary";

    /// <summary>Đảng viên: reaches only their own review and inbox.</summary>
    public const string Member = "Member";

    /// <summary>Reads everything in its subtree, changes nothing.</summary>
    public const string Auditor = "Auditor";

    /// <summary>Operates the service: the whole tree and the management API.</summary>
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [OrganizationBoard, Committee, CellSecretary, Member, Auditor, Admin];
}
