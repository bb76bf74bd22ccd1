using ContainerCd.Runtime.Publishing;

namespace ContainerCd.Runtime.Tests.Publishing;

/// <summary>A report's URL name is htmlpublisher's sanitized name, so Jenkins users' links keep working.</summary>
public sealed class HtmlReportNameTests
{
    [Theory]
    [InlineData("HTML Report", true, "HTML_20Report")]
    [InlineData("Coverage-2", true, "Coverage-2")]
    [InlineData("unit_tests", true, "unit_5ftests")]
    [InlineData("unit_tests", false, "unit_tests")]
    [InlineData("../etc", true, "_2e_2e_2fetc")]
    [InlineData("Résumé", true, "R_c3a9sum_c3a9")]
    public void Sanitize_AsHtmlPublisher(string name, bool escapeUnderscores, string expected) =>
        Assert.Equal(expected, HtmlReportName.Sanitize(name, escapeUnderscores));

    [Theory]
    [InlineData("HTML_20Report", true)]
    [InlineData("42", false)]
    [InlineData("console", false)]
    [InlineData("artifact", false)]
    [InlineData("", false)]
    public void IsServable_RefusesBuildNumbersAndJenkinsPages(string urlName, bool expected) =>
        Assert.Equal(expected, HtmlReportName.IsServable(urlName));
}
