using Blinds.Attacks.Identification;

using Xunit;

namespace Blinds.Attacks.Tests;

public class RegisteredDomainTests
{
    [Theory]
    [InlineData("p2p.amcrestcloud.com", "amcrestcloud.com")]
    [InlineData("amcrestcloud.com", "amcrestcloud.com")]
    [InlineData("uk.pool.ntp.org", "ntp.org")]
    [InlineData("www.bbc.co.uk", "bbc.co.uk")]
    [InlineData("a.b.example.com.au", "example.com.au")]
    [InlineData("time.hello.is", "hello.is")]
    [InlineData("trailing.dot.net.", "dot.net")]
    [InlineData("x.abc.io", "abc.io")] // the old two-letter rule took "abc" for a second-level suffix
    [InlineData("www.bl.uk", "bl.uk")]
    [InlineData("foo.bar.kobe.jp", "foo.bar.kobe.jp")] // *.kobe.jp
    [InlineData("www.city.kobe.jp", "city.kobe.jp")] // !city.kobe.jp
    [InlineData("d111.cloudfront.net", "cloudfront.net")] // the private section is not used
    [InlineData("Devs.TPLinkCloud.COM", "tplinkcloud.com")]
    [InlineData("co.uk", null)]
    [InlineData("localhost", null)]
    [InlineData("_hue._tcp.local", null)]
    [InlineData("1.1.168.192.in-addr.arpa", null)]
    public void Of(string name, string? expected) => Assert.Equal(expected, RegisteredDomain.Of(name));

    [Fact]
    public void The_shipped_list_is_the_whole_icann_section()
    {
        Assert.InRange(PublicSuffixList.Shipped.Count, 6_000, 12_000);
    }

    [Fact]
    public void Private_rules_apply_only_when_asked_for()
    {
        const string text = "// ===BEGIN ICANN DOMAINS===\nnet\n// ===END ICANN DOMAINS===\n// ===BEGIN PRIVATE DOMAINS===\ncloudfront.net\n";
        Assert.Equal("cloudfront.net", PublicSuffixList.Parse(new StringReader(text)).RegistrableDomain("d1.cloudfront.net"));
        Assert.Equal("d1.cloudfront.net", PublicSuffixList.Parse(new StringReader(text), includePrivate: true).RegistrableDomain("d1.cloudfront.net"));
    }

    [Fact]
    public void Clouds_are_shared_and_makers_are_not()
    {
        Assert.True(RegisteredDomain.IsShared("amazonaws.com"));
        Assert.False(RegisteredDomain.IsShared("dropcam.com"));
    }

    [Fact]
    public void A_new_server_of_a_known_maker_gets_half_credit_and_a_shared_cloud_none()
    {
        var signatures = new NameSignatures();
        signatures.Learn("cam", DeviceNames.FromNames(["a.dropcam.com"]));
        signatures.Learn("plug", DeviceNames.FromNames(["x.us-east-1.elb.amazonaws.com"]));
        Assert.Equal(("cam", 0.5), signatures.Identify(DeviceNames.FromNames(["b.dropcam.com"])));
        Assert.Null(signatures.Identify(DeviceNames.FromNames(["y.us-east-1.elb.amazonaws.com"])).Label);
    }
}
