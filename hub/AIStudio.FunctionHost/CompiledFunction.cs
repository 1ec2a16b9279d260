using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace AIStudio.FunctionHost;

/// <summary>
/// The compiled <c>Predict</c> method: its input and output types, the fields a request sends and an answer carries
/// (the properties of a record or class; a single value is one field named after the parameter, or <c>output</c>), and a
/// way to call it.
/// </summary>
public sealed class CompiledFunction
{
    public const string SingleOutputName = "output";

    private readonly MethodInfo _method;
    private readonly bool _takesCancellation;
    private readonly PropertyInfo? _taskResult;
    private readonly MethodInfo? _valueTaskAsTask;

    private CompiledFunction(MethodInfo method, Type input, Type output, bool takesCancellation, PropertyInfo? taskResult, MethodInfo? valueTaskAsTask)
    {
        _method = method;
        InputType = input;
        OutputType = output;
        _takesCancellation = takesCancellation;
        _taskResult = taskResult;
        _valueTaskAsTask = valueTaskAsTask;
        InputIsRecord = FunctionJson.Options.GetTypeInfo(input).Kind == JsonTypeInfoKind.Object;
        OutputIsRecord = FunctionJson.Options.GetTypeInfo(output).Kind == JsonTypeInfoKind.Object;
        var parameter = method.GetParameters()[0];
        HasDefaultInput = !InputIsRecord && parameter.HasDefaultValue;
        DefaultInput = HasDefaultInput ? parameter.DefaultValue : null;
        Inputs = InputIsRecord
            ? FunctionSchema.FieldsOf(input, input: true)
            : [FunctionSchema.Field(parameter.Name ?? "input", input, required: !HasDefaultInput, HasDefaultInput, DefaultInput)];
        Outputs = OutputIsRecord ? FunctionSchema.FieldsOf(output, input: false) : [FunctionSchema.Field(SingleOutputName, output, required: true)];
    }

    public Type InputType { get; }

    public Type OutputType { get; }

    /// <summary>Whether the input is an object whose properties are the request's fields (else a single value).</summary>
    public bool InputIsRecord { get; }

    /// <summary>Whether the output is an object whose properties are the answer's fields (else one field, <c>output</c>).</summary>
    public bool OutputIsRecord { get; }

    public IReadOnlyList<FunctionField> Inputs { get; }

    /// <summary>Whether a single-value input has a default (<c>Predict(double x = 1)</c>): a request may then leave it out.</summary>
    public bool HasDefaultInput { get; }

    /// <summary>The single-value input's default (null for <c>default</c> of a struct, which Predict then receives as that).</summary>
    public object? DefaultInput { get; }

    public IReadOnlyList<FunctionField> Outputs { get; }

    public string Signature => $"{_method.DeclaringType!.Name}.{_method.Name}({InputType.Name}) → {OutputType.Name}";

    /// <summary>Checks the method's shape; a <see cref="NotSupportedException"/> says what is wrong with it.</summary>
    public static CompiledFunction From(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var parameters = method.GetParameters();
        var takesCancellation = parameters.Length == 2 && parameters[1].ParameterType == typeof(CancellationToken);
        if (parameters.Length is not (1 or 2) || (parameters.Length == 2 && !takesCancellation) || method.IsGenericMethodDefinition)
        {
            throw new NotSupportedException("Predict takes one input (a record, a class or a single value), and optionally a CancellationToken after it.");
        }

        if (parameters[0].ParameterType.IsByRef || parameters[0].ParameterType.IsPointer)
        {
            throw new NotSupportedException("Predict's input cannot be passed by reference or as a pointer.");
        }

        var returned = method.ReturnType;
        PropertyInfo? taskResult = null;
        MethodInfo? asTask = null;
        Type output = returned;
        if (returned.IsGenericType && returned.GetGenericTypeDefinition() == typeof(Task<>))
        {
            output = returned.GetGenericArguments()[0];
            taskResult = returned.GetProperty(nameof(Task<int>.Result));
        }
        else if (returned.IsGenericType && returned.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            output = returned.GetGenericArguments()[0];
            asTask = returned.GetMethod(nameof(ValueTask<int>.AsTask));
            taskResult = typeof(Task<>).MakeGenericType(output).GetProperty(nameof(Task<int>.Result));
        }

        if (output == typeof(void) || output == typeof(Task) || output == typeof(ValueTask))
        {
            throw new NotSupportedException("Predict must return its output (a value, a record, or a Task<T> / ValueTask<T> of one), not void or a plain Task.");
        }

        try
        {
            return new CompiledFunction(method, parameters[0].ParameterType, output, takesCancellation, taskResult, asTask);
        }
        catch (InvalidOperationException e)
        {
            throw new NotSupportedException($"Predict's input or output cannot be read or written as JSON: {e.Message}", e);
        }
    }

    /// <summary>Calls Predict with one input; the function's own exceptions come out unwrapped.</summary>
    public async Task<object?> InvokeAsync(object? input, CancellationToken cancellationToken)
    {
        object?[] arguments = _takesCancellation ? [input, cancellationToken] : [input];
        var result = _method.Invoke(null, BindingFlags.DoNotWrapExceptions, null, arguments, null);
        if (_valueTaskAsTask is not null)
        {
            result = _valueTaskAsTask.Invoke(result, BindingFlags.DoNotWrapExceptions, null, [], null);
        }

        if (_taskResult is not null && result is Task task)
        {
            await task.ConfigureAwait(false);
            return _taskResult.GetValue(task);
        }

        return result;
    }
}
