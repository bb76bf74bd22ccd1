using System.Collections.Immutable;
using Antlr4.Runtime;
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
        var span = Span(context);
        switch (context)
        {
            case PostfixExprContext c:
                return BuildPostfix(c.postfixExpression());
            case CastExprContext c:
                return new CastExpression(BuildType(c.castParExpression().type()), BuildExpression(c.expression()), false, span);
            case PrefixExprContext c:
                return new UnaryExpression(
                    c.op.Type == JenkinsfileLexer.INC ? UnaryOperator.PreIncrement : UnaryOperator.PreDecrement,
                    BuildExpression(c.expression()),
                    span);
            case UnaryExprContext c:
                return BuildUnary(c, span);
            case PowerExprContext c:
                return Binary(c.left, BinaryOperator.Power, c.right, span);
            case MultiplicativeExprContext c:
                return Binary(c.left, c.op.Type switch
                {
                    JenkinsfileLexer.MUL => BinaryOperator.Multiply,
                    JenkinsfileLexer.DIV => BinaryOperator.Divide,
                    _ => BinaryOperator.Modulo,
                }, c.right, span);
            case AdditiveExprContext c:
                return Binary(c.left, c.op.Type == JenkinsfileLexer.ADD ? BinaryOperator.Add : BinaryOperator.Subtract, c.right, span);
            case ShiftExprContext c:
                var shift = c.shiftOperator();
                return Binary(c.left, shift.LT().Length > 0 ? BinaryOperator.LeftShift
                    : shift.GT().Length == 3 ? BinaryOperator.UnsignedRightShift : BinaryOperator.RightShift, c.right, span);
            case RangeExprContext c:
                return new RangeExpression(BuildExpression(c.left), BuildExpression(c.right),
                    c.op.Type == JenkinsfileLexer.RANGE_EXCLUSIVE, span);
            case RelationalExprContext c:
                return Binary(c.left, c.op.Type switch
                {
                    JenkinsfileLexer.LT => BinaryOperator.Less,
                    JenkinsfileLexer.LE => BinaryOperator.LessOrEqual,
                    JenkinsfileLexer.GT => BinaryOperator.Greater,
                    JenkinsfileLexer.GE => BinaryOperator.GreaterOrEqual,
                    JenkinsfileLexer.IN => BinaryOperator.In,
                    _ => BinaryOperator.NotIn,
                }, c.right, span);
            case InstanceofExprContext c:
                return new InstanceOfExpression(BuildExpression(c.left), BuildType(c.type()),
                    c.op.Type == JenkinsfileLexer.NOT_INSTANCEOF, span);
            case AsExprContext c:
                return new CastExpression(BuildType(c.type()), BuildExpression(c.left), true, span);
            case EqualityExprContext c:
                return Binary(c.left, c.op.Type switch
                {
                    JenkinsfileLexer.EQUAL => BinaryOperator.Equal,
                    JenkinsfileLexer.NOT_EQUAL => BinaryOperator.NotEqual,
                    JenkinsfileLexer.IDENTICAL => BinaryOperator.Identical,
                    JenkinsfileLexer.NOT_IDENTICAL => BinaryOperator.NotIdentical,
                    _ => BinaryOperator.Compare,
                }, c.right, span);
            case RegexExprContext c:
                return Binary(c.left, c.op.Type == JenkinsfileLexer.REGEX_FIND ? BinaryOperator.RegexFind : BinaryOperator.RegexMatch, c.right, span);
            case BitAndExprContext c:
                return Binary(c.left, BinaryOperator.BitAnd, c.right, span);
            case XorExprContext c:
                return Binary(c.left, BinaryOperator.BitXor, c.right, span);
            case BitOrExprContext c:
                return Binary(c.left, BinaryOperator.BitOr, c.right, span);
            case AndExprContext c:
                return Binary(c.left, BinaryOperator.And, c.right, span);
            case OrExprContext c:
                return Binary(c.left, BinaryOperator.Or, c.right, span);
            case TernaryExprContext c:
                return new TernaryExpression(BuildExpression(c.condition), BuildExpression(c.whenTrue), BuildExpression(c.whenFalse), span);
            case ElvisExprContext c:
                return new ElvisExpression(BuildExpression(c.left), BuildExpression(c.right), span);
            case AssignmentExprContext c:
                return BuildAssignment(c, span);
            default:
                return new ErrorExpression(span);
        }
    }

    private BinaryExpression Binary(ExpressionContext left, BinaryOperator op, ExpressionContext right, SourceSpan span) =>
        new(BuildExpression(left), op, BuildExpression(right), span);

    private UnaryExpression BuildUnary(UnaryExprContext context, SourceSpan span)
    {
        var operand = BuildExpression(context.expression());
        var op = context.op.Type switch
        {
            JenkinsfileLexer.NOT => UnaryOperator.Not,
            JenkinsfileLexer.BITNOT => UnaryOperator.BitNot,
            JenkinsfileLexer.ADD => UnaryOperator.Plus,
            _ => UnaryOperator.Negate,
        };
        return new UnaryExpression(op, operand, span);
    }

    private AssignmentExpression BuildAssignment(AssignmentExprContext context, SourceSpan span)
    {
        var target = BuildExpression(context.left);
        var valueContext = context.assignmentValue();
        var value = valueContext?.commandExpression() is { } command ? BuildCommand(command) : BuildExpression(valueContext?.expression());
        var opText = context.assignmentOperator().GetText();
        BinaryOperator? op = opText switch
        {
            "=" => null,
            "+=" => BinaryOperator.Add,
            "-=" => BinaryOperator.Subtract,
            "*=" => BinaryOperator.Multiply,
            "/=" => BinaryOperator.Divide,
            "%=" => BinaryOperator.Modulo,
            "**=" => BinaryOperator.Power,
            "&=" => BinaryOperator.BitAnd,
            "|=" => BinaryOperator.BitOr,
            "^=" => BinaryOperator.BitXor,
            "<<=" => BinaryOperator.LeftShift,
            ">>=" => BinaryOperator.RightShift,
            ">>>=" => BinaryOperator.UnsignedRightShift,
            _ => null,
        };
        return new AssignmentExpression(target, op, opText == "?=", value, span);
    }

    public MethodCallExpression BuildCommand(CommandExpressionContext context)
    {
        var targetContext = context.commandTarget();
        var names = targetContext.identifier().Cast<ParserRuleContext>().Append(targetContext.commandName()).ToArray();
        Expression? target = targetContext.THIS() is not null ? new VariableExpression("this", Span(targetContext.THIS())) : null;
        for (var i = 0; i < names.Length - 1; i++)
        {
            var part = names[i];
            target = target is null
                ? new VariableExpression(part.GetText(), Span(part))
                : new PropertyExpression(target, part.GetText(), null, MemberAccessKind.Normal, SourceSpan.Between(target.Span, Span(part)));
        }

        var positional = ImmutableArray.CreateBuilder<Expression>();
        var named = ImmutableArray.CreateBuilder<NamedArgument>();
        foreach (var argument in context.commandArgument())
        {
            if (argument.namedArgument() is { } namedArgument)
            {
                named.Add(BuildNamedArgument(namedArgument));
            }
            else
            {
                positional.Add(BuildExpression(argument.commandFirstExpression()?.expression()));
            }
        }

        var nameNode = names.Length > 0 ? names[^1] : null;
        var arguments = context.commandArgument();
        var argumentSpan = arguments.Length > 0
            ? SourceSpan.Between(Span(arguments[0]), Span(arguments[^1]))
            : default;
        return new MethodCallExpression(
            target,
            nameNode?.GetText() ?? string.Empty,
            null,
            new ArgumentList(positional.ToImmutable(), named.ToImmutable(), false, argumentSpan),
            MemberAccessKind.Normal,
            true,
            Span(context))
        {
            NameSpan = nameNode is null ? Span(context) : Span(nameNode),
        };
    }

    private NamedArgument BuildNamedArgument(NamedArgumentContext context) =>
        context.SPREAD_MAP() is not null
            ? new NamedArgument(null, BuildExpression(context.expression()), Span(context))
            : new NamedArgument(BuildMapKey(context.mapKey()), BuildExpression(context.expression()), Span(context));

    private Expression BuildMapKey(MapKeyContext? context)
    {
        if (context is null)
        {
            return new ErrorExpression(default);
        }

        var span = Span(context);
        if (context.identifier() is not null || context.keyword() is not null)
        {
            return new StringLiteral(context.GetText(), StringQuote.None, span);
        }

        if (context.stringLiteral() is { } literal)
        {
            return BuildStringLiteral(literal);
        }

        if (context.gstring() is { } gstring)
        {
            return BuildGString(gstring);
        }

        if (context.expression() is { } expression)
        {
            return BuildExpression(expression);
        }

        var number = context.INTEGER_LITERAL() ?? context.FLOAT_LITERAL();
        return number is null ? new ErrorExpression(span) : BuildNumber(number.Symbol);
    }

    private Expression BuildPostfix(PostfixExpressionContext context)
    {
        var current = BuildPrimary(context.primary());
        var elements = context.pathElement();
        for (var i = 0; i < elements.Length; i++)
        {
            EnsureStack();
            var element = elements[i];
            var span = SourceSpan.Between(current.Span, Span(element));
            switch (element)
            {
                case MemberAccessContext member:
                    var (name, dynamicName) = BuildMemberName(member.memberName());
                    var access = member.SAFE_DOT() is not null ? MemberAccessKind.Safe
                        : member.SPREAD_DOT() is not null ? MemberAccessKind.Spread
                        : member.ATTR_DOT() is not null ? MemberAccessKind.Attribute
                        : MemberAccessKind.Normal;
                    var next = i + 1 < elements.Length ? elements[i + 1] : null;
                    if (next is CallArgumentsContext or TrailingClosureContext)
                    {
                        current = new MethodCallExpression(current, name, dynamicName, ArgumentList.None(span), access, false, span)
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

        return current;
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
        if (context is null)
        {
            return (string.Empty, null);
        }

        if (context.stringLiteral() is { } literal)
        {
            return (StringValue(literal), null);
        }

        if (context.gstring() is { } gstring)
        {
            var value = BuildGString(gstring);
            return value is StringLiteral s ? (s.Value, null) : (string.Empty, value);
        }

        if (context.expression() is { } expression)
        {
            return (string.Empty, BuildExpression(expression));
        }

        return (context.GetText(), null);
    }

    private ArgumentList BuildArguments(ArgumentsContext context)
    {
        var positional = ImmutableArray.CreateBuilder<Expression>();
        var named = ImmutableArray.CreateBuilder<NamedArgument>();
        foreach (var argument in context.argument())
        {
            if (argument.namedArgument() is { } namedArgument)
            {
                named.Add(BuildNamedArgument(namedArgument));
            }
            else if (argument.MUL() is not null)
            {
                positional.Add(new SpreadExpression(BuildExpression(argument.expression()), Span(argument)));
            }
            else
            {
                positional.Add(BuildExpression(argument.expression()));
            }
        }

        return new ArgumentList(positional.ToImmutable(), named.ToImmutable(), true, Span(context));
    }

    private ImmutableArray<Expression> BuildExpressionList(ExpressionListContext? context) =>
        context is null ? [] : context.expression().Select(BuildExpression).ToImmutableArray();

    private Expression BuildPrimary(PrimaryContext? context)
    {
        if (context is null)
        {
            return new ErrorExpression(default);
        }

        var span = Span(context);
        switch (context)
        {
            case LiteralPrimaryContext c:
                return BuildLiteral(c.literal());
            case GstringPrimaryContext c:
                return BuildGString(c.gstring());
            case IdentifierPrimaryContext c:
                return new VariableExpression(c.GetText(), span);
            case ThisPrimaryContext:
                return new VariableExpression("this", span);
            case SuperPrimaryContext:
                return new VariableExpression("super", span);
            case ParenPrimaryContext c:
                return BuildExpression(c.expression());
            case EmptyMapPrimaryContext:
                return new MapExpression([], span);
            case MapPrimaryContext c:
                return new MapExpression(c.mapEntry().Select(BuildMapEntry).ToImmutableArray(), span);
            case ListPrimaryContext c:
                return new ListExpression(c.listElement().Select(e => e.MUL() is not null
                    ? new SpreadExpression(BuildExpression(e.expression()), Span(e))
                    : BuildExpression(e.expression())).ToImmutableArray(), span);
            case ClosurePrimaryContext c:
                return BuildClosure(c.closure());
            case CreatorPrimaryContext c:
                return BuildCreator(c.creator());
            case PrimitiveTypePrimaryContext c:
                return new ClassExpression(new TypeReference(c.primitiveType().GetText(), [], c.LBRACK().Length, span), span);
            default:
                return new ErrorExpression(span);
        }
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

        var parameters = BuildParameters(context.closureParameters()?.formalParameter());
        var body = new BlockStatement(BuildStatements(context.blockBody()), Span(context));
        return new ClosureExpression(parameters, context.ARROW() is not null, body, Span(context));
    }

    private NewExpression BuildCreator(CreatorContext context)
    {
        var span = Span(context);
        var typeSpan = context.qualifiedClassName() is { } q ? Span(q) : context.primitiveType() is { } p ? Span(p) : span;
        var typeName = context.qualifiedClassName()?.GetText() ?? context.primitiveType()?.GetText() ?? string.Empty;
        var typeArguments = context.typeArguments()?.typeArgument()
            .Select(a => a.type() is { } t ? BuildType(t) : new TypeReference("?", [], 0, Span(a))).ToImmutableArray() ?? [];
        if (context.arrayDimensions() is { } dimensions)
        {
            var sizes = dimensions.children
                .OfType<ExpressionContext>()
                .Select(e => (Expression?)BuildExpression(e))
                .ToImmutableArray();
            var rank = dimensions.LBRACK().Length;
            var elements = context.arrayInitializer()?.expression().Select(BuildExpression).ToImmutableArray();
            return new NewExpression(new TypeReference(typeName, typeArguments, rank, typeSpan), ArgumentList.None(span),
                sizes.IsEmpty ? [null] : sizes, elements, span);
        }

        if (context.classBody() is not null)
        {
            Report(Diagnostics.DiagnosticCatalog.Unsupported(span, "An anonymous inner class"));
        }

        var arguments = context.arguments() is { } args ? BuildArguments(args) : ArgumentList.None(span);
        return new NewExpression(new TypeReference(typeName, typeArguments, 0, typeSpan), arguments, [], null, span);
    }

    private static Expression BuildLiteral(LiteralContext context)
    {
        var span = Span(context);
        if (context.stringLiteral() is { } literal)
        {
            return BuildStringLiteral(literal);
        }

        if (context.INTEGER_LITERAL() is { } integer)
        {
            return BuildNumber(integer.Symbol);
        }

        if (context.FLOAT_LITERAL() is { } number)
        {
            return BuildNumber(number.Symbol);
        }

        return new ConstantExpression(
            context.TRUE() is not null ? true : context.FALSE() is not null ? false : null,
            span);
    }

    private static ConstantExpression BuildNumber(IToken token) =>
        new(NumberLiterals.Parse(token.Text, token.Type == JenkinsfileLexer.FLOAT_LITERAL), Span(token));
}
