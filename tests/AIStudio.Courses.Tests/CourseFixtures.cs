using AIStudio.TestKit;

namespace AIStudio.Courses.Tests;

/// <summary>Small course folders written into temporary directories, to validate.</summary>
internal static class CourseFixtures
{
    public const string Lesson = """
        {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
          {"cell_type": "markdown", "source": "# Hello", "metadata": {}}
        ]}
        """;

    /// <summary>A valid folder: two courses (b needs a), paths for all four audiences.</summary>
    public static TempDirectory Valid()
    {
        var directory = new TempDirectory("aistudio-courses");
        WriteCourse(directory, "a", """
            slug: a
            title: First steps
            audience: children
            summary: Patterns.
            lessons:
              - title: Hello
                notebook: lessons/hello.ipynb
                minutes: 10
            assignments:
              - title: Words
                notebook: assignments/words.ipynb
                minutes: 30
            pass_mark: 60
            licence: CC-BY-4.0
            """);
        Write(directory, "a/lessons/hello.ipynb", Lesson);
        Write(directory, "a/assignments/words.ipynb", File.ReadAllText(TestAssignment.SourcePath));
        WriteCourse(directory, "b", """
            slug: b
            title: Next steps
            audience: students
            summary: More.
            prerequisites: [a]
            lessons:
              - title: Hello again
                notebook: lessons/hello.ipynb
                minutes: 15
            pass_mark: 70
            licence: MIT
            """);
        Write(directory, "b/lessons/hello.ipynb", Lesson);
        Write(directory, "paths.yml", """
            paths:
              - audience: children
                title: Teach the computer
                courses: [a]
                required_assignments: [a/assignments/words.ipynb]
              - audience: students
                title: Data
                courses: [a, b]
              - audience: professionals
                title: Work
                courses: [a, b]
              - audience: experts
                title: Deep
                courses: [a, b]
            """);
        return directory;
    }

    public static void WriteCourse(TempDirectory directory, string folder, string yaml) => Write(directory, folder + "/course.yml", yaml);

    public static void Write(TempDirectory directory, string relativePath, string text)
    {
        var path = directory.Combine(relativePath.Split('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
