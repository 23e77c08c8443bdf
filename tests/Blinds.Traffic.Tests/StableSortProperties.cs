using FsCheck.Xunit;

using Xunit;

namespace Blinds.Traffic.Tests;

/// <summary>The hand-written stable sort against LINQ's stable OrderBy, which it replaced on the start path.</summary>
public class StableSortProperties
{
    /// <summary>Keys from a small domain, so that ties are common; each item carries its position to show stability.</summary>
    [Property(MaxTest = 500)]
    public void Orders_as_OrderByDescending_and_keeps_ties_in_order(byte[] keys)
    {
        var items = keys.Select((k, i) => (Key: k % 7, Position: i)).ToArray();
        var expected = items.OrderByDescending(x => x.Key).ToArray();

        StableSort.Sort(items, static (x, y) => x.Key > y.Key);

        Assert.Equal(expected, items);
    }

    [Fact]
    public void Leaves_empty_and_single_arrays_alone()
    {
        var empty = Array.Empty<int>();
        StableSort.Sort(empty, static (x, y) => x > y);
        var one = new[] { 3 };
        StableSort.Sort(one, static (x, y) => x > y);
        Assert.Empty(empty);
        Assert.Equal([3], one);
    }
}
