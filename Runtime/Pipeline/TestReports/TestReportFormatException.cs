namespace ContainerCd.Runtime.Pipeline.TestReports;

/// <summary>A report file that is not well-formed XML, with where (1-based line and column; 0 when unknown).</summary>
public sealed class TestReportFormatException : Exception
{
    public TestReportFormatException(string message, int line, int column)
        : base(message)
    {
        Line = line;
        Column = column;
    }

    public TestReportFormatException()
    {
    }

    public TestReportFormatException(string message)
        : base(message)
    {
    }

    public TestReportFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Line { get; }

    public int Column { get; }
}
