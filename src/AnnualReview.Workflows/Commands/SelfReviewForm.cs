using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;

namespace AnnualReview.Workflows.Commands;

/// <summary>
/// Checks a self-review against the form the rule set gives this member (02A, 02B or 02C under QĐ 366):
/// the right form, no unknown sections, every required section of part A written. Part B (the self-rating)
/// is carried by the self-rated level itself.
/// </summary>
public static class SelfReviewForm
{
    public static IReadOnlyList<ValidationError> Validate(RuleSet ruleSet, Member member, string form, IReadOnlyDictionary<string, string> sections)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(sections);
        FormDefinition expected = ruleSet.FormFor(member);
        var errors = new List<ValidationError>();
        if (!string.Equals(form, expected.Code, StringComparison.Ordinal))
        {
            errors.Add(new ValidationError("WrongForm", "form",
                $"Đảng viên này dùng mẫu {expected.Code} ({expected.TitleVi}), không phải {form}.",
                $"This member uses form {expected.Code} ({expected.TitleEn}), not {form}."));
            return errors;
        }

        var known = expected.Parts.SelectMany(p => p.Sections).ToDictionary(s => s.Code, StringComparer.Ordinal);
        foreach (string code in sections.Keys.Where(c => !known.ContainsKey(c)))
        {
            errors.Add(new ValidationError("UnknownSection", $"sections.{code}", $"Mẫu {expected.Code} không có mục {code}.", $"Form {expected.Code} has no section {code}."));
        }

        foreach (FormSection section in expected.Parts.Where(p => p.Code != "B").SelectMany(p => p.Sections).Where(s => !s.Optional))
        {
            if (!sections.TryGetValue(section.Code, out string? text) || string.IsNullOrWhiteSpace(text))
            {
                errors.Add(new ValidationError("MissingSection", $"sections.{section.Code}",
                    $"Chưa viết mục {section.Code}. {section.TitleVi}.", $"Section {section.Code} ({section.TitleEn}) is empty."));
            }
        }

        return errors;
    }
}
