using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AIStudio.Courses.Notebooks;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Hub.Tests;

/// <summary><c>#!submit</c> in a kernel the hub started: the saved assignment reaches the hub as the kernel's user, is graded, and the cell shows the grade.</summary>
[Collection(HubTests.Name)]
public sealed class SubmitMagicTests(HubFixture hub, ITestOutputHelper output)
{
    private const string Slug = "csharp-for-data";
    private const string Assignment = "a2-csv-statistics";

    [Fact]
    public async Task Submit_in_a_hub_kernel_sends_the_saved_assignment_and_shows_its_grade()
    {
        using var log = hub.Log.Attach(output);
        using var learner = await hub.CreateUserAsync(Http.Unique("submitter"));
        var opened = await (await learner.Client.PostAsync($"hub/api/courses/{Slug}/assignments/{Assignment}/open", null)).JsonAsync();
        var path = opened.GetProperty("path").GetString()!;

        // The learner's answers: the instructor's solution, saved over the released copy (which keeps the hub's metadata).
        var copy = Path.Combine(hub.ContentsDirectoryOf(learner.Name), path);
        var answered = Notebook.Parse(await File.ReadAllBytesAsync(CourseApi.CourseFile(Slug, $"assignments/{Assignment}.ipynb")));
        answered.Metadata["aistudio"] = Notebook.Parse(await File.ReadAllBytesAsync(copy)).Metadata["aistudio"]!.DeepClone();
        await answered.SaveAsync(copy);

        using var created = await learner.Client.PostAsJsonAsync("api/kernels", new { name = "aistudio-csharp" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var kernelId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        using var timeout = Timeouts.After(TimeSpan.FromMinutes(5));
        await using var socket = await KernelSocket.ConnectAsync(hub.BaseAddress, kernelId, v1: true, timeout.Token, token: learner.Token);
        var (_, seen) = await socket.RunAsync($"#!submit --notebook {path} --wait 240", timeout.Token);
        var shown = string.Join("\n", seen.Where(m => m.MessageType is "display_data" or "update_display_data" or "error" or "stream").Select(m => m.Content.GetRawText()));

        var mine = await learner.Client.GetJsonAsync($"hub/api/courses/{Slug}/assignments/{Assignment}/submissions");
        var submission = Assert.Single(mine.EnumerateArray());
        Assert.Equal("graded", submission.GetProperty("status").GetString());
        Assert.Equal(submission.GetProperty("max_score").GetDouble(), submission.GetProperty("score").GetDouble());
        Assert.Contains(submission.GetProperty("id").GetString()!, shown, StringComparison.Ordinal);
        Assert.Contains("graded", shown, StringComparison.Ordinal);
        using var stopped = await learner.Client.DeleteAsync($"api/kernels/{kernelId}");
    }
}
