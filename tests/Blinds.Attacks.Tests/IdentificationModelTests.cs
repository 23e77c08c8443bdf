using System.IO.Compression;

using Blinds.Attacks.Identification;

using Xunit;

namespace Blinds.Attacks.Tests;

/// <summary>The model file of `fingerprint learn --model`: a round trip, and a model from another version refused.</summary>
public class IdentificationModelTests
{
    private static IdentificationModel Model()
    {
        var signatures = new NameSignatures();
        signatures.Learn("cam", DeviceNames.FromNames(["api.cam.com"]));
        signatures.Learn("plug", DeviceNames.FromNames(["api.plug.com"]));
        var n = TrafficProfile.FeatureNames.Count;
        var rng = new Random(3);
        var x = new List<float[]>();
        var y = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var f = new float[n];
            for (var j = 0; j < n; j++)
            {
                f[j] = (float)rng.NextDouble() + (i % 2 == 0 ? 0 : 5);
            }

            x.Add(f);
            y.Add(i % 2 == 0 ? "cam" : "plug");
        }

        return new IdentificationModel(signatures, TrafficClassifier.Train(x, y), SharedMacGroups.FromSets([["cam", "hub"]]), new TrafficNovelty(x));
    }

    [Fact]
    public void A_model_survives_a_round_trip()
    {
        var path = Path.GetTempFileName();
        try
        {
            var model = Model();
            using (var f = File.Create(path))
            {
                model.Save(f);
            }

            var loaded = IdentificationModel.Load(path);
            Assert.Equal("cam", loaded.Signatures.Identify(DeviceNames.FromNames(["api.cam.com"])).Label);
            var probe = Enumerable.Repeat(5.5f, TrafficProfile.FeatureNames.Count).ToArray();
            Assert.Equal(model.Traffic!.Probabilities(probe), loaded.Traffic!.Probabilities(probe));
            Assert.True(loaded.Traffic.Probabilities(probe)["plug"] > 0.5);
            Assert.Equal(["hub"], loaded.Groups["cam"]);
            Assert.Equal(["cam"], loaded.Groups["hub"]);
            Assert.Equal(model.Novelty!.Score(probe), loaded.Novelty!.Score(probe));
            Assert.Equal(1.0, loaded.Novelty.Score(Enumerable.Repeat(1000f, TrafficProfile.FeatureNames.Count).ToArray()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_model_from_another_version_or_not_a_model_is_refused_naming_the_file()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var f = File.Create(path))
            {
                Model().Save(f);
            }

            using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
            {
                zip.GetEntry("blinds-model.json")!.Delete();
                using var w = new StreamWriter(zip.CreateEntry("blinds-model.json").Open());
                w.Write("""{"Format":"blinds-identification-model","Version":99,"Features":["a"],"HasTraffic":true}""");
            }

            var e = Assert.Throws<FormatException>(() => IdentificationModel.Load(path));
            Assert.StartsWith(path + ": a model from another Blinds version", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
            File.WriteAllText(path, "mac,name\n");
            Assert.StartsWith(path + ": not a Blinds model", Assert.Throws<FormatException>(() => IdentificationModel.Load(path)).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
