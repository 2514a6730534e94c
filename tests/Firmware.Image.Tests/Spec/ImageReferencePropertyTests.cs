using CsCheck;
using Firmware.Image.Spec;

namespace Firmware.Image.Tests.Spec;

[Trait("Category", "Property")]
public sealed class ImageReferencePropertyTests
{
    private static readonly Gen<string> Component = Gen.Select(
        Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 1, 8],
        Gen.OneOf<string>(".", "_", "__", "-", "--"),
        Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 1, 8],
        Gen.Bool,
        (a, separator, b, joined) => joined ? a + separator + b : a);

    private static readonly Gen<string> Reference = Gen.Select(
        Gen.OneOf<string>("", "localhost/", "registry.example.com/", "10.0.0.1:5000/"),
        Component.Array[1, 3],
        Gen.OneOf(Gen.Const(""), Gen.String[Gen.Char["abcXYZ019_.-"], 1, 20].Where(t => t[0] is not ('.' or '-')).Select(t => ":" + t)),
        Gen.OneOf(Gen.Const(""), Gen.Byte.Array[32].Select(d => "@sha256:" + Convert.ToHexStringLower(d))),
        (domain, path, tag, digest) => domain + string.Join('/', path) + tag + digest);

    [Fact]
    public void Every_well_formed_reference_parses_and_prints_as_written()
    {
        Reference.Sample(text =>
        {
            var reference = ImageReference.Parse(text);

            Assert.Equal(text, reference.ToString());
        });
    }

    [Fact]
    public void Any_text_either_fails_with_a_reason_or_round_trips()
    {
        Gen.String[Gen.Char["aZ09:/@._-s"], 0, 40].Sample(text =>
        {
            if (ImageReference.TryParse(text, out var reference, out var problem))
            {
                Assert.Equal(reference, ImageReference.Parse(reference.ToString()));
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(problem));
            }
        });
    }
}
