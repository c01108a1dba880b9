namespace NasServerless.Host.Durable;

/// <summary>DTFx's converter contract over the Durable Task SDK's System.Text.Json converter, which the shim uses inside orchestrations.</summary>
internal sealed class ShimDataConverter(Microsoft.DurableTask.DataConverter inner) : DurableTask.Core.Serializing.DataConverter
{
    public override string? Serialize(object? value) => inner.Serialize(value);

    public override string? Serialize(object? value, bool formatted) => inner.Serialize(value);

    public override object? Deserialize(string? data, Type objectType) => inner.Deserialize(data, objectType);
}
