using Firmware.Image.Packages;
using Firmware.Image.Runtime;
using Firmware.Image.Spec;

namespace Firmware.Image.Tests.Runtime;

[Trait("Category", "Unit")]
public sealed class MobyConfigLabelTests
{
    [Fact]
    public void Every_option_survives_writing_and_reading_back()
    {
        var config = PackageDefinitionReader.Parse(Fixture.Text("pkg-full.yml"), "pkg-full.yml").Config;

        var written = MobyConfigLabel.Write(config);
        var again = MobyConfigLabel.Write(MobyConfigLabel.Parse(written, "label"));

        Assert.Equal(written, again);
        Assert.StartsWith("""{"capabilities":["CAP_NET_ADMIN","CAP_NET_RAW"],"capabilities.add":["CAP_SYS_TIME"]""", written, StringComparison.Ordinal);
        Assert.Contains("\"resources\":{\"devices\":[{\"allow\":false,\"access\":\"rwm\"}", written, StringComparison.Ordinal);
        Assert.Contains("\"rlimits\":[\"RLIMIT_NOFILE,1024,4096\",\"RLIMIT_CORE,0,unlimited\"]", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_options_write_an_empty_object()
    {
        Assert.Equal("{}", MobyConfigLabel.Write(RuntimeOptions.Empty));
    }

    [Fact]
    public void A_label_is_decoded_as_strictly_as_a_spec()
    {
        var unknown = Assert.Throws<SpecException>(() => MobyConfigLabel.Parse("""{"capabilities":["CAP_KILL"],"name":"x"}""", "fw/s:1 label"));
        var invalid = Assert.Throws<SpecException>(() => MobyConfigLabel.Parse("""{"capabilities":["CAP_KIL"]}""", "fw/s:1 label"));

        Assert.Equal((SpecError.UnknownKey, "name", 1, 30), (unknown.Error, unknown.Key, unknown.Line, unknown.Column));
        Assert.Equal((SpecError.InvalidCapability, "capabilities[0]"), (invalid.Error, invalid.Key));
        Assert.StartsWith("fw/s:1 label:1:", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_without_the_label_have_no_options()
    {
        Assert.Same(RuntimeOptions.Empty, MobyConfigLabel.Of(new Dictionary<string, string> { ["other"] = "x" }, "fw/s:1"));
        Assert.Same(RuntimeOptions.Empty, MobyConfigLabel.Of(new Dictionary<string, string> { [MobyConfigLabel.Key] = "" }, "fw/s:1"));
    }
}
