namespace AIStudio.Courses.Catalog;

/// <summary>A lesson or assignment: its title, notebook (relative to the course folder) and estimated minutes.</summary>
public sealed record CourseItem(string Title, string Notebook, int Minutes);
