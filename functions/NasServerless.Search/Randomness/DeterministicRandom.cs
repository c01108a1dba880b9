namespace NasServerless.Search.Randomness;

/// <summary>
/// xoshiro256** generator with an explicit, platform-independent algorithm, so that the same seed
/// gives the same search on every machine and .NET version (System.Random's algorithm is not a contract).
/// Streams are derived from (search seed, island, generation, purpose): see <see cref="For"/>.
/// </summary>
public sealed class DeterministicRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public DeterministicRandom(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix64(ref sm);
        _s1 = SplitMix64(ref sm);
        _s2 = SplitMix64(ref sm);
        _s3 = SplitMix64(ref sm);
    }

    /// <summary>The generator for one purpose at one point of a search; independent of call order elsewhere.</summary>
    public static DeterministicRandom For(long searchSeed, int island, int generation, string purpose)
    {
        var h = 0xcbf29ce484222325UL;
        foreach (var c in purpose)
        {
            h ^= c;
            h *= 0x100000001b3UL;
        }
        var key = (ulong)searchSeed;
        key = Mix(key ^ Mix((ulong)(uint)island + 0x9E3779B97F4A7C15UL));
        key = Mix(key ^ Mix((ulong)(uint)generation + 0xC2B2AE3D27D4EB4FUL));
        key = Mix(key ^ h);
        return new DeterministicRandom(key);
    }

    /// <summary>A child stream, e.g. one per candidate, derived from this generator's next output.</summary>
    public DeterministicRandom Fork() => new(NextUInt64());

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, maxExclusive), unbiased (Lemire's method with rejection).</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "must be positive");
        var range = (ulong)maxExclusive;
        var threshold = (0UL - range) % range;
        while (true)
        {
            var r = NextUInt64();
            var product = Math.BigMul(r, range, out var low);
            if (low >= threshold) return (int)product;
        }
    }

    /// <summary>Uniform integer in [minInclusive, maxInclusive].</summary>
    public int NextInt(int minInclusive, int maxInclusive)
    {
        if (maxInclusive < minInclusive) throw new ArgumentOutOfRangeException(nameof(maxInclusive));
        return minInclusive + NextInt(maxInclusive - minInclusive + 1);
    }

    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items)
    {
        if (items.Count == 0) throw new ArgumentException("cannot pick from an empty list", nameof(items));
        return items[NextInt(items.Count)];
    }

    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Standard normal (Box–Muller).</summary>
    public double NextGaussian()
    {
        double u1;
        do { u1 = NextDouble(); } while (u1 <= double.Epsilon);
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
