using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Rules;

internal static partial class RuleSetParser
{
    private static EligibilityRules ReadEligibility(JsonCursor eligibility)
    {
        var notRated = new List<NotRatedRule>();
        foreach (JsonCursor item in eligibility.Objects("notRated"))
        {
            NotRatedCondition condition = item.Enum<NotRatedCondition>("condition");
            if (notRated.Any(r => r.Condition == condition))
            {
                throw item.Fail("condition", $"{condition} is defined twice");
            }

            int? months = null;
            if (condition == NotRatedCondition.AdmittedRecently)
            {
                months = item.Int("months");
                if (months is < 1 or > 24)
                {
                    throw item.Fail("months", "must be between 1 and 24");
                }
            }

            (string source, bool confirmed) = item.Provenance();
            notRated.Add(new NotRatedRule(condition, months, source, confirmed));
        }

        var leave = new List<LeaveRule>();
        foreach (JsonCursor item in eligibility.Objects("leave", allowEmpty: true))
        {
            leave.Add(ReadLeave(item, leave));
        }

        return new EligibilityRules(notRated, leave) { AdmissionReference = ReadAdmissionReference(eligibility) };
    }

    private static Sourced<AnnualDate> ReadAdmissionReference(JsonCursor eligibility)
    {
        if (!eligibility.Has("admissionReferenceDate"))
        {
            return EligibilityRules.YearEnd;
        }

        Sourced<string> text = eligibility.Sourced("admissionReferenceDate", static (c, n) => c.String(n));
        AnnualDate date = AnnualDate.Parse(text.Value) ?? throw eligibility.Fail("admissionReferenceDate", "must be a day of the year written MM-dd");
        return new Sourced<AnnualDate>(date, text.Source, text.Confirmed);
    }

    private static LeaveRule ReadLeave(JsonCursor item, List<LeaveRule> earlier)
    {
        LeaveKind kind = item.Enum<LeaveKind>("kind");
        if (kind == LeaveKind.None)
        {
            throw item.Fail("kind", "must be a kind of leave, not none");
        }

        if (earlier.Any(r => r.Kind == kind))
        {
            throw item.Fail("kind", $"{kind} is defined twice");
        }

        int minMonths = item.Int("minMonths");
        if (minMonths is < 0 or > 12)
        {
            throw item.Fail("minMonths", "must be between 0 and 12");
        }

        LeaveTreatment treatment = item.Enum<LeaveTreatment>("treatment");
        RatingLevel? cap = null;
        if (treatment == LeaveTreatment.Capped)
        {
            cap = item.Enum<RatingLevel>("capAt");
        }
        else if (item.Has("capAt"))
        {
            throw item.Fail("capAt", "is only allowed when treatment is capped");
        }

        (string source, bool confirmed) = item.Provenance();
        return new LeaveRule(kind, minMonths, treatment, cap, source, confirmed);
    }

    private static RecognitionRuleSet ReadRecognition(JsonCursor recognition)
    {
        JsonCursor certificate = recognition.Object("yearCertificate");
        JsonCursor fiveYears = recognition.Object("consecutiveExcellent");
        JsonCursor flag = recognition.Object("consecutiveNotCompletedFlag");
        JsonCursor followUp = recognition.Object("notCompletedFollowUp");

        (string source, bool confirmed) = followUp.Provenance();
        return new RecognitionRuleSet(
            ReadAward(certificate, years: 1),
            ReadAward(fiveYears, ReadRunLength(fiveYears)),
            new FlagRule(ReadRunLength(flag), flag.Bool("enabled"), flag.String("nameVi"), flag.String("nameEn"), flag.String("source"), flag.Bool("confirmed")),
            new FollowUpRule(followUp.String("nameVi"), followUp.String("nameEn"), source, confirmed));
    }

    private static AwardRule ReadAward(JsonCursor item, int years)
    {
        (string source, bool confirmed) = item.Provenance();
        return new AwardRule(years, item.String("nameVi"), item.String("nameEn"), item.String("issuerVi"), item.String("issuerEn"), source, confirmed);
    }

    private static int ReadRunLength(JsonCursor item)
    {
        int years = item.Int("years");
        return years is < 2 or > 50 ? throw item.Fail("years", "must be between 2 and 50") : years;
    }
}
