using AIStudio.Courses.Grading;
using AIStudio.Courses.Notebooks;
using AIStudio.TestKit;

namespace AIStudio.Courses.Tests;

/// <summary>The test assignment (Assignments/words.ipynb: three functions, three test cells with hidden tests, 10 points) and submissions made from it.</summary>
internal static class TestAssignment
{
    public static string SourcePath => Path.Combine(AppContext.BaseDirectory, "Assignments", "words.ipynb");

    public static Task<Notebook> LoadSourceAsync() => Notebook.LoadAsync(SourcePath);

    /// <summary>The student version with every solution cell answered as the source does: a perfect submission.</summary>
    public static Notebook Solved(Notebook source) => PerfectSubmission.FromReleased(source, AssignmentReleaser.Release(source));

    /// <summary>Replaces the source of the cell with this grade_id.</summary>
    public static Notebook Answer(Notebook notebook, string gradeId, string code)
    {
        notebook.Cells.Single(c => c.Nbgrader?.GradeId == gradeId).Source = code;
        return notebook;
    }

    /// <summary>A grader running this repository's kernel (built with the tests).</summary>
    public static NotebookGrader Grader(TimeSpan? cellTimeout = null, long? memoryLimitBytes = 2048L * 1024 * 1024) => new(new GradingOptions
    {
        Kernel = GradingKernels.FromAssembly(RepositoryLayout.KernelAssembly),
        CellTimeout = cellTimeout ?? TimeSpan.FromSeconds(60),
        MemoryLimitBytes = memoryLimitBytes,
    });

    /// <summary>Saves a notebook in a folder of its own (the grader hides a submission's folder from the kernel).</summary>
    public static async Task<Notebook> SaveAsync(Notebook notebook, TempDirectory directory, string name)
    {
        var path = directory.Combine(name);
        await notebook.SaveAsync(path);
        return await Notebook.LoadAsync(path);
    }
}
