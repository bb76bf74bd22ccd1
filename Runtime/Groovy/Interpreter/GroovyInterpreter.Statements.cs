using System.Collections;
using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Ast.Statements;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Interpreter;

public sealed partial class GroovyInterpreter
{
    public async ValueTask<Completion> ExecuteAsync(Statement statement, Frame frame)
    {
        Tick(frame, statement.Span);
        try
        {
            return statement switch
            {
                ExpressionStatement s => Completion.Normal(await EvaluateAsync(s.Expression, frame).ConfigureAwait(false)),
                DeclarationStatement s => await ExecuteDeclarationAsync(s, frame).ConfigureAwait(false),
                BlockStatement s => await ExecuteBlockStatementsAsync(s.Statements, frame.NewBlock()).ConfigureAwait(false),
                IfStatement s => await ExecuteIfAsync(s, frame).ConfigureAwait(false),
                WhileStatement s => await ExecuteWhileAsync(s, frame, null).ConfigureAwait(false),
                ForStatement s => await ExecuteForAsync(s, frame, null).ConfigureAwait(false),
                ForInStatement s => await ExecuteForInAsync(s, frame, null).ConfigureAwait(false),
                SwitchStatement s => await ExecuteSwitchAsync(s, frame).ConfigureAwait(false),
                TryStatement s => await ExecuteTryAsync(s, frame).ConfigureAwait(false),
                ReturnStatement s => new Completion(CompletionKind.Return, s.Value is null ? null : await EvaluateAsync(s.Value, frame).ConfigureAwait(false)),
                ThrowStatement s => throw await CreateThrowAsync(s, frame).ConfigureAwait(false),
                BreakStatement s => new Completion(s.IsContinue ? CompletionKind.Continue : CompletionKind.Break, null, s.Label),
                AssertStatement s => await ExecuteAssertAsync(s, frame).ConfigureAwait(false),
                LabeledStatement s => await ExecuteLabeledAsync(s, frame).ConfigureAwait(false),
                EmptyStatement => Completion.Empty,
                MethodDeclarationStatement s => throw ScriptErrors.Unsupported($"Declaring method '{s.Method.Name}' inside a block").At(frame.Source, s.Span),
                ClassDeclarationStatement s => throw ScriptErrors.Unsupported($"Declaring class '{s.Class.Name}' inside a block").At(frame.Source, s.Span),
                _ => throw ScriptErrors.Unsupported($"The statement {statement.GetType().Name}").At(frame.Source, statement.Span),
            };
        }
        catch (Exception e) when (e is not GroovyException && ScriptErrors.Translate(e) is { } translated)
        {
            throw translated.At(frame.Source, statement.Span);
        }
        catch (GroovyException e)
        {
            throw e.At(frame.Source, statement.Span);
        }
    }

    /// <summary>Runs statements in order in the given frame; the value of the last one is the block's value.</summary>
    public async ValueTask<Completion> ExecuteBlockStatementsAsync(ImmutableArray<Statement> statements, Frame frame)
    {
        var last = Completion.Empty;
        foreach (var statement in statements)
        {
            last = await ExecuteAsync(statement, frame).ConfigureAwait(false);
            if (last.IsAbrupt)
            {
                return last;
            }
        }

        return last;
    }

    private async ValueTask<Completion> ExecuteDeclarationAsync(DeclarationStatement declaration, Frame frame)
    {
        var isField = declaration.Annotations.Any(a => a.SimpleName == "Field") && frame.Scope == frame.Script.RunScope;
        if (declaration.MultipleInitializer is { } multiple)
        {
            var values = TypeCoercion.ToList(await EvaluateAsync(multiple, frame).ConfigureAwait(false));
            for (var i = 0; i < declaration.Declarators.Length; i++)
            {
                Declare(declaration.Declarators[i].Name, i < values.Count ? values[i] : null);
            }

            return Completion.Empty;
        }

        object? last = null;
        foreach (var declarator in declaration.Declarators)
        {
            var value = declarator.Initializer is null
                ? DefaultValue(declaration.Type)
                : await EvaluateAsync(declarator.Initializer, frame).ConfigureAwait(false);
            if (declaration.Type is { } type)
            {
                value = Coerce(value, type, frame, declarator.Span);
            }

            Declare(declarator.Name, value);
            last = value;
        }

        return Completion.Normal(last);

        void Declare(string name, object? value)
        {
            if (isField)
            {
                frame.Script.Fields[name] = value;
            }
            else
            {
                frame.Scope.Declare(name, value);
            }
        }
    }

    private static object? DefaultValue(TypeReference? type) => type?.ArrayRank > 0 ? null : type?.Name switch
    {
        "int" or "short" or "byte" => 0,
        "long" => 0L,
        "double" => 0.0,
        "float" => 0f,
        "boolean" => false,
        _ => null,
    };

    private async ValueTask<Completion> ExecuteIfAsync(IfStatement statement, Frame frame)
    {
        var condition = GroovyTruth.IsTrue(await EvaluateAsync(statement.Condition, frame).ConfigureAwait(false));
        if (condition)
        {
            return await ExecuteAsync(statement.Then, frame.NewBlock()).ConfigureAwait(false);
        }

        return statement.Else is null ? Completion.Empty : await ExecuteAsync(statement.Else, frame.NewBlock()).ConfigureAwait(false);
    }

    private async ValueTask<Completion> ExecuteWhileAsync(WhileStatement statement, Frame frame, string? label)
    {
        long iterations = 0;
        var first = statement.IsDoWhile;
        while (first || GroovyTruth.IsTrue(await EvaluateAsync(statement.Condition, frame).ConfigureAwait(false)))
        {
            first = false;
            CountIteration(ref iterations, frame, statement);
            var completion = await ExecuteAsync(statement.Body, frame.NewBlock()).ConfigureAwait(false);
            if (LoopExit(completion, label, out var exit))
            {
                return exit;
            }
        }

        return Completion.Empty;
    }

    private async ValueTask<Completion> ExecuteForAsync(ForStatement statement, Frame frame, string? label)
    {
        var loopFrame = frame.NewBlock();
        if (statement.Initializer is not null)
        {
            await ExecuteAsync(statement.Initializer, loopFrame).ConfigureAwait(false);
        }

        long iterations = 0;
        while (statement.Condition is null || GroovyTruth.IsTrue(await EvaluateAsync(statement.Condition, loopFrame).ConfigureAwait(false)))
        {
            CountIteration(ref iterations, frame, statement);
            var completion = await ExecuteAsync(statement.Body, loopFrame.NewBlock()).ConfigureAwait(false);
            if (LoopExit(completion, label, out var exit))
            {
                return exit;
            }

            foreach (var update in statement.Updates)
            {
                await EvaluateAsync(update, loopFrame).ConfigureAwait(false);
            }
        }

        return Completion.Empty;
    }

    private async ValueTask<Completion> ExecuteForInAsync(ForInStatement statement, Frame frame, string? label)
    {
        var iterable = await EvaluateAsync(statement.Iterable, frame).ConfigureAwait(false);
        long iterations = 0;
        foreach (var item in Iterate(iterable))
        {
            CountIteration(ref iterations, frame, statement);
            var body = frame.NewBlock();
            body.Scope.Declare(statement.Variable, statement.VariableType is { } type ? Coerce(item, type, frame, statement.Span) : item);
            var completion = await ExecuteAsync(statement.Body, body).ConfigureAwait(false);
            if (LoopExit(completion, label, out var exit))
            {
                return exit;
            }
        }

        return Completion.Empty;
    }

    /// <summary>What <c>for (x in value)</c> and <c>each</c> iterate: list items, map entries, string characters, or the value itself.</summary>
    public static IEnumerable<object?> Iterate(object? value) => value switch
    {
        null => [],
        string s => s.Select(c => (object?)c.ToString()),
        GStringValue g => g.ToString().Select(c => (object?)c.ToString()),
        GroovyMap map => map.Select(e => (object?)new MapEntryValue(e.Key, e.Value)).ToList(),
        MatcherValue matcher => Enumerable.Range(0, matcher.Count).Select(matcher.GetMatch),
        IList list => Snapshot(list),
        IEnumerable items => items.Cast<object?>(),
        _ => [value],
    };

    // Iterate over a copy, so that a loop body adding to the list does not break the iteration.
    private static List<object?> Snapshot(IList list)
    {
        var copy = new List<object?>(list.Count);
        foreach (var item in list)
        {
            copy.Add(item);
        }

        return copy;
    }

    private void CountIteration(ref long iterations, Frame frame, Statement loop)
    {
        if (++iterations > Limits.MaxLoopIterations)
        {
            throw ScriptErrors.LimitExceeded($"Loop exceeded the limit of {Limits.MaxLoopIterations} iterations").At(frame.Source, loop.Span);
        }

        Tick(frame, loop.Span);
    }

    private static bool LoopExit(Completion completion, string? label, out Completion exit)
    {
        exit = Completion.Empty;
        switch (completion.Kind)
        {
            case CompletionKind.Break when completion.Label is null || completion.Label == label:
                return true;
            case CompletionKind.Continue when completion.Label is null || completion.Label == label:
                return false;
            case CompletionKind.Return or CompletionKind.Break or CompletionKind.Continue:
                exit = completion;
                return true;
            default:
                return false;
        }
    }

    private async ValueTask<Completion> ExecuteLabeledAsync(LabeledStatement statement, Frame frame)
    {
        switch (statement.Body)
        {
            case WhileStatement s:
                return await ExecuteWhileAsync(s, frame, statement.Label).ConfigureAwait(false);
            case ForStatement s:
                return await ExecuteForAsync(s, frame, statement.Label).ConfigureAwait(false);
            case ForInStatement s:
                return await ExecuteForInAsync(s, frame, statement.Label).ConfigureAwait(false);
        }

        var completion = await ExecuteAsync(statement.Body, frame).ConfigureAwait(false);
        return completion.Kind == CompletionKind.Break && completion.Label == statement.Label ? Completion.Empty : completion;
    }

    private async ValueTask<Completion> ExecuteSwitchAsync(SwitchStatement statement, Frame frame)
    {
        var subject = await EvaluateAsync(statement.Subject, frame).ConfigureAwait(false);
        var body = frame.NewBlock();
        var matched = false;
        var last = Completion.Empty;
        for (var pass = 0; pass < 2 && !matched; pass++)
        {
            foreach (var section in statement.Cases)
            {
                if (!matched)
                {
                    if (pass == 0)
                    {
                        foreach (var label in section.Labels)
                        {
                            var caseValue = await EvaluateAsync(label, frame).ConfigureAwait(false);
                            if (await IsCaseAsync(caseValue, subject, frame, label.Span).ConfigureAwait(false))
                            {
                                matched = true;
                                break;
                            }
                        }
                    }
                    else
                    {
                        matched = section.IsDefault;
                    }
                }

                if (matched)
                {
                    last = await ExecuteBlockStatementsAsync(section.Statements, body).ConfigureAwait(false);
                    if (last.Kind == CompletionKind.Break && last.Label is null)
                    {
                        return Completion.Empty;
                    }

                    if (last.IsAbrupt)
                    {
                        return last;
                    }
                }
            }
        }

        return last;
    }

    /// <summary>Groovy's isCase, used by switch and <c>in</c>: equality, membership, regex match, type or closure test.</summary>
    public async ValueTask<bool> IsCaseAsync(object? caseValue, object? subject, Frame frame, Parser.Text.SourceSpan span) => caseValue switch
    {
        CallableValue callable => GroovyTruth.IsTrue(await callable.CallAsync(this, [subject], frame, span).ConfigureAwait(false)),
        PatternValue pattern => subject is not null && JavaRegex.CreateWhole(pattern.Pattern).IsMatch(GroovyFormat.ToDisplayString(subject)),
        ClassValue type => GroovyTypes.IsInstance(subject, type.Name),
        GroovyMap map => GroovyTruth.IsTrue(map[subject]),
        RangeValue range => NumberMath.IsIntegral(subject) && range.Contains(NumberMath.ToLong(subject!)),
        IList list => list.Cast<object?>().Any(item => GroovyEquality.AreEqual(item, subject)),
        GroovySet set => set.Contains(subject),
        _ => GroovyEquality.AreEqual(caseValue, subject),
    };

    private async ValueTask<Completion> ExecuteTryAsync(TryStatement statement, Frame frame)
    {
        var result = Completion.Empty;
        try
        {
            result = await ExecuteBlockStatementsAsync(statement.Body.Statements, frame.NewBlock()).ConfigureAwait(false);
        }
        catch (GroovyException e) when (FindCatch(statement, e.Value) is not null)
        {
            var clause = FindCatch(statement, e.Value)!;
            var handler = frame.NewBlock();
            handler.Scope.Declare(clause.Variable, e.Value);
            result = await ExecuteBlockStatementsAsync(clause.Body.Statements, handler).ConfigureAwait(false);
        }
        finally
        {
            if (statement.Finally is { } finallyBlock)
            {
                var finallyCompletion = await ExecuteBlockStatementsAsync(finallyBlock.Statements, frame.NewBlock()).ConfigureAwait(false);
                if (finallyCompletion.IsAbrupt)
                {
                    result = finallyCompletion;
                }
            }
        }

        return result;
    }

    private static CatchClause? FindCatch(TryStatement statement, ThrowableValue exception)
    {
        foreach (var clause in statement.Catches)
        {
            if (clause.Types.IsEmpty || clause.Types.Any(t => t is "Throwable" or "java.lang.Throwable" || exception.IsInstanceOf(t)))
            {
                // Untyped catch (catch (e)) catches Exception, as in Groovy.
                if (clause.Types.IsEmpty && !exception.IsInstanceOf(JavaClasses.Exception))
                {
                    continue;
                }

                return clause;
            }
        }

        return null;
    }

    private async ValueTask<GroovyException> CreateThrowAsync(ThrowStatement statement, Frame frame)
    {
        var value = await EvaluateAsync(statement.Value, frame).ConfigureAwait(false);
        return value switch
        {
            ThrowableValue throwable => new GroovyException(throwable).At(frame.Source, statement.Span),
            null => ScriptErrors.NullMethod("throw").At(frame.Source, statement.Span),
            _ => GroovyException.Create(JavaClasses.GroovyCastException,
                $"Cannot cast object '{GroovyFormat.ToDisplayString(value)}' with class '{GroovyTypes.ClassName(value)}' to class 'java.lang.Throwable'").At(frame.Source, statement.Span),
        };
    }

    private async ValueTask<Completion> ExecuteAssertAsync(AssertStatement statement, Frame frame)
    {
        if (GroovyTruth.IsTrue(await EvaluateAsync(statement.Condition, frame).ConfigureAwait(false)))
        {
            return Completion.Empty;
        }

        var text = "assert " + frame.Source.GetText(statement.Condition.Span);
        if (statement.Message is not null)
        {
            text += ". Expression: " + GroovyFormat.ToDisplayString(await EvaluateAsync(statement.Message, frame).ConfigureAwait(false));
        }

        throw GroovyException.Create(JavaClasses.AssertionError, text).At(frame.Source, statement.Span);
    }
}
