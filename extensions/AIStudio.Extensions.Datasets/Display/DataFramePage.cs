using Microsoft.Data.Analysis;

namespace AIStudio.Extensions.Datasets.Display;

/// <summary>One page of a <see cref="DataFrame"/>'s rows; displaying it shows that page (<c>df.Page(2)</c>).</summary>
public sealed record DataFramePage(DataFrame Frame, int Number, int Size)
{
    public string ToHtml() => DataFrameHtml.Render(Frame, Number, Size);
}
