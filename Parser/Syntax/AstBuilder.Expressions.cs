using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Ast.Statements;
using ContainerCd.Parser.Grammar;
using ContainerCd.Parser.Text;
using static ContainerCd.Parser.Grammar.JenkinsfileParser;

namespace ContainerCd.Parser.Syntax;

internal sealed partial class AstBuilder
{
    public Expression BuildExpression(ExpressionContext? context)
    {
        if (context is null)
        {
            return new ErrorExpression(default);
        }

        EnsureStack();
        switch (context)
        {
            case PostfixExprContext c:
                return BuildPostfix(c);
            case CastExprContext c:
                return new CastExpression(BuildType(c.castParExpression().type()), BuildExpression(c.expression()), false, Span(c));
            case PrefixExprContext c:
                return new UnaryExpression(
                    c.op.Type == JenkinsfileLexer.INC ? UnaryOperator.PreIncrement : UnaryOperator.PreDecrement,
                    BuildExpression(c.expression()),
                    Span(c));
            case UnaryExprContext c:
                return BuildUnary(c);
            case PowerExprContext c:
                return Binary(c, c.left, BinaryOperator.Power, c.right);
            case MultiplicativeExprContext c:
                return Binary(c, c.left, c.op.Type switch
                {
                    JenkinsfileLexer.MUL => BinaryOperator.Multiply,
                    JenkinsfileLexer.DIV => BinaryOperator.Divide,
                    _ => BinaryOperator.Modulo,
                }, c.right);
            case AdditiveExprContext c:
                return Binary(c, c.left, c.op.Type == JenkinsfileLexer.ADD ? BinaryOperator.Add : BinaryOperator.Subtract, c.right);
            case ShiftExprContext c:
                var shift = c.shiftOperator();
                return Binary(c, c.left, shift.Start.Type == JenkinsfileLexer.LT ? BinaryOperator.LeftShift
                    : shift.ChildCount == 3 ? BinaryOperator.UnsignedRightShift : BinaryOperator.RightShift, c.right);
            case RangeExprContext c:
                return new RangeExpression(BuildExpression(c.left), BuildExpression(c.right),
                    c.op.Type == JenkinsfileLexer.RANGE_EXCLUSIVE, Span(c));
            case RelationalExprContext c:
                return Binary(c, c.left, c.op.Type switch
                {
                    JenkinsfileLexer.LT => BinaryOperator.Less,
                    JenkinsfileLexer.LE => BinaryOperator.LessOrEqual,
                    JenkinsfileLexer.GT => BinaryOperator.Greater,
                    JenkinsfileLexer.GE => BinaryOperator.GreaterOrEqual,
                    JenkinsfileLexer.IN => BinaryOperator.In,
                    _ => BinaryOperator.NotIn,
                }, c.right);
            case InstanceofExprContext c:
                return new InstanceOfExpression(BuildExpression(c.left), BuildType(c.type()),
                    c.op.Type == JenkinsfileLexer.NOT_INSTANCEOF, Span(c));
            case AsExprContext c:
                return new CastExpression(BuildType(c.type()), BuildExpression(c.left), true, Span(c));
            case EqualityExprContext c:
                return Binary(c, c.left, c.op.Type switch
                {
                    JenkinsfileLexer.EQUAL => BinaryOperator.Equal,
                    JenkinsfileLexer.NOT_EQUAL => BinaryOperator.NotEqual,
                    JenkinsfileLexer.IDENTICAL => BinaryOperator.Identical,
                    JenkinsfileLexer.NOT_IDENTICAL => BinaryOperator.NotIdentical,
                    _ => BinaryOperator.Compare,
                }, c.right);
            case RegexExprContext c:
                return Binary(c, c.left, c.op.Type == JenkinsfileLexer.REGEX_FIND ? BinaryOperator.RegexFind : BinaryOperator.RegexMatch, c.right);
            case BitAndExprContext c:
                return Binary(c, c.left, BinaryOperator.BitAnd, c.right);
            case XorExprContext c:
                return Binary(c, c.left, BinaryOperator.BitXor, c.right);
            case BitOrExprContext c:
                return Binary(c, c.left, BinaryOperator.BitOr, c.right);
            case AndExprContext c:
                return Binary(c, c.left, BinaryOperator.And, c.right);
            case OrExprContext c:
                return Binary(c, c.left, BinaryOperator.Or, c.right);
            case TernaryExprContext c:
                return new TernaryExpression(BuildExpression(c.condition), BuildExpression(c.whenTrue), BuildExpression(c.whenFalse), Span(c));
            case ElvisExprContext c:
                return new ElvisExpression(BuildExpression(c.left), BuildExpression(c.right), Span(c));
            case AssignmentExprContext c:
                return BuildAssignment(c);
            default:
                return new ErrorExpression(Span(context));
        }
    }

    private BinaryExpression Binary(ExpressionContext context, ExpressionContext left, BinaryOperator op, ExpressionContext right) =>
        new(BuildExpression(left), op, BuildExpression(right), Span(context));

    private UnaryExpression BuildUnary(UnaryExprContext context)
    {
        var operand = BuildExpression(context.expression());
        var op = context.op.Type switch
        {
            JenkinsfileLexer.NOT => UnaryOperator.Not,
            JenkinsfileLexer.BITNOT => UnaryOperator.BitNot,
            JenkinsfileLexer.ADD => UnaryOperator.Plus,
            _ => UnaryOperator.Negate,
        };
        return new UnaryExpression(op, operand, Span(context));
    }

    private AssignmentExpression BuildAssignment(AssignmentExprContext context)
    {
        var target = BuildExpression(context.left);
        var valueContext = context.assignmentValue();
        var value = valueContext?.commandExpression() is { } command ? BuildCommand(command) : BuildExpression(valueContext?.expression());
        var opContext = context.assignmentOperator();
        var first = opContext.Start.Type;
        var isElvis = first == JenkinsfileLexer.ELVIS_ASSIGN;
        BinaryOperator? op = first switch
        {
            JenkinsfileLexer.ADD_ASSIGN => BinaryOperator.Add,
            JenkinsfileLexer.SUB_ASSIGN => BinaryOperator.Subtract,
            JenkinsfileLexer.MUL_ASSIGN => BinaryOperator.Multiply,
            JenkinsfileLexer.DIV_ASSIGN => BinaryOperator.Divide,
            JenkinsfileLexer.MOD_ASSIGN => BinaryOperator.Modulo,
            JenkinsfileLexer.POWER_ASSIGN => BinaryOperator.Power,
            JenkinsfileLexer.AND_ASSIGN => BinaryOperator.BitAnd,
            JenkinsfileLexer.OR_ASSIGN => BinaryOperator.BitOr,
            JenkinsfileLexer.XOR_ASSIGN => BinaryOperator.BitXor,
            // <<= is LT LE; >>= is GT GE; >>>= is GT GT GE (see the lexer)
            JenkinsfileLexer.LT => BinaryOperator.LeftShift,
            JenkinsfileLexer.GT => opContext.ChildCount == 3 ? BinaryOperator.UnsignedRightShift : BinaryOperator.RightShift,
            _ => null,
        };
        return new AssignmentExpression(target, op, isElvis, value, Span(context));
    }

    public MethodCallExpression BuildCommand(CommandExpressionContext context)
    {
        // ( THIS DOT )? ( identifier DOT )* name=CMD_IDENTIFIER commandArgument ( COMMA NL* commandArgument )*
        Expression? target = null;
        var positionalCount = 0;
        var namedCount = 0;
        foreach (var child in Children(context))
        {
            switch (child)
            {
                case ITerminalNode { Symbol.Type: THIS } self:
                    target = new VariableExpression("this", Span(self));
                    break;
                case IdentifierContext part:
                    target = target is null
                        ? new VariableExpression(TextOf(part), Span(part))
                        : new PropertyExpression(target, TextOf(part), null, MemberAccessKind.Normal, SourceSpan.Between(target.Span, Span(part)));
                    break;
                case CommandArgumentContext argument when IsNamed(argument):
                    namedCount++;
                    break;
                case CommandArgumentContext:
                    positionalCount++;
                    break;
            }
        }

        var positional = positionalCount == 0 ? [] : new Expression[positionalCount];
        var named = namedCount == 0 ? [] : new NamedArgument[namedCount];
        var p = 0;
        var n = 0;
        CommandArgumentContext? firstArgument = null;
        CommandArgumentContext? lastArgument = null;
        foreach (var child in Children(context))
        {
            if (child is not CommandArgumentContext argument)
            {
                continue;
            }

            firstArgument ??= argument;
            lastArgument = argument;
            if (IsNamed(argument))
            {
                named[n++] = BuildNamedArgument((NamedArgumentContext)argument.GetChild(0));
            }
            else
            {
                positional[p++] = BuildExpression(argument.expression());
            }
        }

        var argumentSpan = firstArgument is not null && lastArgument is not null
            ? SourceSpan.Between(Span(firstArgument), Span(lastArgument))
            : default;
        var name = context.name;
        return new MethodCallExpression(
            target,
            name?.Text ?? string.Empty,
            null,
            new ArgumentList(ImmutableCollectionsMarshal.AsImmutableArray(positional), ImmutableCollectionsMarshal.AsImmutableArray(named), false, argumentSpan),
            MemberAccessKind.Normal,
            true,
            Span(context))
        {
            NameSpan = name is null ? Span(context) : Span(name),
        };
    }

    /// <summary>Whether an argument (of a call or a command) is named: the first child is a namedArgument.</summary>
    private static bool IsNamed(ParserRuleContext argument) =>
        argument.ChildCount > 0 && argument.GetChild(0) is NamedArgumentContext;

    private NamedArgument BuildNamedArgument(NamedArgumentContext context) =>
        context.SPREAD_MAP() is not null
            ? new NamedArgument(null, BuildExpression(context.expression()), Span(context))
            : new NamedArgument(BuildMapKey(context.mapKey()), BuildExpression(context.expression()), Span(context));

    private Expression BuildMapKey(MapKeyContext? context)
    {
        if (context is null || context.ChildCount == 0)
        {
            return new ErrorExpression(context is null ? default : Span(context));
        }

        var span = Span(context);
        switch (context.GetChild(0))
        {
            case KeywordContext keyword:
                return new StringLiteral(keyword.Start.Text, StringQuote.None, span);
            case GstringContext gstring:
                return BuildGString(gstring);
            case ITerminalNode { Symbol.Type: LPAREN }:
                return BuildExpression(context.expression());
            case ITerminalNode terminal:
                var token = terminal.Symbol;
                return token.Type switch
                {
                    IDENTIFIER or CMD_IDENTIFIER => new StringLiteral(token.Text, StringQuote.None, span),
                    INTEGER_LITERAL or FLOAT_LITERAL => BuildNumber(token),
                    SQ_STRING or TSQ_STRING or DQ_STRING or UNTERMINATED_SQ or UNTERMINATED_TSQ => BuildStringLiteral(token),
                    _ => new ErrorExpression(span),
                };
            default:
                return new ErrorExpression(span);
        }
    }

    private Expression BuildPostfix(PostfixExprContext context)
    {
        // primary pathElement* op=( INC | DEC )?
        var children = Children(context);
        var current = BuildPrimary(context.primary());
        var first = 1;
        TypeReference? castType = null;
        if (context.primary() is ParenPrimaryContext && children.Count > 1
            && children[1] is IndexAccessContext list && list.SAFE_INDEX() is null && ClassName(current) is { } className)
        {
            // (Collection)['a', 'b'] casts a list, as Groovy reads it; (list)[0] stays an index.
            castType = new TypeReference(className, [], 0, current.Span);
            current = new ListExpression(BuildExpressionList(list.expressionList()), Span(list));
            first = 2;
        }

        for (var i = first; i < children.Count; i++)
        {
            if (children[i] is not PathElementContext element)
            {
                continue;
            }

            EnsureStack();
            var span = SourceSpan.Between(current.Span, Span(element));
            switch (element)
            {
                case MemberAccessContext member:
                    var (name, dynamicName) = BuildMemberName(member.memberName());
                    var access = member.SAFE_DOT() is not null ? MemberAccessKind.Safe
                        : member.SPREAD_DOT() is not null ? MemberAccessKind.Spread
                        : member.ATTR_DOT() is not null ? MemberAccessKind.Attribute
                        : MemberAccessKind.Normal;
                    if (IsCall(children, i + 1))
                    {
                        // target.name(arguments) { closure }: the call gets its arguments at once.
                        var arguments = BuildCallArguments(span, span, children, ref i, out var callSpan);
                        current = new MethodCallExpression(current, name, dynamicName, arguments, access, false, callSpan)
                        {
                            NameSpan = Span(member.memberName()),
                        };
                        continue;
                    }

                    current = new PropertyExpression(current, name, dynamicName, access, span);
                    break;
                case MethodPointerContext pointer:
                    current = new MethodPointerExpression(current, BuildMemberName(pointer.memberName()).Name, span);
                    break;
                case IndexAccessContext index:
                    current = new IndexExpression(current, BuildExpressionList(index.expressionList()), index.SAFE_INDEX() is not null, span);
                    break;
                case CallArgumentsContext or TrailingClosureContext when current is VariableExpression { Name: not ("this" or "super") } variable:
                    // name(arguments) { closure }: a call on the script.
                    i--;
                    var scriptArguments = BuildCallArguments(span, null, children, ref i, out var scriptCallSpan);
                    current = new MethodCallExpression(null, variable.Name, null, scriptArguments, MemberAccessKind.Normal, false, scriptCallSpan)
                    {
                        NameSpan = variable.Span,
                    };
                    break;
                case CallArgumentsContext call:
                    current = ApplyArguments(current, BuildArguments(call.arguments()), span);
                    break;
                case TrailingClosureContext trailing:
                    var closure = BuildClosure(trailing.closure());
                    current = ApplyArguments(current, new ArgumentList([closure], [], false, closure.Span), span);
                    break;
            }
        }

        if (context.op is { } op)
        {
            current = new UnaryExpression(
                op.Type == JenkinsfileLexer.INC ? UnaryOperator.PostIncrement : UnaryOperator.PostDecrement,
                current,
                Span(context));
        }

        return castType is null ? current : new CastExpression(castType, current, false, Span(context));
    }

    /// <summary>
    /// The class a parenthesised name stands for when it reads as one: a name (or a qualified name,
    /// java.util.List) whose last part starts with an upper-case letter, as Groovy's convention has it.
    /// </summary>
    private static string? ClassName(Expression expression)
    {
        var name = QualifiedName(expression);
        return name is not null && char.IsUpper(name[(name.LastIndexOf('.') + 1)..][0]) ? name : null;
    }

    private static string? QualifiedName(Expression expression) => expression switch
    {
        VariableExpression { Name: { Length: > 0 } name } => name,
        PropertyExpression { Target: { } target, DynamicName: null, Access: MemberAccessKind.Normal, Name: { Length: > 0 } name }
            when QualifiedName(target) is { } prefix => prefix + "." + name,
        _ => null,
    };

    private static bool IsCall(List<IParseTree> children, int index) =>
        index < children.Count && children[index] is CallArgumentsContext or TrailingClosureContext;

    /// <summary>
    /// The arguments of a call from the call elements after <paramref name="index"/>: one argument
    /// list and any trailing closures, or closures only. Spans are those of reading one element at a
    /// time: the arguments of a member call start with the call (<paramref name="argumentsStart"/>),
    /// those of a call on the script with the arguments. Leaves <paramref name="index"/> on the last
    /// element used; <paramref name="callSpan"/> grows from <paramref name="span"/> over the elements.
    /// </summary>
    private ArgumentList BuildCallArguments(SourceSpan span, SourceSpan? argumentsStart, List<IParseTree> children, ref int index, out SourceSpan callSpan)
    {
        callSpan = span;
        ImmutableArray<Expression> positional = [];
        List<Expression>? closures = null;
        var named = ImmutableArray<NamedArgument>.Empty;
        var hasParentheses = false;
        SourceSpan? argumentSpan = null;
        var first = true;
        while (index + 1 < children.Count)
        {
            var element = children[index + 1];
            if (element is CallArgumentsContext callArguments && first)
            {
                var arguments = BuildArguments(callArguments.arguments());
                positional = arguments.Positional;
                named = arguments.Named;
                hasParentheses = true;
                argumentSpan = arguments.Span;
            }
            else if (element is TrailingClosureContext trailing)
            {
                var closure = BuildClosure(trailing.closure());
                (closures ??= new List<Expression>(1)).Add(closure);
                argumentSpan = argumentSpan is { } previous ? SourceSpan.Between(previous, closure.Span) : closure.Span;
            }
            else
            {
                break;
            }

            if (first && argumentsStart is { } start)
            {
                argumentSpan = SourceSpan.Between(start, argumentSpan!.Value);
            }

            first = false;
            callSpan = SourceSpan.Between(callSpan, Span((ParserRuleContext)element));
            index++;
        }

        if (closures is not null)
        {
            var all = new Expression[positional.Length + closures.Count];
            positional.CopyTo(all);
            closures.CopyTo(all, positional.Length);
            positional = ImmutableCollectionsMarshal.AsImmutableArray(all);
        }

        return new ArgumentList(positional, named, hasParentheses, argumentSpan ?? span);
    }

    /// <summary>
    /// Attaches arguments to what came before: a name becomes a call on the script, a method call
    /// without arguments yet takes them, a trailing closure joins the call it follows, and anything
    /// else is called as a value.
    /// </summary>
    private static Expression ApplyArguments(Expression callee, ArgumentList arguments, SourceSpan span)
    {
        switch (callee)
        {
            case VariableExpression variable when variable.Name is not ("this" or "super"):
                return new MethodCallExpression(null, variable.Name, null, arguments, MemberAccessKind.Normal, false, span)
                {
                    NameSpan = variable.Span,
                };
            case MethodCallExpression call when call.Arguments.IsEmpty && !call.Arguments.HasParentheses:
                return call with { Arguments = arguments with { Span = SourceSpan.Between(call.Span, arguments.Span) }, Span = span };
            case MethodCallExpression call when !arguments.HasParentheses:
                var merged = call.Arguments with
                {
                    Positional = call.Arguments.Positional.AddRange(arguments.Positional),
                    Span = SourceSpan.Between(call.Arguments.Span, arguments.Span),
                };
                return call with { Arguments = merged, Span = span };
            default:
                return new CallExpression(callee, arguments, span);
        }
    }

    private (string Name, Expression? Dynamic) BuildMemberName(MemberNameContext? context)
    {
        if (context is null || context.ChildCount == 0)
        {
            return (string.Empty, null);
        }

        switch (context.GetChild(0))
        {
            case GstringContext gstring:
                var value = BuildGString(gstring);
                return value is StringLiteral s ? (s.Value, null) : (string.Empty, value);
            case ITerminalNode { Symbol.Type: LPAREN }:
                return context.expression() is { } expression ? (string.Empty, BuildExpression(expression)) : (TextOf(context), null);
            case ITerminalNode { Symbol: var token } when IsStringToken(token.Type):
                return (StringValue(token), null);
            default:
                return (TextOf(context), null);
        }
    }

    private static bool IsStringToken(int type) =>
        type is SQ_STRING or TSQ_STRING or DQ_STRING or UNTERMINATED_SQ or UNTERMINATED_TSQ;

    private ArgumentList BuildArguments(ArgumentsContext context)
    {
        var children = Children(context);
        var positionalCount = 0;
        var namedCount = 0;
        foreach (var child in children)
        {
            if (child is ArgumentContext argument)
            {
                if (IsNamed(argument))
                {
                    namedCount++;
                }
                else
                {
                    positionalCount++;
                }
            }
        }

        var positional = positionalCount == 0 ? [] : new Expression[positionalCount];
        var named = namedCount == 0 ? [] : new NamedArgument[namedCount];
        var p = 0;
        var n = 0;
        foreach (var child in children)
        {
            if (child is not ArgumentContext argument)
            {
                continue;
            }

            if (IsNamed(argument))
            {
                named[n++] = BuildNamedArgument((NamedArgumentContext)argument.GetChild(0));
            }
            else if (argument.MUL() is not null)
            {
                positional[p++] = new SpreadExpression(BuildExpression(argument.expression()), Span(argument));
            }
            else
            {
                positional[p++] = BuildExpression(argument.expression());
            }
        }

        return new ArgumentList(
            ImmutableCollectionsMarshal.AsImmutableArray(positional), ImmutableCollectionsMarshal.AsImmutableArray(named), true, Span(context));
    }

    private ImmutableArray<Expression> BuildExpressionList(ExpressionListContext? context)
    {
        var count = Count<ExpressionContext>(context);
        if (count == 0)
        {
            return [];
        }

        var expressions = new Expression[count];
        var n = 0;
        foreach (var child in Children(context))
        {
            if (child is ExpressionContext expression)
            {
                expressions[n++] = BuildExpression(expression);
            }
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(expressions);
    }

    private Expression BuildPrimary(PrimaryContext? context)
    {
        if (context is null)
        {
            return new ErrorExpression(default);
        }

        switch (context)
        {
            case LiteralPrimaryContext c:
                return c.value.Type switch
                {
                    INTEGER_LITERAL or FLOAT_LITERAL => BuildNumber(c.value),
                    TRUE => new ConstantExpression(true, Span(c)),
                    FALSE => new ConstantExpression(false, Span(c)),
                    _ => new ConstantExpression(null, Span(c)),
                };
            case StringPrimaryContext c:
                return BuildStringLiteral(c.value);
            case GstringPrimaryContext c:
                return BuildGString(c.gstring());
            case IdentifierPrimaryContext c:
                return new VariableExpression(c.name.Text, Span(c));
            case ThisPrimaryContext:
                return new VariableExpression("this", Span(context));
            case SuperPrimaryContext:
                return new VariableExpression("super", Span(context));
            case ParenPrimaryContext c:
                return BuildExpression(c.expression());
            case EmptyMapPrimaryContext:
                return new MapExpression([], Span(context));
            case MapPrimaryContext c:
                return BuildMap(c);
            case ListPrimaryContext c:
                return BuildList(c);
            case ClosurePrimaryContext c:
                return BuildClosure(c.closure());
            case CreatorPrimaryContext c:
                return BuildCreator(c.creator());
            case PrimitiveTypePrimaryContext c:
                var rank = 0;
                foreach (var child in Children(c))
                {
                    rank += child is ITerminalNode { Symbol.Type: LBRACK } ? 1 : 0;
                }

                var span = Span(context);
                return new ClassExpression(new TypeReference(TextOf(c.primitiveType()), [], rank, span), span);
            default:
                return new ErrorExpression(Span(context));
        }
    }

    private MapExpression BuildMap(MapPrimaryContext context)
    {
        var entries = new NamedArgument[Count<MapEntryContext>(context)];
        var n = 0;
        foreach (var child in Children(context))
        {
            if (child is MapEntryContext entry)
            {
                entries[n++] = BuildMapEntry(entry);
            }
        }

        return new MapExpression(ImmutableCollectionsMarshal.AsImmutableArray(entries), Span(context));
    }

    private ListExpression BuildList(ListPrimaryContext context)
    {
        var count = Count<ListElementContext>(context);
        var elements = count == 0 ? [] : new Expression[count];
        var n = 0;
        foreach (var child in Children(context))
        {
            if (child is ListElementContext element)
            {
                elements[n++] = element.MUL() is not null
                    ? new SpreadExpression(BuildExpression(element.expression()), Span(element))
                    : BuildExpression(element.expression());
            }
        }

        return new ListExpression(ImmutableCollectionsMarshal.AsImmutableArray(elements), Span(context));
    }

    private NamedArgument BuildMapEntry(MapEntryContext context) =>
        context.SPREAD_MAP() is not null
            ? new NamedArgument(null, BuildExpression(context.expression()), Span(context))
            : new NamedArgument(BuildMapKey(context.mapKey()), BuildExpression(context.expression()), Span(context));

    public ClosureExpression BuildClosure(ClosureContext? context)
    {
        if (context is null)
        {
            return new ClosureExpression([], false, new BlockStatement([], default), default);
        }

        var span = Span(context);
        var parameters = BuildParameters(context.closureParameters());
        var body = new BlockStatement(BuildStatements(context.blockBody()), span);
        return new ClosureExpression(parameters, context.ARROW() is not null, body, span);
    }

    private NewExpression BuildCreator(CreatorContext context)
    {
        var span = Span(context);
        var qualified = context.qualifiedClassName();
        var primitive = context.primitiveType();
        var typeSpan = qualified is not null ? Span(qualified) : primitive is not null ? Span(primitive) : span;
        var typeName = qualified is not null ? TextOf(qualified) : primitive is not null ? TextOf(primitive) : string.Empty;
        var typeArguments = BuildTypeArguments(context.typeArguments());
        if (context.arrayDimensions() is { } dimensions)
        {
            var sizes = ImmutableArray.CreateBuilder<Expression?>();
            var rank = 0;
            foreach (var child in Children(dimensions))
            {
                if (child is ExpressionContext size)
                {
                    sizes.Add(BuildExpression(size));
                }
                else if (child is ITerminalNode { Symbol.Type: LBRACK })
                {
                    rank++;
                }
            }

            ImmutableArray<Expression>? elements = null;
            if (context.arrayInitializer() is { } initializer)
            {
                var values = ImmutableArray.CreateBuilder<Expression>();
                foreach (var child in Children(initializer))
                {
                    if (child is ExpressionContext value)
                    {
                        values.Add(BuildExpression(value));
                    }
                }

                elements = values.ToImmutable();
            }

            return new NewExpression(new TypeReference(typeName, typeArguments, rank, typeSpan), ArgumentList.None(span),
                sizes.Count == 0 ? [null] : sizes.ToImmutable(), elements, span);
        }

        if (context.classBody() is not null)
        {
            Report(Diagnostics.DiagnosticCatalog.Unsupported(span, "An anonymous inner class"));
        }

        var arguments = context.arguments() is { } args ? BuildArguments(args) : ArgumentList.None(span);
        return new NewExpression(new TypeReference(typeName, typeArguments, 0, typeSpan), arguments, [], null, span);
    }

    private static ConstantExpression BuildNumber(IToken token) =>
        new(NumberLiterals.Parse(token.Text, token.Type == JenkinsfileLexer.FLOAT_LITERAL), Span(token));
}
