using System.Text;
using AIStudio.Courses.Grading;
using AIStudio.Courses.Notebooks;

namespace AIStudio.Courses.Tests;

public sealed class AssignmentTests
{
    [Theory]
    [InlineData("assert f(2) == 4\n# ünïcode", "code", true, false, true, "test_f", 2.0, "3baaab260569d6dcc1c7d56ac7039aa7")]
    [InlineData("x = 1", "code", false, true, false, "answer", null, "cb33955a9060846ad26d55a721da7c66")]
    [InlineData("Read me", "markdown", false, false, true, "intro", null, "e56b31e5f3d54cfbda625c51934c4ed8")]
    [InlineData("t", "code", true, false, false, "half", 0.5, "3d4feca43350087a758adcb07be53cfb")]
    public void Checksums_match_nbgraders_algorithm(string source, string cellType, bool grade, bool solution, bool locked, string gradeId, double? points, string expected)
    {
        // Expected values computed with nbgrader.utils.compute_checksum's steps in Python (str(float(points)), str(bool)).
        var nbgrader = new NbgraderMetadata { Grade = grade, Solution = solution, Locked = locked, GradeId = gradeId, Points = points };

        Assert.Equal(expected, NbgraderChecksum.Compute(source, cellType, nbgrader));
    }

    [Fact]
    public async Task The_student_version_has_stubs_and_no_solution_or_hidden_test()
    {
        var source = await TestAssignment.LoadSourceAsync();

        var student = AssignmentReleaser.Release(source);
        var text = Encoding.UTF8.GetString(student.ToUtf8Bytes());

        Assert.DoesNotContain("total += i * i", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SequenceEqual", text, StringComparison.Ordinal);
        Assert.DoesNotContain("counts[word]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("385", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Panama", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SOLUTION", text, StringComparison.Ordinal);
        Assert.DoesNotContain("HIDDEN", text, StringComparison.Ordinal);
        var squares = student.Cells.Single(c => c.Nbgrader?.GradeId == "squares");
        Assert.Equal("int SumOfSquares(int n)\n{\n    throw new NotImplementedException();\n}", squares.Source);
        Assert.Contains("SumOfSquares(3) != 14", student.Cells.Single(c => c.Nbgrader?.GradeId == "test_squares").Source, StringComparison.Ordinal);
        Assert.All(student.Cells.Where(c => c.Nbgrader is { IsTracked: true }), c => Assert.Equal(NbgraderChecksum.Compute(c), c.Nbgrader!.Checksum));
    }

    [Fact]
    public async Task A_clean_student_version_and_a_solved_one_validate()
    {
        var source = await TestAssignment.LoadSourceAsync();

        Assert.Empty(SubmissionValidator.Validate(source, AssignmentReleaser.Release(source)));
        Assert.Empty(SubmissionValidator.Validate(source, TestAssignment.Solved(source)));
    }

    [Fact]
    public async Task The_source_itself_validates_as_a_submission_but_a_changed_hidden_test_does_not()
    {
        var source = await TestAssignment.LoadSourceAsync();
        Assert.Contains(source.Cells, c => c.Nbgrader is { Grade: true } && c.Source.Contains(Markers.BeginHiddenTests, StringComparison.Ordinal));

        Assert.Empty(SubmissionValidator.Validate(source, source));

        // Hidden tests edited in a copy of the source: neither the released text nor the source's, so tampering.
        var tampered = source.Clone();
        var test = tampered.Cells.Single(c => c.Nbgrader?.GradeId == "test_squares");
        Assert.Contains("// END HIDDEN TESTS", test.Source, StringComparison.Ordinal);
        test.Source = test.Source.Replace("// END HIDDEN TESTS", "return;\n// END HIDDEN TESTS", StringComparison.Ordinal);
        var problem = Assert.Single(SubmissionValidator.Validate(source, tampered));
        Assert.Equal("test_squares", problem.GradeId);
        Assert.Contains("is a test cell and was changed", problem.Message, StringComparison.Ordinal);

        // The source's text with the hidden tests but a locked cell changed: still caught.
        var lockedChanged = TestAssignment.Answer(source.Clone(), "intro", "# Nothing to do here");
        Assert.Contains(SubmissionValidator.Validate(source, lockedChanged), p => p.GradeId == "intro" && p.Message.Contains("locked cell and was changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_changed_test_cell_is_detected_and_named()
    {
        var source = await TestAssignment.LoadSourceAsync();
        var submission = TestAssignment.Answer(TestAssignment.Solved(source), "test_words", "Console.WriteLine(\"all good\");");

        var problem = Assert.Single(SubmissionValidator.Validate(source, submission));

        Assert.Equal("test_words", problem.GradeId);
        Assert.Equal(10, problem.CellNumber);
        Assert.Contains("Cell 10 ('test_words') is a test cell and was changed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleted_added_and_renamed_graded_cells_are_detected()
    {
        var source = await TestAssignment.LoadSourceAsync();
        var submission = TestAssignment.Solved(source);
        var cells = submission.Cells.ToList();
        cells.RemoveAt(3); // test_squares
        var intro = cells[0];
        intro.SetNbgrader(intro.Nbgrader! with { GradeId = "renamed_intro" });
        var copy = cells[2].Clone();
        cells.Add(copy);
        submission.SetCells(cells);

        var problems = SubmissionValidator.Validate(source, submission).Select(p => p.Message).ToList();

        Assert.Contains(problems, p => p.Contains("The test cell 'test_squares'", StringComparison.Ordinal) && p.Contains("deleted", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'renamed_intro', which the assignment does not have", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("The locked cell 'intro'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("repeats grade_id 'squares'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Changed_points_are_detected()
    {
        var source = await TestAssignment.LoadSourceAsync();
        var submission = TestAssignment.Solved(source);
        var test = submission.Cells.Single(c => c.Nbgrader?.GradeId == "test_squares");
        test.SetNbgrader(test.Nbgrader! with { Points = 100 });

        var problems = SubmissionValidator.Validate(source, submission);

        Assert.Contains(problems, p => p.GradeId == "test_squares" && p.Message.Contains("grading metadata changed", StringComparison.Ordinal));
    }

    [Fact]
    public void Metadata_and_marker_problems_are_each_reported_with_the_cells_line()
    {
        var notebook = Notebook.Parse(Encoding.UTF8.GetBytes("""
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
              {"cell_type": "code", "source": "// BEGIN SOLUTION\nx", "outputs": [], "metadata": {"nbgrader": {"solution": true, "grade": false, "grade_id": "a", "schema_version": 3}}},
              {"cell_type": "code", "source": "y", "outputs": [], "metadata": {"nbgrader": {"solution": true, "grade": false, "grade_id": "a", "schema_version": 3}}},
              {"cell_type": "code", "source": "z", "outputs": [], "metadata": {"nbgrader": {"solution": false, "grade": false, "locked": true, "grade_id": "b", "points": 2}}},
              {"cell_type": "code", "source": "// BEGIN SOLUTION\nsecret\n// END SOLUTION", "outputs": [], "metadata": {}}
            ]}
            """), "broken.ipynb");

        var problems = AssignmentChecker.Check(notebook).Select(p => p.ToString()).ToList();

        Assert.Contains(problems, p => p.StartsWith("broken.ipynb:2:3: error:", StringComparison.Ordinal) && p.Contains("never closed", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("broken.ipynb:3:3: error:", StringComparison.Ordinal) && p.Contains("grade_id 'a' is already used", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("broken.ipynb:4:3: error:", StringComparison.Ordinal) && p.Contains("schema_version", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("broken.ipynb:4:3: error:", StringComparison.Ordinal) && p.Contains("has points but is not a grade cell", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("broken.ipynb:5:3: error:", StringComparison.Ordinal) && p.Contains("not a solution cell", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("broken.ipynb:3:3: warning:", StringComparison.Ordinal) && p.Contains("without '// BEGIN SOLUTION'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("broken.ipynb:1:1: error:", StringComparison.Ordinal) && p.Contains("no graded cell", StringComparison.Ordinal));
        Assert.Throws<AssignmentException>(() => AssignmentReleaser.Release(notebook));
    }

    [Fact]
    public void Unbalanced_markers_are_reported_at_their_line()
    {
        var problems = Markers.Check("a\n// END SOLUTION\n// BEGIN HIDDEN TESTS\n// END SOLUTION\n");

        Assert.Equal([2, 4], problems.Select(p => p.Line));
    }
}
