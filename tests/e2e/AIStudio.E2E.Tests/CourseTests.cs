using Microsoft.Playwright;

namespace AIStudio.E2E.Tests;

/// <summary>
/// The courses pages in a real browser, as a learner uses them: the catalog by path, enrolment, a lesson read on its page
/// and opened as a notebook, progress, and an assignment submitted and graded in the background with its feedback.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class CourseTests(Browser browser)
{
    private const string Slug = "teach-the-computer";

    [Fact]
    public async Task A_learner_enrols_reads_and_opens_a_lesson_and_gets_a_submission_graded()
    {
        var page = await browser.NewPageAsync();
        await Browser.SignUpAsync(page, "learner" + Guid.NewGuid().ToString("N")[..8]);

        await page.GetByRole(AriaRole.Link, new() { Name = "Courses", Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync("**/hub/courses");
        var children = page.Locator(".course-path[data-audience='children']");
        await children.Locator($".course-card[data-course='{Slug}'] a").ClickAsync();
        await page.WaitForURLAsync($"**/hub/courses/{Slug}");
        var lessons = await page.Locator("#lessons tbody tr").CountAsync();
        Assert.True(lessons >= 5, $"{lessons} lessons listed");

        await page.Locator("#enrol").ClickAsync();
        await page.Locator("#progress").Filter(new() { HasText = $"Enrolled · 0 of {lessons} lessons done" }).WaitForAsync();
        // The redirect's notice is shown once: dropped from the address, so a reload does not show it again.
        await page.Locator(".hub-notice").Filter(new() { HasText = "Enrolled" }).WaitForAsync();
        Assert.DoesNotContain("done=", page.Url, StringComparison.Ordinal);
        await page.ReloadAsync();
        await page.Locator("#progress").WaitForAsync();
        Assert.Equal(0, await page.Locator(".hub-notice").CountAsync());

        // The first lesson's page: its markdown rendered (headings, code), raw HTML never passed through.
        var first = page.Locator("#lessons tbody tr").First;
        var lessonId = await first.GetAttributeAsync("data-lesson");
        await first.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync($"**/hub/courses/{Slug}/lessons/{lessonId}");
        await page.Locator("#lesson-body h1, #lesson-body h2").First.WaitForAsync();
        Assert.Equal(0, await page.Locator("#lesson-body script").CountAsync());
        await Browser.ScreenshotAsync(page, "course-lesson");

        // Opening it copies the notebook into the learner's space and shows it in the notebook page.
        await page.Locator("#open-in-notebook").ClickAsync();
        await page.WaitForURLAsync("**/notebooks/**.ipynb");
        await page.Locator(".jp-Notebook .jp-Cell").Nth(1).WaitForAsync();

        await page.GotoAsync($"/hub/courses/{Slug}");
        var row = page.Locator($"#lessons tr[data-lesson='{lessonId}']");
        Assert.Contains("opened", await row.InnerTextAsync(), StringComparison.Ordinal);
        await row.GetByRole(AriaRole.Button, new() { Name = "Mark done" }).ClickAsync();
        await page.Locator("#progress").Filter(new() { HasText = $"1 of {lessons} lessons done" }).WaitForAsync();
        Assert.Contains("completed", await page.Locator($"#lessons tr[data-lesson='{lessonId}']").InnerTextAsync(), StringComparison.Ordinal);

        // The first assignment, opened (its student version, saved in the learner's space) and submitted untouched: the
        // hub grades it in the background, and the page shows the graded submission with its failed tests.
        var assignment = page.Locator("section[data-assignment]").First;
        var assignmentId = await assignment.GetAttributeAsync("data-assignment");
        await assignment.GetByRole(AriaRole.Button, new() { Name = "Open in notebook" }).ClickAsync();
        await page.WaitForURLAsync("**/notebooks/**.ipynb");
        await page.Locator(".jp-Notebook .jp-Cell").First.WaitForAsync();
        await page.GotoAsync($"/hub/courses/{Slug}");
        assignment = page.Locator($"section[data-assignment='{assignmentId}']");
        await assignment.GetByRole(AriaRole.Button, new() { Name = "Submit saved copy" }).ClickAsync();
        await page.Locator(".hub-notice").Filter(new() { HasText = "grading in the background" }).WaitForAsync();

        var graded = page.Locator($"section[data-assignment='{assignmentId}'] .submission-feedback[data-status='graded']");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (await graded.CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The submission was not graded within 3 minutes: " + await page.Locator($"section[data-assignment='{assignmentId}']").InnerTextAsync());
            await page.WaitForTimeoutAsync(1000);
            await page.ReloadAsync();
        }

        var feedback = await graded.InnerTextAsync();
        Assert.Contains("score 0 of", feedback, StringComparison.Ordinal);
        Assert.True(await graded.Locator("li[data-test]").CountAsync() > 0, feedback);
        Assert.Contains("✘", feedback, StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "course-graded");

        // No certificate for a failed assignment.
        await page.GotoAsync("/hub/courses");
        await page.Locator("#my-certificates").ClickAsync();
        await page.Locator("#certificates-empty").WaitForAsync();
    }
}
