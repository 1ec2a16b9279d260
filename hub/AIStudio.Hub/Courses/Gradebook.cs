using System.Globalization;
using System.Text;
using AIStudio.Courses.Catalog;

namespace AIStudio.Hub.Courses;

/// <summary>An organization's gradebook for one course: a row per enrolled member, the best and latest score of each assignment, the course score and certificate.</summary>
public sealed record Gradebook(Course Course, string Organization, IReadOnlyList<GradebookRow> Rows)
{
    /// <summary>The gradebook as CSV (RFC 4180: comma-separated, CRLF, fields quoted when they hold a comma, quote or line break; a leading = + - @ is prefixed with ' so spreadsheets do not run it).</summary>
    public string ToCsv()
    {
        var header = new List<string> { "user", "email", "enrolled_at" };
        foreach (var assignment in Course.Assignments)
        {
            header.Add(assignment.Id + " best %");
            header.Add(assignment.Id + " latest %");
            header.Add(assignment.Id + " submissions");
        }

        header.AddRange(["course %", "completed", "certificate"]);
        var text = new StringBuilder();
        Line(text, header);
        foreach (var row in Rows)
        {
            var fields = new List<string> { row.User, row.Email ?? "", row.Standing.Enrolment?.EnrolledAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "" };
            foreach (var assignment in row.Standing.Assignments)
            {
                fields.Add(Percent(assignment.Best?.Percentage));
                fields.Add(Percent(assignment.Latest?.Percentage));
                fields.Add(row.Submissions.GetValueOrDefault(assignment.Assignment.Id).ToString(CultureInfo.InvariantCulture));
            }

            fields.AddRange([Percent(row.Standing.Score), row.Standing.Completed ? "yes" : "no", row.CertificateId ?? ""]);
            Line(text, fields);
        }

        return text.ToString();
    }

    private static string Percent(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "";

    private static void Line(StringBuilder text, IEnumerable<string> fields)
    {
        text.AppendJoin(',', fields.Select(Escape));
        text.Append("\r\n");
    }

    private static string Escape(string field)
    {
        if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            field = "'" + field;
        }

        return field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}
