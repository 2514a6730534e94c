using System.Text;
using Firmware.Signing;

namespace Firmware.Core.Tests.Signing;

[Trait("Category", "Unit")]
public sealed class PreAuthEncodingTests
{
    [Fact]
    public void The_DSSE_specification_example_encodes_as_published()
    {
        var encoded = PreAuthEncoding.Encode("http://example.com/HelloWorld", "hello world"u8);

        Assert.Equal("DSSEv1 29 http://example.com/HelloWorld 11 hello world", Encoding.ASCII.GetString(encoded));
    }

    [Fact]
    public void An_empty_body_still_has_its_length_and_separator()
    {
        Assert.Equal("DSSEv1 4 type 0 ", Encoding.ASCII.GetString(PreAuthEncoding.Encode("type", [])));
    }

    [Fact]
    public void Lengths_count_utf8_bytes_not_characters()
    {
        var encoded = PreAuthEncoding.Encode("t\u00e9", "\u00e9"u8);

        Assert.Equal("DSSEv1 3 t\u00e9 2 \u00e9", Encoding.UTF8.GetString(encoded));
    }

    [Fact]
    public void Manifest_and_trust_encodings_of_the_same_body_differ()
    {
        var body = "{}"u8;

        Assert.NotEqual(PreAuthEncoding.Encode(PreAuthEncoding.ManifestType, body), PreAuthEncoding.Encode(PreAuthEncoding.TrustType, body));
    }

    [Fact]
    public void An_empty_payload_type_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PreAuthEncoding.Encode("", "x"u8));
    }
}
