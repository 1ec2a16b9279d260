using System.Text;

namespace AIStudio.Kernel.Protocol.Tests;

public sealed class MessageSignerTests
{
    // Vectors computed with Python's hmac module (Debian's /usr/bin/python3):
    //   h = hmac.new(key, digestmod=hashlib.sha256); h.update(header); h.update(parent); h.update(metadata); h.update(content)
    private const string Key = "0f4c5a1e-7b2d-4e8f-9a3c-6d1e2f3a4b5c";
    private const string Expected = "42a49b0b27622b554c2c6f11f6df16e659db26fe176e3df73ae2055c9835d2d2";

    private static readonly byte[] Header = """{"msg_id":"a1","session":"s1","username":"u","date":"2025-01-02T03:04:05.123456Z","msg_type":"execute_request","version":"5.4"}"""u8.ToArray();
    private static readonly byte[] Parent = "{}"u8.ToArray();
    private static readonly byte[] Metadata = "{}"u8.ToArray();
    private static readonly byte[] Content = """{"code":"1+1","silent":false}"""u8.ToArray();

    private static readonly MessageSigner Signer = new(Key);

    [Fact]
    public void Sign_matches_pythons_hmac_sha256_over_the_four_parts()
    {
        Assert.Equal(Expected, Signer.Sign(Header, Parent, Metadata, Content));
    }

    [Fact]
    public void Sign_matches_python_for_utf8_key_and_parts()
    {
        // key "clé-ü", parts {"msg_type":"stream"} {"msg_id":"p"} {"m":1} {"text":"héllo ✓"}, all UTF-8.
        var signer = new MessageSigner("clé-ü");
        var signature = signer.Sign(
            """{"msg_type":"stream"}"""u8, """{"msg_id":"p"}"""u8, """{"m":1}"""u8, Encoding.UTF8.GetBytes("""{"text":"héllo ✓"}"""));
        Assert.Equal("e681c55610c83c17042c7205a01b065dc69a82d4da27ecc28fafb93a1b052d43", signature);
    }

    [Fact]
    public void Byte_key_and_string_key_sign_alike()
    {
        var signer = new MessageSigner(Encoding.UTF8.GetBytes(Key));
        Assert.Equal(Expected, signer.Sign(Header, Parent, Metadata, Content));
    }

    [Fact]
    public void Verify_accepts_the_right_signature()
    {
        Assert.True(Signer.Verify(Ascii(Expected), Header, Parent, Metadata, Content));
    }

    [Fact]
    public void Verify_accepts_uppercase_hex()
    {
        Assert.True(Signer.Verify(Ascii(Expected.ToUpperInvariant()), Header, Parent, Metadata, Content));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Verify_rejects_a_tampered_byte_in_any_part(int part)
    {
        byte[][] parts = [(byte[])Header.Clone(), (byte[])Parent.Clone(), (byte[])Metadata.Clone(), (byte[])Content.Clone()];
        parts[part][^1] ^= 0x01;
        Assert.False(Signer.Verify(Ascii(Expected), parts[0], parts[1], parts[2], parts[3]));
    }

    [Fact]
    public void Verify_rejects_swapped_parts()
    {
        Assert.False(Signer.Verify(Ascii(Expected), Content, Parent, Metadata, Header));
    }

    [Fact]
    public void Verify_rejects_a_wrong_key()
    {
        var other = new MessageSigner(Key + "x");
        Assert.False(other.Verify(Ascii(Expected), Header, Parent, Metadata, Content));
    }

    [Theory]
    [InlineData(63)]
    [InlineData(32)]
    [InlineData(1)]
    public void Verify_rejects_a_truncated_signature(int length)
    {
        Assert.False(Signer.Verify(Ascii(Expected[..length]), Header, Parent, Metadata, Content));
    }

    [Fact]
    public void Verify_rejects_a_signature_with_extra_characters()
    {
        Assert.False(Signer.Verify(Ascii(Expected + "00"), Header, Parent, Metadata, Content));
    }

    [Theory]
    [InlineData('g')]
    [InlineData(' ')]
    [InlineData('-')]
    [InlineData('\0')]
    public void Verify_rejects_non_hex_characters(char bad)
    {
        // Replace an 'f' digit: a non-hex character decodes to nibble 0xF, so the decoded bytes still equal the MAC
        // and only the hex check can reject the signature.
        var at = Expected.IndexOf('f', StringComparison.Ordinal);
        var signature = string.Concat(Expected.AsSpan(0, at), bad.ToString(), Expected.AsSpan(at + 1));
        Assert.False(Signer.Verify(Ascii(signature), Header, Parent, Metadata, Content));
    }

    [Fact]
    public void Verify_rejects_an_empty_signature()
    {
        Assert.False(Signer.Verify([], Header, Parent, Metadata, Content));
    }

    [Fact]
    public void Empty_key_turns_signing_off()
    {
        var off = new MessageSigner("");
        Assert.False(off.IsEnabled);
        Assert.True(Signer.IsEnabled);
        Assert.Equal("", off.Sign(Header, Parent, Metadata, Content));
        Assert.True(off.Verify([], Header, Parent, Metadata, Content));
        Assert.True(off.Verify(Ascii("not even hex"), Header, Parent, Metadata, Content));
        Assert.True(off.Verify(Ascii(Expected), Header, Parent, Metadata, Content));
    }

    [Fact]
    public void The_key_is_copied_so_later_changes_to_the_array_do_not_matter()
    {
        var key = Encoding.UTF8.GetBytes(Key);
        var signer = new MessageSigner(key);
        Array.Clear(key);
        Assert.Equal(Expected, signer.Sign(Header, Parent, Metadata, Content));
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
