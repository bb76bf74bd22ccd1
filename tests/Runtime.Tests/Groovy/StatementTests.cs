using ContainerCd.Runtime.Groovy.Interpreter;

namespace ContainerCd.Runtime.Tests.Groovy;

public class StatementTests
{
    [Fact]
    public async Task If_ElseIfChain_TakesFirstTrueBranch()
    {
        var output = await ScriptRunner.OutputOfAsync("""
            def x = 5
            if (x > 10) { echo 'big' } else if (x > 3) { echo 'medium' } else { echo 'small' }
            """);
        Assert.Equal(["medium"], output);
    }

    [Fact]
    public async Task Loops_ForWhileForIn_BreakAndContinue()
    {
        var output = await ScriptRunner.OutputOfAsync("""
            def out = []
            for (int i = 0; i < 5; i++) { if (i == 1) continue; if (i == 3) break; out << i }
            def j = 0
            while (j < 3) { j++ }
            for (s in ['a', 'b']) { out << s }
            for (e in [k: 'v']) { out << "${e.key}=${e.value}" }
            outer:
            for (a in [1, 2]) { for (b in [1, 2]) { if (b == 2) continue outer; out << "${a}${b}" } }
            echo out.toString()
            echo j.toString()
            """);
        Assert.Equal(["[0, 2, a, b, k=v, 11, 21]", "3"], output);
    }

    [Fact]
    public async Task Switch_CasesWithListsRangesRegexAndFallthrough()
    {
        var output = await ScriptRunner.OutputOfAsync("""
            def kind(v) {
                switch (v) {
                    case 1: return 'one'
                    case [2, 3]: return 'two or three'
                    case 4..6: return 'four to six'
                    case ~/ab.*/: return 'ab-word'
                    case String: return 'some string'
                    case 7:
                    case 8:
                        return 'seven or eight'
                    default: return 'other'
                }
            }
            echo([1, 3, 5, 'abc', 'x', 8, 9.5].collect { kind(it) }.join('|'))
            """);
        Assert.Equal(["one|two or three|four to six|ab-word|some string|seven or eight|other"], output);
    }

    [Fact]
    public async Task TryCatchFinally_CatchesByTypeAndRunsFinally()
    {
        var output = await ScriptRunner.OutputOfAsync("""
            try {
                throw new IllegalStateException('boom')
            } catch (IllegalArgumentException e) {
                echo 'wrong'
            } catch (RuntimeException e) {
                echo "caught ${e.message} ${e.class.name}"
            } finally {
                echo 'finally'
            }
            try { null.foo() } catch (NullPointerException e) { echo e.message }
            try { undefinedThing } catch (e) { echo e.message }
            """);
        Assert.Equal(["caught boom java.lang.IllegalStateException", "finally", "Cannot invoke method foo() on null object",
            "No such property: undefinedThing for class: groovy.lang.Binding"], output);
    }

    [Fact]
    public async Task Closures_CaptureAndMutateEnclosingVariables()
    {
        var output = await ScriptRunner.OutputOfAsync("""
            def counter = 0
            def inc = { by = 1 -> counter += by }
            inc()
            inc(5)
            def twice = { f, v -> f(f(v)) }
            echo "${counter} ${twice({ it * 3 }, 2)}"
            def adder = { a, b -> a + b }.curry(10)
            echo adder(5).toString()
            """);
        Assert.Equal(["6 18", "15"], output);
    }

    [Fact]
    public async Task Closures_DelegateFirst_ResolvesNamesOnDelegateMap()
    {
        var output = await ScriptRunner.OutputOfAsync("""
            def config = [:]
            def body = { name = 'svc'; replicas = 3 }
            body.resolveStrategy = Closure.DELEGATE_FIRST
            body.delegate = config
            body()
            echo config.toString()
            """);
        Assert.Equal(["[name:svc, replicas:3]"], output);
    }

    [Fact]
    public async Task Methods_DefaultParametersRecursionAndImplicitReturn()
    {
        var output = await ScriptRunner.OutputOfAsync("""
            def greet(name, greeting = 'Hello') { "${greeting}, ${name}" }
            int fib(int n) { n < 2 ? n : fib(n - 1) + fib(n - 2) }
            def sign(x) { if (x < 0) { 'neg' } else { 'pos' } }
            echo greet('A')
            echo greet('B', 'Hi')
            echo fib(15).toString()
            echo sign(-1)
            """);
        Assert.Equal(["Hello, A", "Hi, B", "610", "neg"], output);
    }

    [Fact]
    public async Task ScriptVariables_BindingAndFieldVisibleInMethods_LocalDefIsNot()
    {
        var result = await ScriptRunner.RunAsync("""
            import groovy.transform.Field
            @Field def field = 'f'
            bound = 'b'
            def local = 'l'
            def show() { echo "${field} ${bound}"; echo local }
            show()
            """, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["f b"], result.Output);
        Assert.Equal("No such property: local for class: groovy.lang.Binding", result.Error?.Message);
        Assert.Equal("5", result.ErrorLine);
    }

    [Fact]
    public async Task MultipleAssignment_AndCompoundOperators()
    {
        var output = await ScriptRunner.OutputOfAsync("""
            def (b, a) = [1, 2]
            def s = 'x'
            s += 'y'
            def n = null
            n ?= 'default'
            def m = [:]
            m.count = 1
            m['count'] += 1
            def list = []
            list[2] = 'c'
            echo "${a}${b} ${s} ${n} ${m} ${list}"
            """);
        Assert.Equal(["21 xy default [count:2] [null, null, c]"], output);
    }

    [Fact]
    public async Task Assert_FailingCondition_RaisesPowerAssertionWithSource()
    {
        var result = await ScriptRunner.RunAsync("def x = 1\nassert x == 2", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("org.codehaus.groovy.runtime.powerassert.PowerAssertionError: assert x == 2", result.Error?.ToString());
        Assert.Equal("2", result.ErrorLine);
    }

    [Fact]
    public async Task UnknownFunction_FailsWithJenkinsNoSuchDslMethod_AtItsLine()
    {
        var result = await ScriptRunner.RunAsync("echo 'a'\nfrobnicate 'x'", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("No such DSL method 'frobnicate' found among steps [echo, println]", result.Error?.Message);
        Assert.Equal("2", result.ErrorLine);
    }

    [Fact]
    public async Task MissingMethodOnValue_FailsWithGroovyWording()
    {
        var result = await ScriptRunner.RunAsync("'abc'.frob(1)", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("groovy.lang.MissingMethodException: No signature of method: java.lang.String.frob() is applicable for argument types: (java.lang.Integer) values: [1]", result.Error?.ToString());
    }

    [Fact]
    public async Task UnsupportedFeature_FailsExplicitlyWithPosition()
    {
        var result = await ScriptRunner.RunAsync("def a = 1\n'ls'.execute()", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains("is not supported by ContainerCd", result.Error?.Message, StringComparison.Ordinal);
        Assert.Equal("2", result.ErrorLine);
    }

    [Fact]
    public async Task Limits_InfiniteLoop_StopsWithPositionedError()
    {
        var limits = new ScriptLimits(MaxLoopIterations: 1000);
        var result = await ScriptRunner.RunAsync("def i = 0\nwhile (true) {\n  i++\n}", limits, TestContext.Current.CancellationToken);
        Assert.Equal("Loop exceeded the limit of 1000 iterations", result.Error?.Message);
        Assert.Equal("2", result.ErrorLine);
    }

    [Fact]
    public async Task Limits_UnboundedRecursion_StopsWithDepthError()
    {
        var result = await ScriptRunner.RunAsync("def f(n) { f(n + 1) }\nf(0)", new ScriptLimits(MaxDepth: 50), TestContext.Current.CancellationToken);
        Assert.Contains("nested calls", result.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limits_HugeString_StopsWithLengthError()
    {
        var result = await ScriptRunner.RunAsync("def s = 'x'\nwhile (true) { s = s + s }", new ScriptLimits(MaxStringLength: 1 << 16), TestContext.Current.CancellationToken);
        Assert.Equal("String exceeded the limit of 65536 characters", result.Error?.Message);
    }

    [Fact]
    public async Task Cancellation_StopsScriptWithInterruption()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var result = await ScriptRunner.RunAsync("while (true) { }", cancellationToken: cancelled.Token);
        Assert.Equal("org.jenkinsci.plugins.workflow.steps.FlowInterruptedException", result.Error?.ClassName);
    }

    [Fact]
    public async Task GString_DollarForms_Interpolate()
    {
        var output = await ScriptRunner.OutputOfAsync("def a = 1; def b = 2\necho \"$a ${a}-${b} \\$a $b.\"");
        Assert.Equal(["1 1-2 $a 2."], output);
    }
}
