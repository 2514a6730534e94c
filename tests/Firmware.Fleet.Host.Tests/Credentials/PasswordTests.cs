using System.Text;
using Firmware.Fleet.Host.Credentials;

namespace Firmware.Fleet.Host.Tests.Credentials;

[Trait("Category", "Unit")]
public sealed class PasswordTests
{
    // Written by Debian's mosquitto_passwd 2.0.11 (-c -b): dev1/"secret" and ctl/"p@ss:w$rd é".
    private static readonly string Golden = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "mosquitto_passwd.txt"));

    [Fact]
    public void Hashes_written_by_mosquitto_passwd_verify()
    {
        var file = PasswordFile.Parse(Golden, "mosquitto_passwd.txt");
        Assert.Equal(["dev1", "ctl"], file.Users);
        Assert.True(file.Verify("dev1", "secret"));
        Assert.True(file.Verify("ctl", "p@ss:w$rd é"));
        Assert.False(file.Verify("dev1", "Secret"));
        Assert.False(file.Verify("ctl", "secret"));
        Assert.False(file.Verify("nobody", "secret"));
    }

    [Fact]
    public void The_same_salt_and_count_give_mosquitto_passwd_s_exact_line()
    {
        var line = Golden.Split('\n')[0];
        var hash = line["dev1:".Length..];
        var salt = Convert.FromBase64String(hash.Split('$')[3]);
        Assert.Equal(hash, MosquittoPasswordHash.Create("secret", salt, 101));
    }

    [Fact]
    public void Fresh_hashes_round_trip_with_salt_and_count()
    {
        var hash = MosquittoPasswordHash.Create("pw");
        Assert.StartsWith("$7$1000$", hash, StringComparison.Ordinal);
        Assert.NotEqual(hash, MosquittoPasswordHash.Create("pw"));
        Assert.True(MosquittoPasswordHash.Verify("pw", hash));
        Assert.False(MosquittoPasswordHash.Verify("pW", hash));
        var file = PasswordFile.From([new("d1", hash)]);
        Assert.True(PasswordFile.Parse(file.Write(), "x").Verify("d1", "pw"));
    }

    [Theory]
    [InlineData("dev1\n", 1, "not USERNAME:HASH")]
    [InlineData("ok:$7$101$AAAA$AAAA\n", 1, "not a $7$")]
    [InlineData("a/b:$7$101$AMxzBJ9NfHlxCPFi$kYHpaihVVDET1wYeDzSv1OZdT80TnX4Df2SEpJrRqjHPPaRYpyE+G4VSeXhgqSPpC9rrcaIyuGTqIGuJl9fiSQ==\n", 1, "not a username")]
    [InlineData("d:$6$abc$def\n", 1, "not a $7$")]
    public void Malformed_lines_name_file_and_line(string text, int line, string message)
    {
        var e = Assert.Throws<CredentialFileException>(() => PasswordFile.Parse(text, "passwd"));
        Assert.Equal(line, e.Line);
        Assert.Equal("passwd", e.File);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_user_is_an_error_on_its_second_line()
    {
        var first = Golden.Split('\n')[0];
        var e = Assert.Throws<CredentialFileException>(() => PasswordFile.Parse(new StringBuilder().Append(first).Append('\n').Append(first).Append('\n').ToString(), "passwd"));
        Assert.Equal(2, e.Line);
    }
}
