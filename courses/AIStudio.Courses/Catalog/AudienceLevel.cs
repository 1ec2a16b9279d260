namespace AIStudio.Courses.Catalog;

/// <summary>Who a course is written for; each level has one learning path in paths.yml.</summary>
public enum AudienceLevel
{
    Children,
    Students,
    Professionals,
    Experts,
}
