using FsCheck.Xunit;

using Xunit;

namespace Blinds.Traffic.Tests;

/// <summary>The trace's hand-written table against the Dictionary it replaced, on random operation sequences.</summary>
public class KeyedTableProperties
{
    /// <summary>A key whose hash collides on purpose (a few distinct hashes for many keys): long probe runs, and
    /// removals in the middle of them, which is where backward-shift deletion can go wrong.</summary>
    private readonly struct Crowded(int value) : IEquatable<Crowded>
    {
        public int Value { get; } = value;

        public bool Equals(Crowded other) => Value == other.Value;

        public override bool Equals(object? obj) => obj is Crowded c && Equals(c);

        public override int GetHashCode() => Value % 5;
    }

    /// <summary>Op: 0-4 add (when absent) or overwrite-check, 5-6 remove, 7 lookup, 8 clear (rarely); the key from a small domain.</summary>
    [Property(MaxTest = 500)]
    public void Behaves_as_a_dictionary_with_colliding_keys((byte Op, byte Key)[] ops) =>
        Check(ops, k => new Crowded(k % 40));

    [Property(MaxTest = 300)]
    public void Behaves_as_a_dictionary_with_device_keys((byte Op, byte Key)[] ops) =>
        Check(ops, k => new DeviceKey(0x0011_2233_4400UL + (ulong)(k % 64)));

    [Fact]
    public void Grows_past_many_rehashes_and_finds_everything()
    {
        var table = new KeyedTable<DeviceKey, string>();
        var reference = new Dictionary<DeviceKey, string>();
        for (var i = 0; i < 20_000; i++)
        {
            var k = new DeviceKey((ulong)i * 0x10001UL);
            table.Add(k, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            reference.Add(k, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (i % 3 == 0)
            {
                var gone = new DeviceKey((ulong)(i / 2) * 0x10001UL);
                Assert.Equal(reference.Remove(gone, out var a), table.Remove(gone, out var b));
                Assert.Equal(a, b);
            }
        }

        AssertSame(reference, table);
        Assert.Throws<ArgumentException>(() => table.Add(new DeviceKey(19_999UL * 0x10001UL), "again"));
    }

    private static void Check<TKey>((byte Op, byte Key)[] ops, Func<byte, TKey> key)
        where TKey : struct, IEquatable<TKey>
    {
        var table = new KeyedTable<TKey, string>(capacity: 2);
        var reference = new Dictionary<TKey, string>();
        var n = 0;
        foreach (var (op, raw) in ops)
        {
            var k = key(raw);
            switch (op % 10)
            {
                case < 5:
                    Assert.Equal(reference.ContainsKey(k), table.ContainsKey(k));
                    if (!reference.ContainsKey(k))
                    {
                        var v = $"v{n++}";
                        reference.Add(k, v);
                        table.Add(k, k.GetHashCode(), v);
                    }

                    break;
                case < 7:
                    Assert.Equal(reference.Remove(k, out var a), table.Remove(k, out var b));
                    Assert.Equal(a, b);
                    break;
                case < 9:
                    Assert.Equal(reference.TryGetValue(k, out var x), table.TryGetValue(k, out var y));
                    Assert.Equal(x, y);
                    break;
                default:
                    if (raw % 8 == 0)
                    {
                        reference.Clear();
                        table.Clear();
                    }

                    break;
            }

            Assert.Equal(reference.Count, table.Count);
        }

        AssertSame(reference, table);
    }

    // Same entries, in the same enumeration order (the trace's output order depends on it).
    private static void AssertSame<TKey>(Dictionary<TKey, string> reference, KeyedTable<TKey, string> table)
        where TKey : struct, IEquatable<TKey>
    {
        var got = new List<KeyValuePair<TKey, string>>();
        foreach (ref readonly var e in table)
        {
            got.Add(new(e.Key, e.Value));
        }

        Assert.Equal(reference.ToList(), got);
        foreach (var (k, v) in reference)
        {
            Assert.True(table.TryGetValue(k, out var found));
            Assert.Equal(v, found);
            Assert.Equal(v, table[k]);
        }
    }
}
