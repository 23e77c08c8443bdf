using System.Runtime.CompilerServices;

namespace Blinds.Traffic;

/// <summary>
/// A hash table for the trace's per-packet lookups (devices, streams, flows): open addressing (linear probing over a
/// power-of-two index) into a dense entry array that keeps Dictionary's order: entries in insertion order, removed
/// ones reused last-freed first, so enumerating it gives exactly what enumerating a <see cref="Dictionary{TKey,TValue}"/>
/// fed the same operations gives (property-tested against it).
/// </summary>
/// <remarks>
/// Hand-written, not a <see cref="Dictionary{TKey,TValue}"/>, for two reasons. Start-up: ReadyToRun compiles each
/// assembly on its own and cannot pregenerate the framework's generic collections instantiated over this assembly's
/// key structs, so every Dictionary/HashSet over them was JIT-compiled at start (about 70 ms of a one-packet
/// <c>summary</c>); a generic type defined here, instantiated over key types defined here, is precompiled with the
/// assembly. Per packet: the caller passes the hash it already computed for its direct-mapped cache (no hashing
/// twice), keys are compared with their own <see cref="IEquatable{T}.Equals(T)"/> through the struct constraint (no
/// boxing, no EqualityComparer), and a miss followed by an add probes once for the lookup and once for the free slot.
/// Keys must be structs defined in Blinds.Traffic (wrap a foreign key in one, as <see cref="DeviceKey"/> does).
/// </remarks>
internal sealed class KeyedTable<TKey, TValue>
    where TKey : struct, IEquatable<TKey>
{
    private const int Live = -2;

    // 0 = empty, otherwise the entry's index + 1. At most half full, so probes stay short.
    private int[] slots;
    private int shift;
    private Entry[] entries;
    private int used;          // entries handed out (live or freed)
    private int freeList = -1; // last freed entry, chained through Entry.Next
    private int freeCount;

    /// <summary>Creates an empty table.</summary>
    public KeyedTable(int capacity = 8)
    {
        var size = 16;
        while (size < capacity * 2)
        {
            size <<= 1;
        }

        slots = new int[size];
        shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
        entries = new Entry[Math.Max(capacity, 4)];
    }

    /// <summary>Live entries.</summary>
    public int Count => used - freeCount;

    /// <summary>Looks <paramref name="key"/> up (hashing it).</summary>
    public bool TryGetValue(in TKey key, out TValue value) => TryGetValue(key, key.GetHashCode(), out value);

    /// <summary>Looks <paramref name="key"/> up with the hash the caller already has (<c>key.GetHashCode()</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(in TKey key, int hash, out TValue value)
    {
        var i = Find(key, hash);
        if (i < 0)
        {
            value = default!;
            return false;
        }

        value = entries[i].Value;
        return true;
    }

    /// <summary>True when <paramref name="key"/> is present.</summary>
    public bool ContainsKey(in TKey key) => Find(key, key.GetHashCode()) >= 0;

    /// <summary>The value of a key that must be present.</summary>
    public TValue this[in TKey key] => Find(key, key.GetHashCode()) is var i and >= 0 ? entries[i].Value : throw new KeyNotFoundException();

    /// <summary>Adds a key that must be absent (hashing it).</summary>
    public void Add(in TKey key, TValue value) => Add(key, key.GetHashCode(), value);

    /// <summary>Adds a key that must be absent, with its hash (<c>key.GetHashCode()</c>).</summary>
    public void Add(in TKey key, int hash, TValue value)
    {
        if (Find(key, hash) >= 0)
        {
            throw new ArgumentException("the key is already present", nameof(key));
        }

        int index;
        if (freeCount > 0)
        {
            index = freeList;
            freeList = entries[index].Next;
            freeCount--;
        }
        else
        {
            if (used == entries.Length)
            {
                Array.Resize(ref entries, entries.Length * 2);
            }

            index = used++;
        }

        entries[index] = new Entry { Key = key, Value = value, Hash = hash, Next = Live };
        if ((Count * 2) > slots.Length)
        {
            Rehash(slots.Length * 2);
        }
        else
        {
            Place(hash, index);
        }
    }

    /// <summary>Removes <paramref name="key"/>; false when it was absent.</summary>
    public bool Remove(in TKey key, out TValue value)
    {
        var hash = key.GetHashCode();
        var mask = slots.Length - 1;
        var s = Home(hash);
        while (true)
        {
            var e = slots[s];
            if (e == 0)
            {
                value = default!;
                return false;
            }

            ref var entry = ref entries[e - 1];
            if (entry.Hash == hash && entry.Key.Equals(key))
            {
                value = entry.Value;
                entry = new Entry { Next = freeList };
                freeList = e - 1;
                freeCount++;
                Unplace(s);
                return true;
            }

            s = (s + 1) & mask;
        }
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        Array.Clear(slots);
        Array.Clear(entries, 0, used);
        used = 0;
        freeList = -1;
        freeCount = 0;
    }

    /// <summary>Enumerates the live entries in Dictionary's order.</summary>
    public Enumerator GetEnumerator() => new(this);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(int hash) => (int)(((ulong)(uint)hash * 0x9E3779B97F4A7C15UL) >> shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(in TKey key, int hash)
    {
        var slotsLocal = slots;
        var mask = slotsLocal.Length - 1;
        var s = Home(hash);
        while (true)
        {
            var e = slotsLocal[s];
            if (e == 0)
            {
                return -1;
            }

            ref var entry = ref entries[e - 1];
            if (entry.Hash == hash && entry.Key.Equals(key))
            {
                return e - 1;
            }

            s = (s + 1) & mask;
        }
    }

    private void Place(int hash, int index)
    {
        var mask = slots.Length - 1;
        var s = Home(hash);
        while (slots[s] != 0)
        {
            s = (s + 1) & mask;
        }

        slots[s] = index + 1;
    }

    // Backward-shift deletion: later members of the probe run move up into the hole, so no tombstones are needed.
    private void Unplace(int hole)
    {
        var mask = slots.Length - 1;
        slots[hole] = 0;
        var s = (hole + 1) & mask;
        while (slots[s] is var e and not 0)
        {
            var home = Home(entries[e - 1].Hash);
            // The entry at s may fill the hole when its home is not cyclically within (hole, s].
            if (((s - home) & mask) >= ((s - hole) & mask))
            {
                slots[hole] = e;
                slots[s] = 0;
                hole = s;
            }

            s = (s + 1) & mask;
        }
    }

    private void Rehash(int size)
    {
        slots = new int[size];
        shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
        for (var i = 0; i < used; i++)
        {
            if (entries[i].Next == Live)
            {
                Place(entries[i].Hash, i);
            }
        }
    }

    /// <summary>One entry; <see cref="Next"/> is <c>Live</c> for live ones, else the next freed entry.</summary>
    internal struct Entry
    {
        /// <summary>The key.</summary>
        public TKey Key;

        /// <summary>The value.</summary>
        public TValue Value;

        /// <summary>The key's hash.</summary>
        public int Hash;

        /// <summary>Live, or the next entry of the free list.</summary>
        public int Next;
    }

    /// <summary>Enumerates live entries by reference (no copy of the key).</summary>
    internal struct Enumerator
    {
        private readonly KeyedTable<TKey, TValue> table;
        private int index;

        internal Enumerator(KeyedTable<TKey, TValue> table)
        {
            this.table = table;
            index = -1;
        }

        /// <summary>The current entry.</summary>
        public readonly ref readonly Entry Current => ref table.entries[index];

        /// <summary>Moves to the next live entry.</summary>
        public bool MoveNext()
        {
            while (++index < table.used)
            {
                if (table.entries[index].Next == Live)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>A station's MAC as a key of this assembly (see <see cref="KeyedTable{TKey,TValue}"/> for why).</summary>
internal readonly struct DeviceKey(ulong mac) : IEquatable<DeviceKey>
{
    /// <summary>The MAC's 48 bits.</summary>
    public ulong Mac { get; } = mac;

    /// <inheritdoc/>
    public bool Equals(DeviceKey other) => Mac == other.Mac;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DeviceKey k && Equals(k);

    /// <inheritdoc/>
    public override int GetHashCode() => (int)(Mac ^ (Mac >> 32));
}
