using ContainerCd.Runtime.Delivery.Compose;

namespace ContainerCd.Runtime.Tests.Delivery;

public sealed class ComposeParserTests
{
    private static readonly Dictionary<string, string> Env = new(StringComparer.Ordinal) { ["TAG"] = "1.2", ["EMPTY"] = "" };

    private static ComposeParseResult Parse(string yaml) => ComposeParser.Parse("compose.yml", yaml, name => Env.GetValueOrDefault(name));

    [Fact]
    public void Parse_FullService_ReadsEveryImplementedKey()
    {
        var result = Parse("""
            name: shop
            services:
              web:
                image: shop/web:${TAG}
                command: httpd -f -p 8080 -h /www
                environment:
                  - MODE=prod
                  - TAG
                ports: ["18080:8080", "127.0.0.2:18081:8081/tcp"]
                healthcheck:
                  test: wget -q -O- http://localhost:8080/ || exit 1
                  interval: 1s
                  timeout: 1m30s
                  retries: 5
                depends_on:
                  db: { condition: service_healthy }
                networks: [front, back]
                volumes: ["data:/data:ro"]
                deploy:
                  replicas: 3
                  update_config: { parallelism: 2, delay: 500ms, order: start-first, failure_action: rollback, monitor: 2s }
                  rollback_config: { parallelism: 1 }
              db:
                build: { context: ./db, dockerfile: Db.Dockerfile, args: { V: "1" } }
                environment: { A: "x", TAG: }
                networks: [back]
            networks: { front: {}, back: }
            volumes: { data: }
            x-notes: anything
            """);

        Assert.Empty(result.Diagnostics);
        var web = result.File!.Service("web")!;
        Assert.Equal("shop/web:1.2", web.Image);
        Assert.Equal(["httpd", "-f", "-p", "8080", "-h", "/www"], web.Command!.Value);
        Assert.Equal(["MODE=prod", "TAG=1.2"], web.Environment.Select(p => p.Key + "=" + p.Value));
        Assert.Equal([new PortMapping("127.0.0.1", 18080, 8080), new PortMapping("127.0.0.2", 18081, 8081)], web.Ports);
        Assert.Equal(["CMD-SHELL", "wget -q -O- http://localhost:8080/ || exit 1"], web.Healthcheck!.Test);
        Assert.Equal(TimeSpan.FromSeconds(90), web.Healthcheck.Timeout);
        Assert.Equal(5, web.Healthcheck.Retries);
        Assert.Equal([new ServiceDependency("db", DependencyCondition.Healthy)], web.DependsOn);
        Assert.Equal(["front", "back"], web.Networks.Select(n => n.Key));
        Assert.Equal([new VolumeMount("data", "/data", true)], web.Volumes);
        Assert.Equal(3, web.Deploy.Replicas);
        Assert.Equal(new UpdateConfig(2, TimeSpan.FromMilliseconds(500), UpdateOrder.StartFirst, FailureAction.Rollback, TimeSpan.FromSeconds(2)), web.Deploy.Update);
        Assert.Equal(UpdateConfig.Default, web.Deploy.Rollback);
        var db = result.File.Service("db")!;
        Assert.Equal(new ServiceBuild("./db", "Db.Dockerfile", db.Build!.Args), db.Build);
        Assert.Equal("1", db.Build.Args["V"]);
        Assert.Equal(["A=x", "TAG=1.2"], db.Environment.Select(p => p.Key + "=" + p.Value));
        Assert.Equal("shop", result.File.Name);
    }

    [Theory]
    [InlineData("${TAG}", "1.2")]
    [InlineData("$TAG-x", "1.2-x")]
    [InlineData("${MISSING:-d}", "d")]
    [InlineData("${EMPTY:-d}", "d")]
    [InlineData("${EMPTY-d}", "")]
    [InlineData("${MISSING-${TAG}}", "1.2")]
    [InlineData("${TAG:+set}", "set")]
    [InlineData("${MISSING:+set}", "")]
    [InlineData("a$$b", "a$b")]
    public void Interpolate_Forms_FollowTheComposeSpecification(string template, string expected)
    {
        var result = ComposeInterpolation.Interpolate(template, name => Env.GetValueOrDefault(name), new List<string>(), out var error);

        Assert.Null(error);
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Parse_RequiredVariableMissing_IsAnErrorWithItsMessageAndPosition()
    {
        var result = Parse("services:\n  web:\n    image: \"shop:${VERSION:?set VERSION to deploy}\"\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("compose.yml:3:12: error: required variable VERSION is missing a value: set VERSION to deploy", error.ToString());
        Assert.Null(result.File);
    }

    [Fact]
    public void Parse_UnsetVariable_WarnsAsComposeDoes()
    {
        var result = Parse("services:\n  web:\n    image: shop:${NOPE}\n");

        Assert.Equal("compose.yml:3:12: warning: The \"NOPE\" variable is not set. Defaulting to a blank string.", Assert.Single(result.Diagnostics).ToString());
        Assert.Equal("shop:", result.File!.Services[0].Image);
    }

    [Fact]
    public void Parse_KeyOutsideTheSpecification_IsAWarningWithItsPosition()
    {
        var result = Parse("services:\n  web:\n    image: a\n    imagee: b\n");

        Assert.Equal("compose.yml:4:5: warning: unknown key `services.web.imagee`: not in the Compose specification for a service; ignored", Assert.Single(result.Diagnostics).ToString());
        Assert.NotNull(result.File);
    }

    [Theory]
    [InlineData("    privileged: true\n", "4:5", "`services.web.privileged` is not implemented by ContainerCd")]
    [InlineData("    deploy: { resources: {} }\n", "4:15", "`services.web.deploy.resources` is not implemented by ContainerCd")]
    [InlineData("    deploy: { update_config: { failure_action: continue } }\n", "4:48", "failure_action: continue\" is not implemented")]
    [InlineData("    depends_on: { db: { condition: service_completed_successfully } }\n", "4:36", "service_completed_successfully\" is not implemented")]
    [InlineData("    ports: [\"53:53/udp\"]\n", "4:13", "protocol \"udp\" is not implemented")]
    [InlineData("    volumes: [\"./src:/src\"]\n", "4:15", "bind mount \"./src\" is not implemented")]
    public void Parse_SpecificationKeyNotImplemented_IsAnErrorNamingIt(string line, string position, string message)
    {
        var result = Parse("services:\n  web:\n    image: a\n" + line + "  db:\n    image: b\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"compose.yml:{position}", $"{error.File}:{error.Line}:{error.Column}");
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Null(result.File);
    }

    [Theory]
    [InlineData("    deploy: { replicas: many }\n", "4:25", "\"services.web.deploy.replicas\" must be a whole number of at least 1, not \"many\"")]
    [InlineData("    healthcheck: { test: [\"CMD\", \"true\"], interval: soon }\n", "4:53", "must be a duration such as 10s")]
    [InlineData("    ports: [\"99999:80\"]\n", "4:13", "invalid port \"99999:80\"")]
    [InlineData("    deploy: { update_config: { order: sideways } }\n", "4:39", "invalid \"services.web.deploy.update_config.order\" \"sideways\"")]
    [InlineData("    depends_on: [cache]\n", "3:5", "depends on undefined service \"cache\"")]
    [InlineData("    networks: [nowhere]\n", "4:16", "undefined network nowhere")]
    [InlineData("    image: ${BROKEN\n", "3:12", "Invalid template")]
    public void Parse_InvalidValue_IsAnErrorAtItsPosition(string line, string position, string message)
    {
        var result = Parse("services:\n  web:\n" + (line.StartsWith("    image", StringComparison.Ordinal) ? "" : "    image: a\n") + line);

        var error = Assert.Single(result.Errors);
        Assert.Equal(position, $"{error.Line}:{error.Column}");
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotYaml_IsAnErrorNotAnException()
    {
        var result = Parse("services:\n  web: [\n");

        Assert.StartsWith("compose.yml:", Assert.Single(result.Errors).ToString(), StringComparison.Ordinal);
        Assert.Null(result.File);
    }

    [Fact]
    public void Parse_DependencyCycle_IsAnError()
    {
        var result = Parse("services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n");

        Assert.Contains("dependency cycle", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }
}
