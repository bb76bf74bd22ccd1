namespace ContainerCd.Runtime.Pipeline.TestReports;

/// <summary>The report formats read: JUnit XML, and the .NET ones Jenkins' xunit, nunit and mstest plugins convert to it.</summary>
internal enum TestReportFormat
{
    JUnit,
    XUnitDotNet,
    NUnit3,
    Trx,
}
