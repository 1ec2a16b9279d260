using Microsoft.Data.Analysis;

namespace AIStudio.Extensions.Datasets.Display;

/// <summary>Paging for notebooks: the HTML display shows the first page; <c>df.Page(n)</c> shows page n.</summary>
public static class DataFrameExtensions
{
    public static DataFramePage Page(this DataFrame frame, int number, int size = DataFrameHtml.DefaultPageSize)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return new DataFramePage(frame, number, size);
    }
}
