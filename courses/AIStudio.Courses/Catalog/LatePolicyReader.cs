using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace AIStudio.Courses.Catalog;

/// <summary>Reads an assignment entry's <c>due</c>, <c>due_days</c>, <c>late_penalty</c> and <c>late_days</c> into a <see cref="LatePolicy"/>.</summary>
internal static class LatePolicyReader
{
    public static readonly string[] Fields = ["due", "due_days", "late_penalty", "late_days"];

    /// <summary>The policy, or null when the entry has none of the fields; problems are recorded on <paramref name="yaml"/>.</summary>
    public static LatePolicy? Read(YamlFields yaml, YamlMappingNode fields, bool isAssignment)
    {
        var present = Fields.Where(f => yaml.Get(fields, f, required: false) is not null).ToList();
        if (present.Count == 0)
        {
            return null;
        }

        if (!isAssignment)
        {
            yaml.Error(yaml.Get(fields, present[0], required: false)!.Start, $"'{present[0]}' applies to assignments only: lessons have no deadline.");
            return null;
        }

        DateTimeOffset? due = null;
        if (yaml.String(fields, "due", required: false) is { } dueText)
        {
            if (DateTimeOffset.TryParse(dueText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                due = parsed;
            }
            else
            {
                yaml.Error(yaml.Get(fields, "due", required: false)!.Start, $"due '{dueText}' is not a date: write an ISO 8601 instant such as 2027-01-31T23:59:00Z.");
            }
        }

        var dueDays = Whole(yaml, fields, "due_days", minimum: 1);
        if (present.Contains("due") && present.Contains("due_days"))
        {
            yaml.Error(yaml.Get(fields, "due_days", required: false)!.Start, "Give either due (a fixed date) or due_days (days after enrolment), not both.");
        }

        var penalty = yaml.Number(fields, "late_penalty", required: false);
        if (penalty is < 0 or > 100)
        {
            yaml.Error(yaml.Get(fields, "late_penalty", required: false)!.Start, FormattableString.Invariant($"late_penalty {penalty} is out of range: use a percentage per day from 0 to 100."));
            penalty = null;
        }

        var lateDays = Whole(yaml, fields, "late_days", minimum: 0);
        if (!present.Contains("due") && !present.Contains("due_days"))
        {
            yaml.Error(yaml.Get(fields, present[0], required: false)!.Start, "A late policy needs a deadline: add due or due_days.");
        }

        return new LatePolicy { Due = due, DueDays = dueDays, PenaltyPercentPerDay = penalty ?? 0, AcceptDaysLate = lateDays };
    }

    private static int? Whole(YamlFields yaml, YamlMappingNode fields, string name, int minimum)
    {
        if (yaml.Number(fields, name, required: false) is not { } value)
        {
            return null;
        }

        if (value < minimum || value != Math.Floor(value) || value > 3650)
        {
            yaml.Error(yaml.Get(fields, name, required: false)!.Start, FormattableString.Invariant($"{name} must be a whole number of days from {minimum} to 3650, not {value}."));
            return null;
        }

        return (int)value;
    }
}
