using AIStudio.Courses.Grading;
using AIStudio.Kernel.Client.Launching;
using AIStudio.TestKit;
using Xunit.Abstractions;

namespace AIStudio.Courses.Tests;

/// <summary>Grading in real, fresh kernel processes (each grading starts its own: no kernel is shared).</summary>
public sealed class GradingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_solution_scores_full_marks_and_the_student_version_scores_zero()
    {
        using var directory = new TempDirectory();
        var source = await TestAssignment.LoadSourceAsync();
        var solved = await TestAssignment.SaveAsync(TestAssignment.Solved(source), directory, "solved.ipynb");
        var blank = await TestAssignment.SaveAsync(AssignmentReleaser.Release(source), directory, "blank.ipynb");
        var batch = new BatchGrader(TestAssignment.Grader(), parallelism: 2);

        var reports = await batch.GradeAllAsync(
        [
            new GradingRequest { Name = "solved", Source = source, Submission = solved },
            new GradingRequest { Name = "blank", Source = source, Submission = blank },
        ]);
        foreach (var report in reports)
        {
            output.WriteLine(GradingJson.Serialize(report));
        }

        var full = reports[0];
        Assert.Null(full.Stopped);
        Assert.Equal(10, full.MaxScore);
        Assert.Equal(10, full.Score);
        Assert.All(full.Tests, t => Assert.Equal(TestOutcome.Passed, t.Outcome));
        Assert.Contains("words: ok", full.Tests.Single(t => t.GradeId == "test_words").Output, StringComparison.Ordinal);
        Assert.Empty(full.Problems);

        var zero = reports[1];
        Assert.Equal(0, zero.Score);
        Assert.Equal(10, zero.MaxScore);
        Assert.All(zero.Tests, t => Assert.Equal(TestOutcome.Failed, t.Outcome));
        Assert.Contains("NotImplementedException", zero.Tests[0].Output, StringComparison.Ordinal);
        Assert.Equal(BubblewrapSandbox.IsAvailable(), full.Sandboxed);
    }

    [Fact]
    public async Task A_tampered_test_cell_is_reported_and_the_original_runs()
    {
        using var directory = new TempDirectory();
        var source = await TestAssignment.LoadSourceAsync();
        // A wrong answer, and a test cell edited to hide it: the grader runs the original test (hidden tests too).
        var submission = TestAssignment.Answer(TestAssignment.Solved(source), "squares", "int SumOfSquares(int n) => n == 1 ? 1 : 14;");
        TestAssignment.Answer(submission, "test_squares", "Console.WriteLine(\"squares: ok\");");
        submission = await TestAssignment.SaveAsync(submission, directory, "tampered.ipynb");

        var report = await TestAssignment.Grader().GradeAsync(new GradingRequest { Name = "tampered", Source = source, Submission = submission });
        output.WriteLine(GradingJson.Serialize(report));

        var squares = report.Tests.Single(t => t.GradeId == "test_squares");
        Assert.Equal(TestOutcome.Failed, squares.Outcome);
        Assert.Contains("SumOfSquares(0) should be 0", squares.Output, StringComparison.Ordinal);
        Assert.Equal(8, report.Score);
        Assert.Contains(report.Problems, p => p.GradeId == "test_squares" && p.Message.Contains("test cell and was changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_infinite_loop_times_out_without_holding_up_a_grading_beside_it()
    {
        using var directory = new TempDirectory();
        var source = await TestAssignment.LoadSourceAsync();
        var looping = TestAssignment.Answer(TestAssignment.Solved(source), "squares", "int SumOfSquares(int n)\n{\n    while (true)\n    {\n    }\n}");
        looping = await TestAssignment.SaveAsync(looping, directory, "loop.ipynb");
        var solved = await TestAssignment.SaveAsync(TestAssignment.Solved(source), directory, "solved.ipynb");
        var timeout = TimeSpan.FromSeconds(20);
        var finished = new List<string>();
        var batch = new BatchGrader(TestAssignment.Grader(cellTimeout: timeout), parallelism: 2);

        var reports = await batch.GradeAllAsync(
        [
            new GradingRequest { Name = "loop", Source = source, Submission = looping },
            new GradingRequest { Name = "solved", Source = source, Submission = solved },
        ],
        new SynchronousProgress<GradingReport>(r => { lock (finished) { finished.Add(r.Submission); } }));
        foreach (var report in reports)
        {
            output.WriteLine(GradingJson.Serialize(report));
        }

        var loop = reports[0];
        var squares = loop.Tests.Single(t => t.GradeId == "test_squares");
        Assert.Equal(TestOutcome.TimedOut, squares.Outcome);
        Assert.Equal("Timed out after 20 s.", squares.Output);
        Assert.All(loop.Tests.Where(t => t.GradeId != "test_squares"), t => Assert.Equal(TestOutcome.NotRun, t.Outcome));
        Assert.Equal(0, loop.Score);
        Assert.Contains("timed out after 20 s", loop.Stopped, StringComparison.Ordinal);
        Assert.Equal(10, reports[1].Score);
        Assert.Equal(["solved", "loop"], finished);
    }

    [Fact]
    public async Task A_cell_allocating_without_bound_is_stopped_by_the_memory_cap()
    {
        using var directory = new TempDirectory();
        var source = await TestAssignment.LoadSourceAsync();
        var hungry = TestAssignment.Answer(TestAssignment.Solved(source), "palindrome", """
            bool IsPalindrome(string text)
            {
                var hoard = new List<byte[]>();
                while (true)
                {
                    var block = new byte[16 * 1024 * 1024];
                    Array.Fill(block, (byte)1);
                    hoard.Add(block);
                }
            }
            """);
        hungry = await TestAssignment.SaveAsync(hungry, directory, "hungry.ipynb");
        const long cap = 1024L * 1024 * 1024;

        var report = await TestAssignment.Grader(memoryLimitBytes: cap).GradeAsync(new GradingRequest { Name = "hungry", Source = source, Submission = hungry });
        output.WriteLine(GradingJson.Serialize(report));

        Assert.Equal(TestOutcome.Passed, report.Tests.Single(t => t.GradeId == "test_squares").Outcome);
        var palindrome = report.Tests.Single(t => t.GradeId == "test_palindrome");
        Assert.Equal(TestOutcome.MemoryExceeded, palindrome.Outcome);
        Assert.Contains("memory cap of 1024 MB", palindrome.Output, StringComparison.Ordinal);
        Assert.Equal(TestOutcome.NotRun, report.Tests.Single(t => t.GradeId == "test_words").Outcome);
        Assert.Equal(2, report.Score);
        Assert.True(report.PeakMemoryBytes > cap, $"peak {report.PeakMemoryBytes}");
    }

    [Fact]
    public async Task A_sandboxed_submission_cannot_reach_the_network()
    {
        if (!BubblewrapSandbox.IsAvailable())
        {
            output.WriteLine("bwrap is not available here: grading runs unconfined, nothing to check.");
            return;
        }

        using var directory = new TempDirectory();
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var source = await TestAssignment.LoadSourceAsync();
        // Scores only where the connection to a port open on the host fails.
        var probing = TestAssignment.Answer(TestAssignment.Solved(source), "squares", $$"""
            int SumOfSquares(int n)
            {
                try
                {
                    using var client = new System.Net.Sockets.TcpClient();
                    client.Connect("127.0.0.1", {{port}});
                    return -1;
                }
                catch (System.Net.Sockets.SocketException)
                {
                }

                return Enumerable.Range(1, Math.Max(n, 0)).Sum(i => i * i);
            }
            """);
        probing = await TestAssignment.SaveAsync(probing, directory, "probe.ipynb");

        var report = await TestAssignment.Grader().GradeAsync(new GradingRequest { Name = "probe", Source = source, Submission = probing });
        output.WriteLine(GradingJson.Serialize(report));

        Assert.True(report.Sandboxed);
        Assert.Equal(TestOutcome.Passed, report.Tests.Single(t => t.GradeId == "test_squares").Outcome);
        Assert.False(listener.Pending());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_kernel_start_lost_to_a_port_race_is_tried_again(bool exitInsteadOfThrow)
    {
        using var directory = new TempDirectory();
        var source = await TestAssignment.LoadSourceAsync();
        var solved = await TestAssignment.SaveAsync(TestAssignment.Solved(source), directory, "solved.ipynb");
        var launcher = new FlakyLauncher(directory, failures: 1, exitInsteadOfThrow);
        var grader = new NotebookGrader(TestAssignment.Grader().Options with { Launcher = launcher });

        var report = await grader.GradeAsync(new GradingRequest { Name = "solved", Source = source, Submission = solved });
        output.WriteLine(GradingJson.Serialize(report));

        Assert.Equal(2, launcher.Calls);
        Assert.Null(report.Stopped);
        Assert.Equal(10, report.Score);
    }

    [Fact]
    public async Task A_kernel_that_never_gets_its_ports_fails_the_grading_after_a_few_tries()
    {
        using var directory = new TempDirectory();
        var source = await TestAssignment.LoadSourceAsync();
        var launcher = new FlakyLauncher(directory, failures: int.MaxValue);
        var grader = new NotebookGrader(TestAssignment.Grader().Options with { Launcher = launcher });

        var report = await grader.GradeAsync(new GradingRequest { Name = "solved", Source = source, Submission = TestAssignment.Solved(source) });

        Assert.Equal(3, launcher.Calls);
        Assert.StartsWith("Grading failed: ", report.Stopped, StringComparison.Ordinal);
        Assert.All(report.Tests, t => Assert.Equal(TestOutcome.NotRun, t.Outcome));
        Assert.Equal(0, report.Score);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
