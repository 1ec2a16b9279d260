using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace AIStudio.Extensions.Grading;

/// <summary>A submission as <c>#!submit</c> shows it: id and status, then (once graded) the score, the late penalty and each test's result.</summary>
public static class SubmissionView
{
    public static string ToText(JsonElement submission)
    {
        var text = new StringBuilder();
        var status = submission.GetProperty("status").GetString();
        text.Append(CultureInfo.InvariantCulture, $"Submission {submission.GetProperty("id").GetString()}: {status}");
        if (Number(submission, "score") is { } score && Number(submission, "max_score") is { } max)
        {
            text.Append(CultureInfo.InvariantCulture, $" — score {score:0.##} of {max:0.##}");
            if (Number(submission, "late_penalty_percent") is > 0 and var penalty)
            {
                text.Append(CultureInfo.InvariantCulture, $" (after −{penalty:0.##} % for {submission.GetProperty("days_late").GetInt32()} days late)");
            }
        }

        text.AppendLine(".");
        if (submission.TryGetProperty("failure", out var failure) && failure.ValueKind == JsonValueKind.String)
        {
            text.AppendLine("Grading failed: " + failure.GetString());
        }

        if (submission.TryGetProperty("report", out var report) && report.ValueKind == JsonValueKind.Object && report.TryGetProperty("tests", out var tests))
        {
            foreach (var test in tests.EnumerateArray())
            {
                var passed = test.GetProperty("status").GetString() == "passed";
                text.Append(CultureInfo.InvariantCulture, $"{(passed ? "PASS" : "FAIL")} {test.GetProperty("name").GetString()} {test.GetProperty("score").GetDouble():0.##}/{test.GetProperty("max_score").GetDouble():0.##}");
                var output = test.TryGetProperty("output", out var o) ? o.GetString() : null;
                text.AppendLine(passed || string.IsNullOrEmpty(output) ? "" : " — " + output.Split('\n')[0]);
            }
        }
        else if (status is "queued" or "grading")
        {
            text.AppendLine("Still grading: the score and feedback will be on the course page.");
        }

        return text.ToString();
    }

    public static string ToHtml(JsonElement submission) =>
        "<pre class=\"aistudio-submission\">" + WebUtility.HtmlEncode(ToText(submission)) + "</pre>";

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
