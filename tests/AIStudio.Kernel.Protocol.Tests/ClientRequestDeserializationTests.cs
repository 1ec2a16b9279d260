using System.Text.Json;
using AIStudio.Kernel.Protocol.Messages;
using AIStudio.Kernel.Protocol.Messages.Content;

namespace AIStudio.Kernel.Protocol.Tests;

/// <summary>Request contents as Jupyter clients (jupyter_client, JupyterLab) send them, read with the wire metadata.</summary>
public sealed class ClientRequestDeserializationTests
{
    [Fact]
    public void Execute_request_with_only_code_takes_the_spec_defaults()
    {
        var request = JsonSerializer.Deserialize("""{"code":"1+1"}""", ProtocolJson.Default.ExecuteRequest)!;
        Assert.Equal(new ExecuteRequest { Code = "1+1", Silent = false, StoreHistory = true, AllowStdin = true, StopOnError = true }, request);
    }

    [Fact]
    public void Execute_request_without_store_history_stores_history()
    {
        var request = JsonSerializer.Deserialize("""{"code":"x","silent":false,"user_expressions":{},"allow_stdin":true}""", ProtocolJson.Default.ExecuteRequest)!;
        Assert.True(request.StoreHistory);
        Assert.True(request.StopOnError);
        Assert.Empty(request.UserExpressions!);
    }

    [Fact]
    public void Execute_request_as_jupyter_client_sends_it()
    {
        // jupyter_client KernelClient.execute(code, silent=True, store_history=False, user_expressions={...}, allow_stdin=False, stop_on_error=False)
        const string Json = """{"code": "a = 1", "silent": true, "store_history": false, "user_expressions": {"b": "a + 1"}, "allow_stdin": false, "stop_on_error": false}""";
        var request = JsonSerializer.Deserialize(Json, ProtocolJson.Default.ExecuteRequest)!;

        Assert.Equal("a = 1", request.Code);
        Assert.True(request.Silent);
        Assert.False(request.StoreHistory);
        Assert.False(request.AllowStdin);
        Assert.False(request.StopOnError);
        Assert.Equal("a + 1", request.UserExpressions!["b"]);
    }

    [Fact]
    public void History_request_tail()
    {
        // jupyter_client KernelClient.history(hist_access_type="tail", n=10)
        var request = JsonSerializer.Deserialize("""{"raw": true, "output": false, "hist_access_type": "tail", "n": 10}""", ProtocolJson.Default.HistoryRequest)!;
        Assert.Equal(new HistoryRequest { Raw = true, Output = false, HistAccessType = "tail", N = 10 }, request);
        Assert.Null(request.Stop);
        Assert.Null(request.Pattern);
    }

    [Fact]
    public void History_request_range_and_search()
    {
        var range = JsonSerializer.Deserialize("""{"output": true, "raw": false, "hist_access_type": "range", "session": -1, "start": 1, "stop": 5}""", ProtocolJson.Default.HistoryRequest)!;
        Assert.Equal(new HistoryRequest { Output = true, Raw = false, HistAccessType = "range", Session = -1, Start = 1, Stop = 5 }, range);

        var search = JsonSerializer.Deserialize("""{"hist_access_type": "search", "pattern": "imp*", "unique": true, "n": 3}""", ProtocolJson.Default.HistoryRequest)!;
        Assert.Equal(new HistoryRequest { HistAccessType = "search", Pattern = "imp*", Unique = true, N = 3, Raw = true }, search);
    }

    [Fact]
    public void History_request_with_nothing_defaults_to_raw_tail()
    {
        var request = JsonSerializer.Deserialize("{}", ProtocolJson.Default.HistoryRequest)!;
        Assert.True(request.Raw);
        Assert.Equal("tail", request.HistAccessType);
    }

    [Fact]
    public void Complete_request_reads_cursor_pos()
    {
        var request = JsonSerializer.Deserialize("""{"code": "Console.Wri", "cursor_pos": 11}""", ProtocolJson.Default.CompleteRequest)!;
        Assert.Equal(new CompleteRequest { Code = "Console.Wri", CursorPosition = 11 }, request);
    }

    [Fact]
    public void Inspect_request_reads_detail_level()
    {
        var request = JsonSerializer.Deserialize("""{"code": "Math.Max", "cursor_pos": 6, "detail_level": 1}""", ProtocolJson.Default.InspectRequest)!;
        Assert.Equal(new InspectRequest { Code = "Math.Max", CursorPosition = 6, DetailLevel = 1 }, request);
    }

    [Fact]
    public void Is_complete_request_reads_code()
    {
        var request = JsonSerializer.Deserialize("""{"code": "if (x) {"}""", ProtocolJson.Default.IsCompleteRequest)!;
        Assert.Equal("if (x) {", request.Code);
    }

    [Fact]
    public void Comm_info_request_with_and_without_target()
    {
        Assert.Null(JsonSerializer.Deserialize("{}", ProtocolJson.Default.CommInfoRequest)!.TargetName);
        Assert.Equal("jupyter.widget", JsonSerializer.Deserialize("""{"target_name": "jupyter.widget"}""", ProtocolJson.Default.CommInfoRequest)!.TargetName);
    }

    [Fact]
    public void Comm_messages_from_a_frontend()
    {
        var open = JsonSerializer.Deserialize("""{"comm_id": "c1", "target_name": "t", "data": {"state": {}}, "target_module": null}""", ProtocolJson.Default.CommOpen)!;
        Assert.Equal("c1", open.CommId);
        Assert.Equal("t", open.TargetName);
        Assert.Null(open.TargetModule);
        Assert.Equal(JsonValueKind.Object, open.Data.GetProperty("state").ValueKind);

        var msg = JsonSerializer.Deserialize("""{"comm_id": "c1", "data": {"method": "update"}}""", ProtocolJson.Default.CommMsg)!;
        Assert.Equal("update", msg.Data.GetProperty("method").GetString());

        var close = JsonSerializer.Deserialize("""{"comm_id": "c1"}""", ProtocolJson.Default.CommClose)!;
        Assert.Equal(JsonValueKind.Object, close.Data.ValueKind);
        Assert.Empty(close.Data.EnumerateObject());
    }

    [Fact]
    public void Comm_open_without_comm_id_is_refused()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"target_name": "t"}""", ProtocolJson.Default.CommOpen));
    }

    [Fact]
    public void Stdin_and_control_requests()
    {
        Assert.Equal("42", JsonSerializer.Deserialize("""{"value": "42"}""", ProtocolJson.Default.InputReply)!.Value);
        Assert.True(JsonSerializer.Deserialize("""{"restart": true}""", ProtocolJson.Default.ShutdownRequest)!.Restart);
        Assert.False(JsonSerializer.Deserialize("{}", ProtocolJson.Default.ShutdownRequest)!.Restart);
        Assert.NotNull(JsonSerializer.Deserialize("{}", ProtocolJson.Default.InterruptRequest));
        Assert.NotNull(JsonSerializer.Deserialize("{}", ProtocolJson.Default.KernelInfoRequest));
    }

    [Fact]
    public void A_header_without_username_or_version_takes_the_defaults()
    {
        var header = JsonSerializer.Deserialize("""{"msg_id": "m", "session": "s", "msg_type": "kernel_info_request"}""", ProtocolJson.Default.MessageHeader)!;
        Assert.Equal("kernel", header.Username);
        Assert.Equal("5.4", header.Version);
        Assert.Equal("", header.Date);
    }

    [Fact]
    public void Content_is_read_through_the_message()
    {
        var message = new JupyterMessage
        {
            Header = new MessageHeader { MessageId = "m", Session = "s", MessageType = MessageTypes.CompleteRequest },
            Content = JsonDocument.Parse("""{"code": "ab", "cursor_pos": 2}""").RootElement,
        };
        Assert.Equal(2, message.ContentAs(ProtocolJson.Default.CompleteRequest).CursorPosition);
    }
}
