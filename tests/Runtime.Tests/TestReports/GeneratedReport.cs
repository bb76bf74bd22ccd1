using System.Globalization;
using System.Xml;

namespace ContainerCd.Runtime.Tests.TestReports;

/// <summary>A JUnit report of any size written as Surefire writes one: suites of 100 cases, some failing with a stack trace.</summary>
internal static class GeneratedReport
{
    public static void Write(string path, int cases, int failEvery)
    {
        using var writer = XmlWriter.Create(path, new XmlWriterSettings { Indent = true });
        writer.WriteStartElement("testsuites");
        for (var i = 0; i < cases; i++)
        {
            if (i % 100 == 0)
            {
                if (i > 0)
                {
                    writer.WriteEndElement();
                }

                writer.WriteStartElement("testsuite");
                writer.WriteAttributeString("name", "com.example.Suite" + (i / 100).ToString(CultureInfo.InvariantCulture));
            }

            writer.WriteStartElement("testcase");
            writer.WriteAttributeString("classname", "com.example.Suite" + (i / 100).ToString(CultureInfo.InvariantCulture));
            writer.WriteAttributeString("name", "test" + i.ToString(CultureInfo.InvariantCulture));
            writer.WriteAttributeString("time", "0.001");
            if (i % failEvery == failEvery - 1)
            {
                writer.WriteStartElement("failure");
                writer.WriteAttributeString("message", "expected true");
                writer.WriteString("java.lang.AssertionError: expected true\n\tat com.example.Suite.test(Suite.java:" + i.ToString(CultureInfo.InvariantCulture) + ")");
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        writer.WriteEndDocument();
    }
}
