using Blinds.Attacks.Leaks;
using Blinds.Capture;
using Blinds.Reports.Export;
using Blinds.Testing;
using Blinds.Traffic;
using Blinds.Traffic.Flows;
using Blinds.Traffic.Records;

using FsCheck.Xunit;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>Credentials in plain HTTP are redacted each on its own, wherever in the request they travel.</summary>
public class SecretTests
{
    private const string SecretAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789-._~!$'()*+,:%";

    private static readonly string[] SecretNames = ["password", "PASSWORD", "passwd", "pwd", "pass", "api_key", "apikey", "access_token", "token", "secret", "client_secret", "auth", "sig", "session", "sessionid", "jsessionid", "sid", "otp", "pin", "credential"];

    /// <summary>
    /// One request carrying a random subset of credential patterns (user information in an absolute URL, credential
    /// parameters in the path, query and fragment, an Authorization header), each with its own random secret among
    /// harmless parameters: no secret appears in the leak evidence or in any column of the exported http table.
    /// </summary>
    [Property(MaxTest = 300)]
    public void No_generated_secret_survives_redaction(int seed)
    {
        var (request, secrets) = Request(new Random(seed));
        var sink = new HttpRows();
        var builder = new TraceBuilder(sink: sink);
        using (var reader = CaptureReader.Open(new MemoryStream(HostileCaptures.HttpRequests(request)), builder.Log, "http"))
        {
            builder.Read(reader);
        }

        var trace = builder.Build();
        var row = Assert.Single(sink.Rows);
        var outputs = LeakFinder.Find(trace).Select(l => l.Evidence).ToList();
        outputs.AddRange(Tables.Http(showSecrets: false).Columns.Where(c => c.Text is not null).Select(c => c.Text!(row) ?? string.Empty));
        Assert.NotEmpty(LeakFinder.Find(trace));
        foreach (var secret in secrets)
        {
            Assert.All(outputs, o => Assert.DoesNotContain(secret, o, StringComparison.Ordinal));
        }

        // --show-secrets shows them all: the test would see a secret that survived.
        var shown = string.Join('\n', LeakFinder.Find(trace, showSecrets: true).Select(l => l.Evidence).Concat(Tables.Http(showSecrets: true).Columns.Where(c => c.Text is not null).Select(c => c.Text!(row))));
        Assert.All(secrets, s => Assert.Contains(s, shown, StringComparison.Ordinal));
    }

    [Fact]
    public void A_password_in_the_url_is_redacted_beside_an_authorization_header()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("http.pcap"), HostileCaptures.HttpRequests("GET /login?user=admin&password=hunter2 HTTP/1.1\r\nHost: cam.local\r\nAuthorization: Basic YWRtaW46aHVudGVyMg==\r\n\r\n"));
        string[][] runs =
        [
            ["identify", "http.pcap"],
            ["identify", "http.pcap", "--json"],
            ["audit", "http.pcap", "--out", "report"],
            ["export", "http.pcap", "--to", "csv", "--out", "tables"],
        ];
        foreach (var args in runs)
        {
            var r = CliRunner.Run(dir.Path, args);
            Assert.True(r.ExitCode == 0, $"{args[0]}: exit {r.ExitCode}: {r.Stderr}");
            Assert.DoesNotContain("hunter2", r.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("YWRtaW46aHVudGVyMg", r.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("/login?user=admin&password=[redacted]", CliRunner.Run(dir.Path, "identify", "http.pcap", "--json").Stdout, StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(dir.File("report")).Concat(Directory.EnumerateFiles(dir.File("tables"))))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
            Assert.DoesNotContain("YWRtaW46aHVudGVyMg", text, StringComparison.Ordinal);
        }
    }

    private static (string Request, List<string> Secrets) Request(Random rng)
    {
        var secrets = new List<string>();
        string Secret()
        {
            var s = new string(Enumerable.Range(0, rng.Next(8, 25)).Select(_ => SecretAlphabet[rng.Next(SecretAlphabet.Length)]).ToArray());
            secrets.Add(s);
            return s;
        }

        string Name() => SecretNames[rng.Next(SecretNames.Length)];
        bool Maybe() => rng.Next(10) < 6;

        var target = new System.Text.StringBuilder();
        if (Maybe())
        {
            target.Append("http://").Append(rng.Next(2) == 0 ? "admin" : Secret()).Append(':').Append(Secret()).Append("@cam.local");
        }

        target.Append("/api/v").Append(rng.Next(1, 4));
        if (Maybe())
        {
            target.Append(';').Append(Name()).Append('=').Append(Secret());
        }

        target.Append("/status");
        var query = new List<string>();
        for (var i = rng.Next(0, 3); i > 0; i--)
        {
            query.Add($"page={rng.Next(100)}");
        }

        for (var i = rng.Next(Maybe() ? 1 : 0, 4); i > 0; i--)
        {
            query.Insert(rng.Next(query.Count + 1), $"{Name()}={Secret()}");
        }

        if (query.Count > 0)
        {
            target.Append('?').Append(string.Join('&', query));
        }

        if (Maybe())
        {
            target.Append('#').Append(Name()).Append('=').Append(Secret());
        }

        var head = new System.Text.StringBuilder($"GET {target} HTTP/1.1\r\nHost: cam.local\r\n");
        if (Maybe() || secrets.Count == 0)
        {
            head.Append("Authorization: ").Append(rng.Next(3) switch { 0 => "Basic ", 1 => "Bearer ", _ => string.Empty }).Append(Secret()).Append("\r\n");
        }

        return (head.Append("\r\n").ToString(), secrets);
    }

    private sealed class HttpRows : ITraceSink
    {
        public List<HttpRow> Rows { get; } = [];

        public void OnPacket(in PacketRow row)
        {
        }

        public void OnFlow(FlowRecord flow)
        {
        }

        public void OnDns(DnsRow row)
        {
        }

        public void OnDhcp(DhcpRow row)
        {
        }

        public void OnTls(TlsRow row)
        {
        }

        public void OnHttp(HttpRow row) => Rows.Add(row);

        public void OnSsdp(SsdpRow row)
        {
        }
    }
}
