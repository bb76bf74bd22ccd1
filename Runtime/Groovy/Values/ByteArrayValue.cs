using System.Text;

namespace ContainerCd.Runtime.Groovy.Values;

/// <summary>A Java byte[] (<c>text.bytes</c>, <c>text.decodeBase64()</c>), enough for the base64 idioms Jenkinsfiles use.</summary>
public sealed class ByteArrayValue
{
    public ByteArrayValue(byte[] bytes)
    {
        Bytes = bytes;
    }

    public byte[] Bytes { get; }

    public string DecodeUtf8() => Encoding.UTF8.GetString(Bytes);

    public override string ToString() => "[" + string.Join(", ", Bytes.Select(b => ((sbyte)b).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
