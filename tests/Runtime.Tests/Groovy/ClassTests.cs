namespace ContainerCd.Runtime.Tests.Groovy;

/// <summary>Classes declared in a script: fields, constructors, methods with the instance as <c>this</c>.</summary>
public class ClassTests
{
    [Fact]
    public async Task New_ConstructorAndMethods_KeepStatePerInstance()
    {
        var output = await ScriptRunner.OutputOfAsync("""
            class Counter {
                String name = 'unnamed'
                int count
                Counter(String name) { this.name = name }
                def add(int n = 1) { count += n; return this }
                def describe() { "${name}=${count}" }
            }
            def a = new Counter('a')
            def b = new Counter('b')
            a.add().add(5)
            b.add()
            echo a.describe()
            echo b.describe()
            echo "${a.name} ${a.count}"
            """);
        Assert.Equal(["a=6", "b=1", "a 6"], output);
    }

    [Fact]
    public async Task New_WithoutConstructor_TakesNamedFieldsAndInitialisers()
    {
        var output = await ScriptRunner.OutputOfAsync("""
            class Point { int x; int y = 7; def sum() { x + y } }
            def p = new Point(x: 2)
            def q = new Point()
            echo "${p.x},${p.y} ${p.sum()} ${q.x},${q.y}"
            """);
        Assert.Equal(["2,7 9 0,7"], output);
    }

    [Fact]
    public async Task Method_NamedLikeAStep_IsTheInstances()
    {
        // `def echo(msg)` inside the class is the class's method; plain echo elsewhere is still the step.
        var output = await ScriptRunner.OutputOfAsync("""
            class Shouter { def echo(msg) { return msg.toUpperCase() } }
            echo new Shouter().echo('quiet')
            """);
        Assert.Equal(["QUIET"], output);
    }

    [Fact]
    public async Task New_NoMatchingConstructor_FailsLikeGroovy()
    {
        var result = await ScriptRunner.RunAsync("""
            class Box { Box(a, b) { } }
            new Box(1)
            """, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("groovy.lang.GroovyRuntimeException: Could not find matching constructor for: Box(java.lang.Integer)",
            result.Error?.ToString());
    }

    [Fact]
    public async Task New_UnknownNamedField_IsMissingProperty()
    {
        var result = await ScriptRunner.RunAsync("""
            class Point { int x }
            new Point(z: 1)
            """, cancellationToken: TestContext.Current.CancellationToken);
        Assert.StartsWith("groovy.lang.MissingPropertyException: No such property: z for class: Point", result.Error?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaticMethod_CalledOnTheClass_RunsWithoutAnInstance()
    {
        var output = await ScriptRunner.OutputOfAsync("""
            class Versions {
                static String next(String v) { def parts = v.tokenize('.'); parts[-1] = (parts[-1] as int) + 1; join(parts) }
                static String join(parts) { parts.join('.') }
            }
            echo Versions.next('1.2.9')
            """);
        Assert.Equal(["1.2.10"], output);
    }

    [Fact]
    public async Task New_ClassWithSuperclass_FailsExplicitly()
    {
        var result = await ScriptRunner.RunAsync("""
            class Base { }
            class Derived extends Base { }
            new Derived()
            """, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains("class Derived extends Base: inheritance between script classes", result.Error?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_FieldCreatingItsOwnClass_StopsAtTheDepthLimit()
    {
        var result = await ScriptRunner.RunAsync("""
            class Node { def next = new Node() }
            new Node()
            """, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains("nested calls", result.Error?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_ClosureInAFieldThroughThis_RunsIt()
    {
        var output = await ScriptRunner.OutputOfAsync("""
            @groovy.transform.Field def shout = { s -> s.toUpperCase() }
            class Box { def format = { v -> "[${v}]" }; def show(v) { format(v) } }
            echo this.shout('a')
            echo new Box().show('b')
            """);
        Assert.Equal(["A", "[b]"], output);
    }
}
