namespace AIStudio.Courses.Catalog;

/// <summary>A lesson or assignment: its title, notebook (relative to the course folder) and estimated minutes.</summary>
public sealed record CourseItem(string Title, string Notebook, int Minutes)
{
    /// <summary>The item's id in URLs: the notebook's file name without <c>.ipynb</c> (e.g. <c>a1-linq-study-log</c>).</summary>
    public string Id => System.IO.Path.GetFileNameWithoutExtension(Notebook);

    /// <summary>An assignment's deadline and late policy (course.yml's <c>due</c>, <c>due_days</c>, <c>late_penalty</c>, <c>late_days</c>), or null.</summary>
    public LatePolicy? Late { get; init; }
}
