using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using AIStudio.Courses.Certificates;
using AIStudio.Courses.Notebooks;
using AIStudio.Hub.Courses;
using Xunit.Abstractions;

namespace AIStudio.Hub.Tests;

/// <summary>
/// Courses in the hub end to end, on a hub of their own: the catalog by path, a lesson page (raw HTML escaped), enrolment
/// and opening a lesson (copied once, edits kept), submissions of a real assignment graded in the background in
/// sandboxed kernels (the instructor's solution: full marks; the blank student version: 0 with feedback; a tampered test
/// cell: 400), a late submission's penalty, refusals (404, 403, 413, 400), re-grading, the gradebook CSV, and the
/// certificate issued on passing, verified against the issuer profile the hub serves.
/// </summary>
public sealed class CourseTests(ITestOutputHelper output)
{
    private const string Slug = "csharp-for-data";
    private const string Linq = "a1-linq-study-log";
    private const string Csv = "a2-csv-statistics";

    [Fact]
    public async Task Learners_enrol_open_submit_get_graded_with_late_penalty_and_earn_a_verifiable_certificate()
    {
        // The offering puts a1's deadline 36 hours ago, 10 % per day late: a1 is two days late (−20 %) for everyone.
        var due = DateTimeOffset.UtcNow.AddHours(-36).ToString("O", CultureInfo.InvariantCulture);
        string[] settings =
        [
            "--Hub:WarmKernels=0", "--Hub:GradingParallelism=2", "--Hub:SubmissionMaxBytes=2000000",
            $"--Hub:Offerings:{Slug}:{Linq}:Due={due}", $"--Hub:Offerings:{Slug}:{Linq}:LatePenalty=10",
        ];
        var hub = new HubFixture(settings);
        try
        {
            await hub.InitializeAsync();
            using var log = hub.Log.Attach(output);
            var school = Http.Unique("school");
            using (var admin = hub.Client())
            using (var org = await admin.PostAsJsonAsync("hub/api/orgs", new { slug = school, name = "A school" }))
            {
                Assert.Equal(HttpStatusCode.Created, org.StatusCode);
            }

            using var teacher = await hub.CreateUserAsync(Http.Unique("teacher"), new { org = school, role = "instructor" });
            using var ada = await hub.CreateUserAsync(Http.Unique("ada"), new { org = school, role = "student" });
            using var stranger = await hub.CreateUserAsync(Http.Unique("stranger"));

            // The catalog: six courses, four paths, every course of a path listed.
            var catalog = await ada.Client.GetJsonAsync("hub/api/courses");
            var slugs = catalog.GetProperty("courses").EnumerateArray().Select(c => c.GetProperty("slug").GetString()!).ToList();
            Assert.Equal(6, slugs.Count);
            Assert.Equal(["children", "students", "professionals", "experts"], catalog.GetProperty("paths").EnumerateArray().Select(p => p.GetProperty("audience").GetString()));
            Assert.All(catalog.GetProperty("paths").EnumerateArray().SelectMany(p => p.GetProperty("courses").EnumerateArray()), c => Assert.Contains(c.GetString(), slugs));
            var page = await ada.Client.GetStringAsync("hub/courses");
            Assert.Contains("Teach the computer", page, StringComparison.Ordinal);
            Assert.Contains("/hub/courses/deep-learning-torchsharp", page, StringComparison.Ordinal);

            // Unknown course or assignment: 404.
            using (var missing = await ada.Client.PostAsync("hub/api/courses/no-such-course/enrolment", null))
            {
                Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            }

            using (var missing = await CourseApi.SubmitAsync(ada.Client, Slug, "no-such-assignment", "{}"u8.ToArray()))
            {
                Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            }

            // Not enrolled: 403.
            var solution = await File.ReadAllBytesAsync(CourseApi.CourseFile(Slug, $"assignments/{Csv}.ipynb"));
            using (var notEnrolled = await CourseApi.SubmitAsync(ada.Client, Slug, Csv, solution))
            {
                Assert.Equal(HttpStatusCode.Forbidden, notEnrolled.StatusCode);
                Assert.Contains("enrol", await notEnrolled.MessageAsync(), StringComparison.Ordinal);
            }

            // Enrolment is idempotent.
            var first = await (await ada.Client.PostAsync($"hub/api/courses/{Slug}/enrolment", null)).JsonAsync();
            var again = await (await ada.Client.PostAsync($"hub/api/courses/{Slug}/enrolment", null)).JsonAsync();
            Assert.Equal(first.GetProperty("enrolled_at").GetString(), again.GetProperty("enrolled_at").GetString());

            // Opening a lesson copies it once; the learner's edits survive opening it again.
            var opened = await (await ada.Client.PostAsync($"hub/api/courses/{Slug}/lessons/01-values-and-variables/open", null)).JsonAsync();
            var lessonPath = opened.GetProperty("path").GetString()!;
            Assert.Equal($"courses/{Slug}/lessons/01-values-and-variables.ipynb", lessonPath);
            var copy = Path.Combine(hub.ContentsDirectoryOf(ada.Name), lessonPath);
            var edited = Notebook.Parse(await File.ReadAllBytesAsync(copy));
            edited.Cells[0].Json["source"] = "# My own notes";
            await edited.SaveAsync(copy);
            using (var reopened = await ada.Client.PostAsync($"hub/api/courses/{Slug}/lessons/01-values-and-variables/open", null))
            {
                Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
            }

            Assert.Equal("# My own notes", Notebook.Parse(await File.ReadAllBytesAsync(copy)).Cells[0].Source);
            using (var done = await ada.Client.SendJsonAsync(HttpMethod.Put, $"hub/api/courses/{Slug}/lessons/01-values-and-variables/progress", new { completed = true }))
            {
                Assert.Equal(HttpStatusCode.OK, done.StatusCode);
            }

            var lessonPage = await ada.Client.GetStringAsync($"hub/courses/{Slug}/lessons/02-collections-and-linq");
            Assert.Contains("<pre class=\"lesson-code\"><code class=\"language-csharp\">", lessonPage, StringComparison.Ordinal);

            // The assignment's student version is released into the learner's files, once.
            var released = await (await ada.Client.PostAsync($"hub/api/courses/{Slug}/assignments/{Csv}/open", null)).JsonAsync();
            Assert.Equal($"courses/{Slug}/{Csv}/{Csv}.ipynb", released.GetProperty("path").GetString());
            var blank = await File.ReadAllBytesAsync(Path.Combine(hub.ContentsDirectoryOf(ada.Name), released.GetProperty("path").GetString()!));
            Assert.Equal(Slug, Notebook.Parse(blank).Metadata["aistudio"]!["course"]!.GetValue<string>());

            // Bad input: malformed (400, precise), tampered test cell (400, why), too large (413).
            using (var malformed = await CourseApi.SubmitAsync(ada.Client, Slug, Csv, "{\"cells\": [ oops"u8.ToArray()))
            {
                Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
                Assert.Contains("not an nbformat 4 notebook", await malformed.MessageAsync(), StringComparison.Ordinal);
            }

            var tampered = Notebook.Parse(blank);
            var test = tampered.Cells.First(c => c.Nbgrader is { Grade: true, Solution: false });
            test.Json["source"] = "// the test is gone";
            using (var refused = await CourseApi.SubmitAsync(ada.Client, Slug, Csv, tampered.ToUtf8Bytes()))
            {
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
                Assert.Contains(test.Nbgrader!.GradeId!, await refused.MessageAsync(), StringComparison.Ordinal);
            }

            using (var huge = await CourseApi.SubmitAsync(ada.Client, Slug, Csv, new byte[2_100_000]))
            {
                Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
            }

            // The instructor's solution: full marks, graded in a sandboxed kernel; the blank student version: 0, with feedback.
            var full = await CourseApi.SubmitOkAsync(ada.Client, Slug, Csv, solution);
            var zero = await CourseApi.SubmitOkAsync(ada.Client, Slug, Csv, blank);
            Assert.Equal("queued", full.GetProperty("status").GetString());
            full = await CourseApi.WaitGradedAsync(ada.Client, full);
            zero = await CourseApi.WaitGradedAsync(ada.Client, zero);
            Assert.Equal("graded", full.GetProperty("status").GetString());
            Assert.True(full.GetProperty("max_score").GetDouble() > 0);
            Assert.Equal(full.GetProperty("max_score").GetDouble(), full.GetProperty("score").GetDouble());
            Assert.True(full.GetProperty("report").GetProperty("sandboxed").GetBoolean());
            Assert.Equal(0, zero.GetProperty("score").GetDouble());
            Assert.All(zero.GetProperty("report").GetProperty("tests").EnumerateArray(), t => Assert.Equal("failed", t.GetProperty("status").GetString()));
            Assert.Contains(zero.GetProperty("report").GetProperty("tests").EnumerateArray(), t => t.GetProperty("output").GetString()!.Length > 0);

            // Another learner cannot see it (404), nor can a stranger re-grade it; the instructor can.
            var zeroUrl = zero.GetProperty("url").GetString()!.TrimStart('/');
            using (var hidden = await stranger.Client.GetAsync(zeroUrl))
            {
                Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            }

            using (var hidden = await stranger.Client.PostAsync(zeroUrl + "/regrade", null))
            {
                Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            }

            using (var regrade = await teacher.Client.PostAsync(zeroUrl + "/regrade", null))
            {
                Assert.Equal(HttpStatusCode.Accepted, regrade.StatusCode);
            }

            var regraded = await CourseApi.WaitGradedAsync(teacher.Client, zero, gradings: 2);
            Assert.Equal(2, regraded.GetProperty("gradings").GetInt32());
            Assert.Equal(0, regraded.GetProperty("score").GetDouble());

            // Late: a1's solution two days after the offering's deadline scores 80 %.
            var late = await CourseApi.SubmitOkAsync(ada.Client, Slug, Linq, await File.ReadAllBytesAsync(CourseApi.CourseFile(Slug, $"assignments/{Linq}.ipynb")));
            Assert.Equal(2, late.GetProperty("days_late").GetInt32());
            Assert.Equal(20, late.GetProperty("late_penalty_percent").GetDouble());
            late = await CourseApi.WaitGradedAsync(ada.Client, late);
            Assert.Equal(late.GetProperty("raw_score").GetDouble(), late.GetProperty("max_score").GetDouble());
            Assert.Equal(0.8 * late.GetProperty("max_score").GetDouble(), late.GetProperty("score").GetDouble(), 3);

            // Both assignments passed at the pass mark (70): a certificate, verifiable against the issuer profile the hub serves.
            var standing = await ada.Client.GetJsonAsync($"hub/api/courses/{Slug}");
            Assert.True(standing.GetProperty("completed").GetBoolean());
            var certificateId = await WaitCertificateAsync(hub, ada);
            var certificate = await ada.Client.GetJsonAsync($"hub/api/certificates/{Uri.EscapeDataString(certificateId)}");
            using (var other = await stranger.Client.GetAsync($"hub/api/certificates/{Uri.EscapeDataString(certificateId)}"))
            {
                Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
            }

            var download = await ada.Client.GetStringAsync($"hub/api/certificates/{Uri.EscapeDataString(certificateId)}/download");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var verification = await new CertificateVerifier(new HttpCertificateKeySource(http)).VerifyAsync(download);
            Assert.True(verification.IsValid, verification.Problem);
            Assert.Equal(new Uri(hub.BaseAddress, "hub/certificates/issuer").ToString(), verification.IssuerId);
            Assert.Equal("C# and notebooks for data", verification.AchievementName);
            var jwt = certificate.GetProperty("jwt").GetString()!;
            using (var verified = await hub.Client(authenticated: false).PostAsync("hub/api/certificates/verify", new StringContent(jwt)))
            {
                Assert.True((await verified.JsonAsync()).GetProperty("valid").GetBoolean());
            }

            var forged = jwt[..^4] + (jwt[^4] == 'A' ? 'B' : 'A') + jwt[^3..];
            using (var refused = await hub.Client(authenticated: false).PostAsync("hub/api/certificates/verify", new StringContent(forged)))
            {
                Assert.False((await refused.JsonAsync()).GetProperty("valid").GetBoolean());
            }

            // The instructor's gradebook: ada's best and latest scores, as CSV; a stranger gets 404.
            using (var csv = await teacher.Client.GetAsync($"hub/api/orgs/{school}/courses/{Slug}/gradebook.csv"))
            {
                Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
                Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
                Assert.Contains($"gradebook-{school}-{Slug}.csv", csv.Content.Headers.ContentDisposition!.FileName, StringComparison.Ordinal);
                var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal($"user,email,enrolled_at,{Linq} best %,{Linq} latest %,{Linq} submissions,{Csv} best %,{Csv} latest %,{Csv} submissions,course %,completed,certificate", lines[0]);
                var row = Assert.Single(lines[1..]).Split(',');
                Assert.Equal(ada.Name, row[0]);
                Assert.Equal(["80", "80", "1", "100", "0", "2"], row[3..9]);
                Assert.Equal("yes", row[10]);
                Assert.Equal(certificateId, row[11]);
            }

            using (var denied = await stranger.Client.GetAsync($"hub/api/orgs/{school}/courses/{Slug}/gradebook.csv"))
            {
                Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
            }

            var coursePage = await ada.Client.GetStringAsync($"hub/courses/{Slug}");
            Assert.Contains("Certificate earned", coursePage, StringComparison.Ordinal);

            // Revoked by the instructor (a stranger cannot: 404): verification fails from then on.
            var escaped = Uri.EscapeDataString(certificateId);

            // The learner's certificates: listed (API and page) and shown on their own page, checked as a verifier would;
            // nobody else sees them.
            var mine = await ada.Client.GetJsonAsync("hub/api/certificates");
            Assert.Equal(certificateId, Assert.Single(mine.EnumerateArray()).GetProperty("id").GetString());
            Assert.Empty((await stranger.Client.GetJsonAsync("hub/api/certificates")).EnumerateArray());
            var listPage = await ada.Client.GetStringAsync("hub/certificates");
            Assert.Contains($"data-certificate=\"{certificateId}\" data-revoked=\"false\"", listPage, StringComparison.Ordinal);
            Assert.Contains($"href=\"/hub/certificates/{escaped}\">C# and notebooks for data</a>", listPage, StringComparison.Ordinal);
            Assert.Contains("id=\"certificates-empty\"", await stranger.Client.GetStringAsync("hub/certificates"), StringComparison.Ordinal);
            var certificatePage = await ada.Client.GetStringAsync($"hub/certificates/{escaped}");
            Assert.Contains("data-valid=\"true\"", certificatePage, StringComparison.Ordinal);
            Assert.Contains($"<dt>Achievement</dt><dd>{verification.AchievementName}</dd>", certificatePage, StringComparison.Ordinal);
            Assert.Contains($"href=\"/hub/api/certificates/{escaped}/download\"", certificatePage, StringComparison.Ordinal);
            using (var other = await stranger.Client.GetAsync($"hub/certificates/{escaped}"))
            {
                Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
            }

            using (var denied = await stranger.Client.PostAsync($"hub/api/certificates/{escaped}/revoke", null))
            {
                Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
            }

            using (var revoked = await teacher.Client.PostAsync($"hub/api/certificates/{escaped}/revoke", null))
            {
                Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
            }

            using (var refused = await hub.Client(authenticated: false).PostAsync("hub/api/certificates/verify", new StringContent(jwt)))
            {
                var result = await refused.JsonAsync();
                Assert.False(result.GetProperty("valid").GetBoolean());
                Assert.Contains("revoked", result.GetProperty("problem").GetString(), StringComparison.Ordinal);
            }

            Assert.Contains($"data-certificate=\"{certificateId}\" data-revoked=\"true\"", await ada.Client.GetStringAsync("hub/certificates"), StringComparison.Ordinal);
            var revokedPage = await ada.Client.GetStringAsync($"hub/certificates/{escaped}");
            Assert.Contains("data-valid=\"false\"", revokedPage, StringComparison.Ordinal);
            Assert.Contains("The certificate was revoked by its issuer.", revokedPage, StringComparison.Ordinal);
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    [Fact]
    public void Lesson_markdown_is_rendered_with_raw_html_escaped()
    {
        var notebook = Notebook.Parse(Encoding.UTF8.GetBytes("""
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
              {"cell_type": "markdown", "metadata": {}, "source": "# Title\n\n<script>alert('x')</script>\n\n[bad](javascript:alert(1)) and **bold**"},
              {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [], "source": "var x = \"<b>\";"}
            ]}
            """));
        var html = new LessonRenderer().Render(notebook);
        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.Contains("var x = &quot;&lt;b&gt;&quot;;", html, StringComparison.Ordinal);
    }

    /// <summary>The certificate is issued by the grader right after the passing grade is stored: wait for it.</summary>
    private static async Task<string> WaitCertificateAsync(HubFixture hub, TestUser learner)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var page = await learner.Client.GetStringAsync($"hub/courses/{Slug}");
            var at = page.IndexOf("/hub/api/certificates/", StringComparison.Ordinal);
            if (at >= 0)
            {
                var end = page.IndexOf("/download", at, StringComparison.Ordinal);
                return Uri.UnescapeDataString(page[(at + "/hub/api/certificates/".Length)..end]);
            }

            _ = hub;
            await Task.Delay(200, timeout.Token);
        }
    }
}
