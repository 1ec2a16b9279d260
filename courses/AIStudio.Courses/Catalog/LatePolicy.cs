using System.Globalization;

namespace AIStudio.Courses.Catalog;

/// <summary>
/// When an assignment is due and what a late submission costs: a fixed deadline (<c>due</c>) or one relative to the
/// learner's enrolment (<c>due_days</c>, for self-paced courses), a penalty in percent of the score for each day or part
/// of a day late (<c>late_penalty</c>), and how many days late a submission is still taken (<c>late_days</c>; none: always).
/// </summary>
public sealed record LatePolicy
{
    /// <summary>A fixed deadline, or null.</summary>
    public DateTimeOffset? Due { get; init; }

    /// <summary>Days from enrolment to the deadline, or null.</summary>
    public int? DueDays { get; init; }

    /// <summary>Percent of the score taken off per day (or part of a day) late, 0–100.</summary>
    public double PenaltyPercentPerDay { get; init; }

    /// <summary>The most days late a submission is accepted; null accepts any, 0 refuses every late one.</summary>
    public int? AcceptDaysLate { get; init; }

    /// <summary>The deadline for a learner who enrolled at <paramref name="enrolledAt"/>, or null when there is none.</summary>
    public DateTimeOffset? DueFor(DateTimeOffset enrolledAt) => Due ?? (DueDays is { } days ? enrolledAt.AddDays(days) : null);

    /// <summary>Whole days (rounded up) <paramref name="submittedAt"/> is after <paramref name="due"/>; 0 when on time.</summary>
    public static int DaysLate(DateTimeOffset due, DateTimeOffset submittedAt) =>
        submittedAt <= due ? 0 : (int)Math.Ceiling((submittedAt - due).TotalDays);

    /// <summary>Whether a submission <paramref name="daysLate"/> days late is still taken.</summary>
    public bool Accepts(int daysLate) => daysLate == 0 || AcceptDaysLate is not { } limit || daysLate <= limit;

    /// <summary>The penalty in percent (0–100) for a submission <paramref name="daysLate"/> days late.</summary>
    public double PenaltyFor(int daysLate) => Math.Clamp(daysLate * PenaltyPercentPerDay, 0, 100);

    /// <summary>The policy in words, for the course page.</summary>
    public string Describe(DateTimeOffset? due)
    {
        var parts = new List<string>();
        if (due is { } at)
        {
            parts.Add("due " + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        }
        else if (DueDays is { } days)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"due {days} days after enrolment"));
        }

        if (PenaltyPercentPerDay > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"late: −{PenaltyPercentPerDay:0.##} % per day"));
        }

        if (AcceptDaysLate is { } limit)
        {
            parts.Add(limit == 0 ? "no late submissions" : string.Create(CultureInfo.InvariantCulture, $"taken up to {limit} days late"));
        }

        return string.Join("; ", parts);
    }
}
