using System.Text.Json;

namespace Blinds.Attacks.Identification;

/// <summary>
/// How unlike everything learned a device's traffic is (the open set's second test): the distance from its
/// standardised feature vector to the nearest training vector, as the share of training vectors whose own nearest
/// other training vector is closer (0: as close as the training's typical neighbours; 1: farther than any). A
/// classifier's probabilities say nothing about traffic this far from what it learned.
/// </summary>
public sealed class TrafficNovelty
{
    private readonly double[][] points;
    private readonly FeatureStandardisation standard;
    private readonly double[] neighbourDistances;

    /// <summary>Keeps the standardised training vectors and each one's distance to its nearest other.</summary>
    public TrafficNovelty(IReadOnlyList<float[]> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count < 2)
        {
            throw new ArgumentException("at least two training vectors", nameof(features));
        }

        standard = FeatureStandardisation.Fit(features);
        points = features.Select(standard.Apply).ToArray();
        neighbourDistances = points.Select((p, i) => Nearest(p, i)).Order().ToArray();
    }

    private TrafficNovelty(double[][] points, FeatureStandardisation standard)
    {
        (this.points, this.standard) = (points, standard);
        neighbourDistances = points.Select((p, i) => Nearest(p, i)).Order().ToArray();
    }

    /// <summary>0..1: the share of training vectors closer to their nearest neighbour than <paramref name="features"/> is to its.</summary>
    public double Score(float[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var distance = Nearest(standard.Apply(features), -1);
        var below = Array.BinarySearch(neighbourDistances, distance);
        var rank = below >= 0 ? below : ~below;
        return rank / (double)neighbourDistances.Length;
    }

    /// <summary>Writes the training vectors (standardised) and the standardisation, for a model file.</summary>
    public void Save(Stream output) => JsonSerializer.Serialize(output, new Dto { Mean = standard.Mean, Scale = standard.Scale, Points = points });

    /// <summary>Reads what <see cref="Save"/> wrote; throws <see cref="FormatException"/> naming <paramref name="path"/>.</summary>
    public static TrafficNovelty Read(Stream input, string path)
    {
        Dto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<Dto>(input);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }

        return dto is { Points.Length: >= 2 } && dto.Mean.Length == dto.Scale.Length && dto.Points.All(p => p.Length == dto.Mean.Length)
            ? new TrafficNovelty(dto.Points, FeatureStandardisation.Of(dto.Mean, dto.Scale))
            : throw new FormatException($"{path}: not a traffic novelty table");
    }

    private double Nearest(double[] q, int skip)
    {
        var best = double.PositiveInfinity;
        for (var i = 0; i < points.Length; i++)
        {
            if (i == skip)
            {
                continue;
            }

            double s = 0;
            var p = points[i];
            for (var j = 0; j < p.Length && s < best; j++)
            {
                s += (p[j] - q[j]) * (p[j] - q[j]);
            }

            best = Math.Min(best, s);
        }

        return best;
    }

    private sealed class Dto
    {
        public double[] Mean { get; set; } = [];

        public double[] Scale { get; set; } = [];

        public double[][] Points { get; set; } = [];
    }
}
