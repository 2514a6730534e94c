using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Firmware.Image.Decoding;

/// <summary>A property descriptor that records where its key was written when the value is assigned.</summary>
internal sealed class KeyedProperty(IPropertyDescriptor inner, string key, Mark keyStart, SourceMap map) : IPropertyDescriptor
{
    public string Name => inner.Name;

    public bool AllowNulls => inner.AllowNulls;

    public bool CanWrite => inner.CanWrite;

    public Type Type => inner.Type;

    public Type? TypeOverride { get => inner.TypeOverride; set => inner.TypeOverride = value; }

    public int Order { get => inner.Order; set => inner.Order = value; }

    public ScalarStyle ScalarStyle { get => inner.ScalarStyle; set => inner.ScalarStyle = value; }

    public bool Required => inner.Required;

    public Type? ConverterType => inner.ConverterType;

    public T? GetCustomAttribute<T>() where T : Attribute => inner.GetCustomAttribute<T>();

    public IObjectDescriptor Read(object target) => inner.Read(target);

    public void Write(object target, object? value)
    {
        map.Key(target, key, keyStart);
        inner.Write(target, value);
    }
}
