using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Blinds.Attacks.Identification;

/// <summary>The learner behind a <see cref="TrafficClassifier"/>.</summary>
public enum TrafficLearner
{
    /// <summary>ML.NET's LightGBM multiclass gradient boosting.</summary>
    LightGbm,

    /// <summary>ML.NET's FastTree boosted trees, one against all.</summary>
    FastTree,
}

/// <summary>
/// Devices told apart by their <see cref="TrafficProfile"/> feature vectors, with ML.NET's gradient-boosted trees
/// (LightGBM multiclass, or FastTree one-versus-all): trees need no scaling of features that mix shares, sizes
/// and logarithms, and cope with a few dozen captures a class. Seeded and single-threaded, so the same training
/// data gives the same model.
/// </summary>
public sealed class TrafficClassifier
{
    private readonly MLContext ml;
    private readonly ITransformer model;
    private readonly SchemaDefinition schema;
    private readonly PredictionEngine<Row, Output> engine;
    private readonly string[] classes;

    private TrafficClassifier(MLContext ml, ITransformer model, int features)
    {
        this.ml = ml;
        this.model = model;
        schema = Schema(features);
        engine = ml.Model.CreatePredictionEngine<Row, Output>(model, inputSchemaDefinition: schema);
        VBuffer<ReadOnlyMemory<char>> slots = default;
        engine.OutputSchema["Score"].GetSlotNames(ref slots);
        classes = slots.DenseValues().Select(s => s.ToString()).ToArray();
        Features = features;
    }

    /// <summary>Length of the feature vectors the model takes.</summary>
    public int Features { get; }

    /// <summary>The labels it tells apart.</summary>
    public IReadOnlyList<string> Classes => classes;

    /// <summary>Trains on one feature vector per observation (all the same length) with its label.</summary>
    public static TrafficClassifier Train(IReadOnlyList<float[]> features, IReadOnlyList<string> labels, TrafficLearner learner = TrafficLearner.LightGbm, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.Count != labels.Count || features.Count == 0)
        {
            throw new ArgumentException("one label per feature vector, and at least one", nameof(labels));
        }

        var n = features[0].Length;
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(features.Select((f, i) => new Row { Features = f, Label = labels[i] }), Schema(n));
        var toKey = ml.Transforms.Conversion.MapValueToKey(nameof(Row.Label));
        IEstimator<ITransformer> trainer = learner switch
        {
            TrafficLearner.LightGbm => ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                NumberOfIterations = 150,
                LearningRate = 0.1,
                NumberOfLeaves = 8,
                MinimumExampleCountPerLeaf = 2,
                NumberOfThreads = 1,
                Seed = seed,
                Silent = true,
            }),
            _ => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                NumberOfTrees = 60,
                NumberOfLeaves = 8,
                MinimumExampleCountPerLeaf = 2,
                NumberOfThreads = 1,
            })),
        };
        var model = toKey.Append(trainer).Fit(data);
        return new TrafficClassifier(ml, model, n);
    }

    /// <summary>Each label's probability for <paramref name="features"/> (summing to 1).</summary>
    public IReadOnlyDictionary<string, double> Probabilities(float[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Length != Features)
        {
            throw new ArgumentException($"{features.Length} features; the model takes {Features}", nameof(features));
        }

        var scores = engine.Predict(new Row { Features = features, Label = string.Empty }).Score ?? [];
        var sum = scores.Sum(s => Math.Max(0, (double)s));
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < classes.Length && i < scores.Length; i++)
        {
            result[classes[i]] = sum > 0 ? Math.Max(0, scores[i]) / sum : 1.0 / classes.Length;
        }

        return result;
    }

    /// <summary>Writes the model (ML.NET's own zip format).</summary>
    public void Save(Stream output) => ml.Model.Save(model, null, output);

    /// <summary>Reads a model written by <see cref="Save"/> for vectors of <paramref name="features"/> values.</summary>
    public static TrafficClassifier Load(Stream input, int features)
    {
        var ml = new MLContext(1);
        var model = ml.Model.Load(input, out _);
        return new TrafficClassifier(ml, model, features);
    }

    private static SchemaDefinition Schema(int features)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        return schema;
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        public string Label { get; set; } = string.Empty;
    }

    private sealed class Output
    {
        public float[]? Score { get; set; }
    }
}
