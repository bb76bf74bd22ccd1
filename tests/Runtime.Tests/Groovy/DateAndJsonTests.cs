namespace ContainerCd.Runtime.Tests.Groovy;

/// <summary>
/// java.util.Date / TimeZone / SimpleDateFormat and groovy.json as Jenkinsfiles use them. The expected
/// texts are what Java 17's SimpleDateFormat and HashMap give, and what Groovy's JsonOutput writes.
/// </summary>
public class DateAndJsonTests
{
    [Theory]
    [InlineData("new Date(0).format(\"EEE, d MMM yyyy HH:mm:ss.SSS Z\", TimeZone.getTimeZone('GMT'))", "Thu, 1 Jan 1970 00:00:00.000 +0000")]
    [InlineData("new Date(1733390978547L).format(\"yyyyMMdd'T'HHmm XXX\", TimeZone.getTimeZone('Asia/Kolkata'))", "20241205T1459 +05:30")]
    [InlineData("new Date(1733390978547L).format('yy-M-d h:mm a k K S', TimeZone.getTimeZone('UTC'))", "24-12-5 9:29 AM 9 9 547")]
    [InlineData("new Date(1733390978547L).format(\"EEEE MMMM zzzz z D u 'it''s' ''\", TimeZone.getTimeZone('UTC'))", "Thursday December Coordinated Universal Time UTC 340 4 it's '")]
    [InlineData("[TimeZone.getTimeZone('Nowhere/Special').ID, TimeZone.getTimeZone('GMT+2').ID, TimeZone.getTimeZone('GMT+0530').getID()]", "[GMT, GMT+02:00, GMT+05:30]")]
    [InlineData("[new Date(86400000L) > new Date(0), new Date(5).time, (new Date(0) + 2).time, new Date(86400000L * 3) - new Date(0)]", "[true, 5, 172800000, 3]")]
    public async Task Date_FormatsAsJavaDoes(string expression, string expected)
    {
        Assert.Equal(expected, await ScriptRunner.EvalAsync(expression));
    }

    [Fact]
    public async Task SimpleDateFormat_WithTimeZone_FormatsADate()
    {
        var output = await ScriptRunner.OutputOfAsync("""
            def format = new java.text.SimpleDateFormat('yyyy-MM-dd HH:mm')
            format.setTimeZone(TimeZone.getTimeZone('UTC'))
            echo format.format(new Date(1733390978547L))
            """);
        Assert.Equal(["2024-12-05 09:29"], output);
    }

    [Fact]
    public async Task Date_UnknownPatternLetter_FailsAsJavaDoes()
    {
        var result = await ScriptRunner.RunAsync("new Date(0).format('yyyy-qq')", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("java.lang.IllegalArgumentException", result.Error?.ClassName);
        Assert.Equal("Illegal pattern character 'q'", result.Error?.Message);
    }

    [Theory]
    [InlineData("new groovy.json.JsonSlurperClassic().parseText('{\"b\":1,\"a\":[1,2.50,\"x\"],\"c\":{\"z\":null,\"y\":true}}')", "[a:[1, 2.50, x], b:1, c:[y:true, z:null]]")]
    [InlineData("new groovy.json.JsonSlurper().parseText('{\"b\":1,\"a\":[1,2.50,\"x\"],\"c\":{\"z\":null,\"y\":true}}')", "[b:1, a:[1, 2.50, x], c:[z:null, y:true]]")]
    [InlineData("new groovy.json.JsonSlurperClassic().parseText('{\"name\":1,\"version\":2,\"description\":3,\"main\":4,\"scripts\":5,\"license\":6}').keySet()", "[license, name, description, main, scripts, version]")]
    [InlineData("new groovy.json.JsonSlurperClassic().parseText('{' + (0..<20).collect { \"\\\"key${it}\\\":${it}\" }.join(',') + '}').keySet()", "[key1, key2, key0, key5, key6, key3, key4, key9, key7, key8, key11, key10, key15, key14, key13, key12, key19, key18, key17, key16]")]
    [InlineData("[new groovy.json.JsonSlurperClassic().parseText('{}').getClass().name, new groovy.json.JsonSlurper().parseText('{}').getClass().name]", "[java.util.HashMap, groovy.json.internal.LazyMap]")]
    [InlineData("new groovy.json.JsonSlurper().parseText('[12345678901, 123456789012345678901234, 1.5, 7]').collect { it.getClass().name }", "[java.lang.Long, java.math.BigInteger, java.math.BigDecimal, java.lang.Integer]")]
    public async Task JsonSlurper_GivesGroovysMapsAndNumbers(string expression, string expected)
    {
        Assert.Equal(expected, await ScriptRunner.EvalAsync(expression));
    }

    [Fact]
    public async Task JsonSlurper_Imported_ParsesAndReadsFields()
    {
        var output = await ScriptRunner.OutputOfAsync("""
            import groovy.json.JsonSlurperClassic
            def data = new JsonSlurperClassic().parseText('{"image": {"tag": "1.2.3"}, "stages": ["a", "b"]}')
            echo "${data.image.tag} ${data.stages.size()} ${data.stages[1]}"
            """);
        Assert.Equal(["1.2.3 2 b"], output);
    }

    [Fact]
    public async Task JsonSlurper_BadInput_FailsWithJsonException()
    {
        var result = await ScriptRunner.RunAsync("new groovy.json.JsonSlurper().parseText('{\"a\": }')", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("groovy.json.JsonException", result.Error?.ClassName);
        var empty = await ScriptRunner.RunAsync("new groovy.json.JsonSlurper().parseText('')", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("The JSON input text should neither be null nor empty.", empty.Error?.Message);
    }

    [Theory]
    [InlineData("groovy.json.JsonOutput.toJson([name: 'app', tags: ['a', 'b'], n: 1, price: 2.50, ok: true, none: null, path: 'a/b', quote: 'say \"hi\"\\n', uni: 'caf\\u00e9', empty: [:], list: []])",
        "{\"name\":\"app\",\"tags\":[\"a\",\"b\"],\"n\":1,\"price\":2.50,\"ok\":true,\"none\":null,\"path\":\"a/b\",\"quote\":\"say \\\"hi\\\"\\n\",\"uni\":\"caf\\u00e9\",\"empty\":{},\"list\":[]}")]
    [InlineData("groovy.json.JsonOutput.toJson(\"tab\\there\")", "\"tab\\there\"")]
    [InlineData("groovy.json.JsonOutput.toJson(new Date(1733390978547L))", "\"2024-12-05T09:29:38+0000\"")]
    [InlineData("groovy.json.JsonOutput.toJson([1, 1.5d, 10L])", "[1,1.5,10]")]
    [InlineData("new groovy.json.JsonBuilder([a: 1]).toString()", "{\"a\":1}")]
    public async Task JsonOutput_ToJson_WritesAsGroovyDoes(string expression, string expected)
    {
        Assert.Equal(expected, await ScriptRunner.EvalAsync(expression));
    }

    [Fact]
    public async Task JsonOutput_PrettyPrint_LaysOutAsGroovyDoes()
    {
        var output = await ScriptRunner.OutputOfAsync("""
            import groovy.json.JsonOutput
            echo JsonOutput.prettyPrint(JsonOutput.toJson([a: 1, b: [1, 'x"y'], c: [:], d: [e: null]]))
            """);
        Assert.Equal(["{\n    \"a\": 1,\n    \"b\": [\n        1,\n        \"x\\\"y\"\n    ],\n    \"c\": {\n        \n    },\n    \"d\": {\n        \"e\": null\n    }\n}"], output);
    }

    [Fact]
    public async Task JsonOutput_ObjectItCannotWrite_FailsNamingIt()
    {
        var result = await ScriptRunner.RunAsync("groovy.json.JsonOutput.toJson(~/x/)", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains("JsonOutput.toJson of a java.util.regex.Pattern", result.Error?.Message, StringComparison.Ordinal);
    }
}
