namespace AIStudio.Courses.Validation;

public enum Severity
{
    Warning,
    Error,
}
