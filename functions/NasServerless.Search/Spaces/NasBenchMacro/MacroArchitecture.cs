namespace NasServerless.Search.Spaces.NasBenchMacro;

/// <summary>
/// A NAS-Bench-Macro architecture: one choice per searchable layer, written as its 8-digit key
/// (0 identity, 1 MBConv k3 e3, 2 MBConv k5 e6), which is also its canonical form and id.
/// </summary>
public readonly record struct MacroArchitecture
{
    public const int Positions = 8;
    public const int Choices = 3;

    public MacroArchitecture(string key)
    {
        if (!IsValidKey(key))
            throw new FormatException($"'{key}' is not a NAS-Bench-Macro architecture: expected {Positions} digits, each 0, 1 or 2.");
        Key = key;
    }

    public string Key { get; }

    public int this[int position] => Key[position] - '0';

    public MacroArchitecture With(int position, int choice)
    {
        var chars = Key.ToCharArray();
        chars[position] = (char)('0' + choice);
        return new MacroArchitecture(new string(chars));
    }

    public static bool IsValidKey(string? key) => key is { Length: Positions } && key.All(c => c is >= '0' and <= '2');

    public override string ToString() => Key;
}
