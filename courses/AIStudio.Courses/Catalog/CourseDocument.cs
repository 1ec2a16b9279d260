using YamlDotNet.Core;

namespace AIStudio.Courses.Catalog;

/// <summary>A course read from its course.yml, with the marks of the fields that cross-checks report on.</summary>
internal sealed record CourseDocument(Course Course, string File, Mark SlugMark, IReadOnlyList<(string Slug, Mark Mark)> Prerequisites, IReadOnlyList<(CourseItem Item, Mark Mark, bool IsAssignment)> Items);
