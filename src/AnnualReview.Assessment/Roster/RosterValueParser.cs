using System.Globalization;
using System.Text;
using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Roster;

/// <summary>
/// Reads the text of one field into the model's types. Shared by CSV and JSON so both accept exactly the same
/// values; Vietnamese names of unit kinds and membership are accepted because exports from the party member
/// database use them.
/// </summary>
internal static class RosterValueParser
{
    private static readonly Dictionary<string, UnitKind> Kinds = new(StringComparer.Ordinal)
    {
        ["organizationboard"] = UnitKind.OrganizationBoard,
        ["board"] = UnitKind.OrganizationBoard,
        ["bantổchức"] = UnitKind.OrganizationBoard,
        ["thànhủy"] = UnitKind.OrganizationBoard,
        ["thànhuỷ"] = UnitKind.OrganizationBoard,
        ["tỉnhủy"] = UnitKind.OrganizationBoard,
        ["tỉnhuỷ"] = UnitKind.OrganizationBoard,
        ["committee"] = UnitKind.Committee,
        ["cấpủy"] = UnitKind.Committee,
        ["cấpuỷ"] = UnitKind.Committee,
        ["đảngbộ"] = UnitKind.Committee,
        ["đảngbộtrựcthuộc"] = UnitKind.Committee,
        ["grassrootsorganization"] = UnitKind.GrassrootsOrganization,
        ["grassroots"] = UnitKind.GrassrootsOrganization,
        ["tổchứccơsởđảng"] = UnitKind.GrassrootsOrganization,
        ["đảngbộcơsở"] = UnitKind.GrassrootsOrganization,
        // A grassroots cell is modelled as a grassroots organization holding exactly one cell.
        ["chibộcơsở"] = UnitKind.GrassrootsOrganization,
        ["cell"] = UnitKind.Cell,
        ["chibộ"] = UnitKind.Cell,
    };

    private static readonly Dictionary<string, MembershipKind> Memberships = new(StringComparer.Ordinal)
    {
        ["full"] = MembershipKind.Full,
        ["chínhthức"] = MembershipKind.Full,
        ["probationary"] = MembershipKind.Probationary,
        ["dựbị"] = MembershipKind.Probationary,
    };

    private static readonly Dictionary<string, MemberStanding> Standings = new(StringComparer.Ordinal)
    {
        ["active"] = MemberStanding.Active,
        ["exempt"] = MemberStanding.Exempt,
        ["suspended"] = MemberStanding.Suspended,
    };

    private static readonly Dictionary<string, LeaveKind> Leaves = new(StringComparer.Ordinal)
    {
        ["none"] = LeaveKind.None,
        ["longsick"] = LeaveKind.LongSick,
        ["maternity"] = LeaveKind.Maternity,
    };

    public static bool TryKind(string text, out UnitKind kind) => Kinds.TryGetValue(Key(text), out kind);

    public static bool TryMembership(string text, out MembershipKind kind) => Memberships.TryGetValue(Key(text), out kind);

    public static bool TryStanding(string text, out MemberStanding standing) => Standings.TryGetValue(Key(text), out standing);

    public static bool TryLeave(string text, out LeaveKind leave) => Leaves.TryGetValue(Key(text), out leave);

    public static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryBool(string text, out bool value)
    {
        switch (Key(text))
        {
            case "true":
                value = true;
                return true;
            case "false":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>Trims and composes (NFC) text; exports sometimes carry decomposed Vietnamese diacritics.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var trimmed = text.Trim();
        return trimmed.IsNormalized(NormalizationForm.FormC) ? trimmed : trimmed.Normalize(NormalizationForm.FormC);
    }

    /// <summary>Null for blank text, so optional fields stay absent rather than empty.</summary>
    public static string? CleanOptional(string? text)
    {
        var cleaned = Clean(text);
        return cleaned.Length == 0 ? null : cleaned;
    }

    /// <summary>Lower case without spaces, underscores or hyphens: "Long_Sick", "long-sick" and "chi bộ" all match.</summary>
    private static string Key(string text)
    {
        var cleaned = Clean(text).ToLowerInvariant();
        var key = new StringBuilder(cleaned.Length);
        foreach (var c in cleaned)
        {
            if (c is not (' ' or '_' or '-'))
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }
}
