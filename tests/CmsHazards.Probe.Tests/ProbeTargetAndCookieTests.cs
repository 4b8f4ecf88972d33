using CmsHazards.Cli.Probe;
using Xunit;

namespace CmsHazards.Probe.Tests;

/// <summary>The endpoint the client derives from the site's address, and which cookies a browser would send to it.</summary>
public class ProbeTargetAndCookieTests
{
    [Theory]
    [InlineData("https://edit.example.com/", null, null, "wss://edit.example.com/EPiServer/Shell/socket/endpoint/", "https://edit.example.com")]
    [InlineData("https://edit.example.com", null, null, "wss://edit.example.com/EPiServer/Shell/socket/endpoint/", "https://edit.example.com")]
    [InlineData("http://edit.example.com:8080/", null, null, "ws://edit.example.com:8080/EPiServer/Shell/socket/endpoint/", "http://edit.example.com:8080")]
    [InlineData("https://edit.example.com/", "/secret/cms", null, "wss://edit.example.com/secret/cms/Shell/socket/endpoint/", "https://edit.example.com")]
    [InlineData("https://edit.example.com/", "/secret/cms/", "/custom/socket", "wss://edit.example.com/custom/socket", "https://edit.example.com")]
    [InlineData("wss://edit.example.com:443/", null, null, "wss://edit.example.com/EPiServer/Shell/socket/endpoint/", "https://edit.example.com")]
    public void The_endpoint_is_the_site_with_ws_for_http_and_the_shell_route_under_the_root(string url, string? root, string? path, string endpoint, string origin)
    {
        var target = ProbeTarget.Create(url, root, path, out var problem);

        Assert.Null(problem);
        Assert.Equal(endpoint, target!.Endpoint.AbsoluteUri);
        Assert.Equal(origin, target.Origin);
    }

    private static ProbeTarget Target(string url) => ProbeTarget.Create(url, null, null, out _)!;

    [Fact]
    public void A_Netscape_file_sends_the_HttpOnly_session_and_only_cookies_for_the_host_path_and_scheme()
    {
        var file = string.Join("\r\n",
            "# Netscape HTTP Cookie File",
            "#HttpOnly_edit.example.com\tFALSE\t/\tTRUE\t0\t.AspNetCore.Identity.Application\tsession-one",
            ".example.com\tTRUE\t/\tFALSE\t0\tARRAffinity\taffinity-two",
            "edit.example.com\tFALSE\t/Util/\tFALSE\t0\tlogin-page\tpath-three",
            "other.example.org\tFALSE\t/\tFALSE\t0\tforeign\tforeign-four",
            "# a comment",
            "");

        var cookie = EditorCookie.Read(file, Target("https://edit.example.com/"), DateTimeOffset.UtcNow, out var problem);

        Assert.Null(problem);
        Assert.Equal(".AspNetCore.Identity.Application=session-one; ARRAffinity=affinity-two", cookie!.Header);
        Assert.Equal(2, cookie.Count);
        Assert.Equal("cookies in the file not sent: 2 for another host, path or scheme", cookie.Note);
        Assert.Equal(new[] { "session-one", "affinity-two", "path-three", "foreign-four" }, cookie.Secrets);
    }

    [Fact]
    public void A_secure_cookie_is_not_sent_over_plain_ws()
    {
        var file = "#HttpOnly_edit.example.com\tFALSE\t/\tTRUE\t0\tsession\tsecure-only";

        var cookie = EditorCookie.Read(file, Target("http://edit.example.com/"), DateTimeOffset.UtcNow, out var problem);

        Assert.Null(cookie);
        Assert.Equal("no cookie in the cookie file is for edit.example.com (1 for another host, path or scheme); export the cookies of a browser logged in to that site as an editor.", problem);
    }

    [Theory]
    [InlineData("Cookie: a=1; .EPiServerLogin=abc==\n", "a=1; .EPiServerLogin=abc==")]
    [InlineData("a=1;b=2", "a=1; b=2")]
    [InlineData("  cookie:   session=x  ", "session=x")]
    public void A_Cookie_header_value_is_sent_as_it_is_with_or_without_the_header_name(string file, string header)
    {
        var cookie = EditorCookie.Read(file, Target("https://edit.example.com/"), DateTimeOffset.UtcNow, out var problem);

        Assert.Null(problem);
        Assert.Equal(header, cookie!.Header);
    }

    [Theory]
    [InlineData("", "the cookie file is empty; put the editor's Cookie header value (name=value; ...) or a Netscape cookie file in it.")]
    [InlineData("just-a-token", "the cookie file is neither a Netscape cookie file nor a Cookie header value (name=value; name2=value2).")]
    public void A_file_that_is_no_cookie_is_refused(string file, string expected)
    {
        var cookie = EditorCookie.Read(file, Target("https://edit.example.com/"), DateTimeOffset.UtcNow, out var problem);

        Assert.Null(cookie);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Redaction_replaces_secrets_and_leaves_short_flags_that_are_no_secret()
    {
        var text = ProbeReport.Redact("Location: /login?c=s3cr3t-v4lue&x=true", new[] { "s3cr3t-v4lue", "true" });

        Assert.Equal("Location: /login?c=(cookie value not shown)&x=true", text);
    }
}
