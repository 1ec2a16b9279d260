using AIStudio.Courses.Catalog;

namespace AIStudio.Hub.Courses;

/// <summary>Where a learner stands on one assignment: the deadline, the best and latest submission, and whether the best passes.</summary>
public sealed record AssignmentStanding(CourseItem Assignment, DateTimeOffset? Due, LatePolicy? Policy, Submission? Best, Submission? Latest, bool Passed);
