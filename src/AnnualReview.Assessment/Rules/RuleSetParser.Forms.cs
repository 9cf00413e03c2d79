namespace AnnualReview.Assessment.Rules;

internal static partial class RuleSetParser
{
    private static List<FormDefinition> ReadForms(JsonCursor root)
    {
        var forms = new List<FormDefinition>();
        foreach (JsonCursor item in root.Objects("forms"))
        {
            string code = item.String("code");
            if (forms.Any(f => f.Code == code))
            {
                throw item.Fail("code", $"{code} is defined twice");
            }

            FormAudience audience = item.Enum<FormAudience>("audience");

            // One form per audience, or choosing a member's form would be ambiguous.
            if (forms.Any(f => f.Audience == audience))
            {
                throw item.Fail("audience", $"a form for {audience} is already defined");
            }

            // The collective report's sections are not modelled yet; an individual form without sections is unusable.
            bool individual = audience != FormAudience.Collective;
            (string source, bool confirmed) = item.Provenance();
            forms.Add(new FormDefinition(
                code,
                audience,
                item.String("titleVi"),
                item.String("titleEn"),
                ReadParts(item, allowEmpty: !individual),
                source,
                confirmed,
                item.OptionalString("partsSource") ?? source,
                item.OptionalBool("partsConfirmed") ?? confirmed));
        }

        FormAudience[] missing = Enum.GetValues<FormAudience>().Except(forms.Select(f => f.Audience)).ToArray();
        if (missing.Length > 0)
        {
            throw root.Fail("forms", $"must include a form for {string.Join(", ", missing)}");
        }

        return forms;
    }

    private static List<FormPart> ReadParts(JsonCursor form, bool allowEmpty)
    {
        var parts = new List<FormPart>();
        var sectionCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonCursor item in form.Objects("parts", allowEmpty))
        {
            string code = item.String("code");
            if (parts.Any(p => p.Code == code))
            {
                throw item.Fail("code", $"{code} is defined twice");
            }

            var sections = new List<FormSection>();
            foreach (JsonCursor section in item.Objects("sections"))
            {
                string sectionCode = section.String("code");
                if (!sectionCodes.Add(sectionCode))
                {
                    throw section.Fail("code", $"{sectionCode} is defined twice in the form");
                }

                sections.Add(new FormSection(sectionCode, section.String("titleVi"), section.String("titleEn"), section.Bool("optional")));
            }

            parts.Add(new FormPart(code, item.String("titleVi"), item.String("titleEn"), sections));
        }

        return parts;
    }
}
