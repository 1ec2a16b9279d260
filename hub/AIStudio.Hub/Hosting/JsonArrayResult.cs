using System.Buffers;

namespace AIStudio.Hub.Hosting;

/// <summary>
/// A 200 with a JSON array whose elements were serialized to UTF-8 before (and are kept, see
/// <see cref="Users.Snapshot.Json"/>): the same bytes as <c>Results.Json</c> of the models, without serializing them again.
/// </summary>
public sealed class JsonArrayResult(IReadOnlyList<byte[]> elements) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        long length = 2 + Math.Max(0, elements.Count - 1);
        foreach (var element in elements)
        {
            length += element.Length;
        }

        response.ContentLength = length;
        var writer = response.BodyWriter;
        writer.Write("["u8);
        for (var i = 0; i < elements.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(","u8);
            }

            writer.Write(elements[i]);
        }

        writer.Write("]"u8);
        return writer.FlushAsync(httpContext.RequestAborted).AsTask();
    }
}
