using System.Text;
using System.Text.Json.Nodes;
using AIStudio.Courses.Notebooks;
using AIStudio.TestKit;

namespace AIStudio.Courses.Tests;

public sealed class NotebookTests
{
    [Fact]
    public async Task Reading_records_the_line_where_each_cell_starts()
    {
        var notebook = await TestAssignment.LoadSourceAsync();
        var lines = await File.ReadAllLinesAsync(TestAssignment.SourcePath);

        Assert.Equal(10, notebook.Cells.Count);
        foreach (var cell in notebook.Cells)
        {
            Assert.Equal('{', lines[cell.Position.Line - 1][cell.Position.Column - 1]);
            // The next line of the file opens the cell's object: its first key.
            Assert.Contains("\"cell_type\"", lines[cell.Position.Line], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Writing_is_jupyters_format_and_keeps_unknown_fields()
    {
        var json = """
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {"custom": {"b": 1, "a": "ü"}},
             "cells": [{"cell_type": "code", "id": "x1", "source": ["a\n", "b"], "metadata": {"tool": true}, "outputs": [], "execution_count": 3, "extra": [1, 2]}]}
            """;
        var notebook = Notebook.Parse(Encoding.UTF8.GetBytes(json));
        var written = Encoding.UTF8.GetString(notebook.ToUtf8Bytes());

        Assert.Equal(
            "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"execution_count\": 3,\n   \"extra\": [\n    1,\n    2\n   ],\n   \"id\": \"x1\",\n" +
            "   \"metadata\": {\n    \"tool\": true\n   },\n   \"outputs\": [],\n   \"source\": [\n    \"a\\n\",\n    \"b\"\n   ]\n  }\n ],\n" +
            " \"metadata\": {\n  \"custom\": {\n   \"a\": \"ü\",\n   \"b\": 1\n  }\n },\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n",
            written);
        Assert.Equal(written, Encoding.UTF8.GetString(Notebook.Parse(Encoding.UTF8.GetBytes(written)).ToUtf8Bytes()));
    }

    [Fact]
    public async Task Saving_replaces_the_file_whole()
    {
        using var directory = new TempDirectory();
        var notebook = await TestAssignment.LoadSourceAsync();
        var path = directory.Combine("copy.ipynb");
        await File.WriteAllTextAsync(path, "old");

        await notebook.SaveAsync(path);

        Assert.Equal(notebook.Cells.Count, (await Notebook.LoadAsync(path)).Cells.Count);
        Assert.Single(Directory.GetFiles(directory.Path));
    }

    [Theory]
    [InlineData("{\"nbformat\": 4, \"metadata\": {}, \"cells\": [\n  {\"cell_type\": \"code\", \"source\": \"\", \"metadata\": {}}]}", 2, "outputs")]
    [InlineData("{\"nbformat\": 3, \"metadata\": {}, \"cells\": []}", 1, "nbformat 4")]
    [InlineData("{\"nbformat\": 4,\n \"metadata\": {},\n \"cells\": [}", 3, "JSON")]
    public void Reading_a_broken_notebook_says_where_and_why(string json, int line, string words)
    {
        var error = Assert.Throws<NotebookFormatException>(() => Notebook.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(line, error.Line);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cells_keep_fields_a_tool_added()
    {
        var notebook = Notebook.Parse("""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "markdown", "source": "x", "metadata": {}, "attachments": {"a.png": {}}}]}"""u8);
        notebook.Cells[0].Source = "y";

        var again = JsonNode.Parse(notebook.ToUtf8Bytes())!;

        Assert.NotNull(again["cells"]![0]!["attachments"]!["a.png"]);
        Assert.Equal("y", again["cells"]![0]!["source"]![0]!.GetValue<string>());
    }
}
