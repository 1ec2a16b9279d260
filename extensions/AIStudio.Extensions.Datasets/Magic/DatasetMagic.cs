using System.Globalization;
using System.Text.RegularExpressions;
using AIStudio.Extensions.Datasets.Display;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Formatting;

namespace AIStudio.Extensions.Datasets.Magic;

/// <summary><c>#!dataset list | info NAME | load NAME [--as VAR]</c>, with help and completion of dataset names.</summary>
internal static partial class DatasetMagic
{
    public const string Name = "#!dataset";

    public const string Help =
        "#!dataset list                 the datasets you can load (curated and registered)\n" +
        "#!dataset info NAME            description, licence, source, citation and columns\n" +
        "#!dataset load NAME [--as VAR] load as a DataFrame and show it; --as declares a C# variable\n" +
        "C#: Datasets.Load(\"penguins\"), Datasets.Register(path, license: \"CC-BY-4.0\")";

    public static void AddTo(Kernel kernel)
    {
        var list = new KernelActionDirective("list") { Description = "List the datasets you can load." };
        var info = new KernelActionDirective("info") { Description = "Show a dataset's description, licence, source, citation and columns." };
        info.Parameters.Add(NameParameter());
        var load = new KernelActionDirective("load") { Description = "Load a dataset as a DataFrame; --as VAR declares a C# variable." };
        load.Parameters.Add(NameParameter());
        load.Parameters.Add(new KernelDirectiveParameter("--as", "The C# variable to declare, e.g. --as penguins"));

        var root = new KernelActionDirective(Name) { Description = "Curated datasets and your registered data. " + Help };
        root.Subcommands.Add(list);
        root.Subcommands.Add(info);
        root.Subcommands.Add(load);

        kernel.AddDirective<ListDatasetsCommand>(list, (_, context) =>
        {
            var datasets = Datasets.List();
            Show(context, DatasetHtml.List(datasets), DatasetHtml.ListText(datasets));
            return Task.CompletedTask;
        });
        kernel.AddDirective<DatasetInfoCommand>(info, (command, context) =>
        {
            var dataset = Datasets.Info(command.Name);
            Show(context, DatasetHtml.Info(dataset), DatasetHtml.InfoText(dataset));
            return Task.CompletedTask;
        });
        kernel.AddDirective<LoadDatasetCommand>(load, LoadAsync);
        // A bare "#!dataset" or an unknown subcommand lands here: show what the subcommands are.
        kernel.AddDirective(root, (_, context) =>
        {
            context.DisplayAs(Help, "text/plain");
            return Task.CompletedTask;
        });
    }

    private static KernelDirectiveParameter NameParameter() =>
        new KernelDirectiveParameter("--name", "The dataset's name, e.g. penguins") { AllowImplicitName = true, Required = true }
            .AddCompletions(() => Datasets.List().Select(d => d.Name));

    private static async Task LoadAsync(LoadDatasetCommand command, KernelInvocationContext context)
    {
        var frame = await Datasets.LoadAsync(command.Name, context.CancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrWhiteSpace(command.As))
        {
            var variable = command.As.Trim();
            if (!Identifier().IsMatch(variable))
            {
                context.Fail(command, message: $"'{variable}' is not a C# variable name: use letters, digits and '_', not starting with a digit.");
                return;
            }

            await DeclareAsync(context, variable, frame).ConfigureAwait(false);
            context.DisplayAs(string.Create(CultureInfo.InvariantCulture,
                $"{variable} = Datasets.Load(\"{command.Name}\"): {frame.Rows.Count} rows × {frame.Columns.Count} columns"), "text/plain");
        }

        context.Display(frame, HtmlFormatter.MimeType);
    }

    /// <summary>Declares the variable in the C# kernel by sending it the value, as <c>#!set</c> does.</summary>
    private static async Task DeclareAsync(KernelInvocationContext context, string variable, DataFrame frame)
    {
        var root = context.HandlingKernel.RootKernel;
        var target = root is CompositeKernel composite
            ? composite.FindKernelByName("csharp") ?? composite.FindKernelByName(composite.DefaultKernelName ?? "csharp")
            : root;
        if (target is null)
        {
            throw new InvalidOperationException("There is no C# kernel to declare the variable in.");
        }

        var result = await target.SendAsync(new SendValue(variable, frame, null!), context.CancellationToken).ConfigureAwait(false);
        if (result.Events.OfType<Microsoft.DotNet.Interactive.Events.CommandFailed>().FirstOrDefault() is { } failed)
        {
            throw new InvalidOperationException($"Declaring '{variable}' in the {target.Name} kernel failed: {failed.Message}");
        }
    }

    private static void Show(KernelInvocationContext context, string html, string text)
    {
        var formatted = new[] { new FormattedValue(HtmlFormatter.MimeType, html), new FormattedValue(PlainTextFormatter.MimeType, text) };
        context.Publish(new Microsoft.DotNet.Interactive.Events.DisplayedValueProduced(html, context.Command, formatted));
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
