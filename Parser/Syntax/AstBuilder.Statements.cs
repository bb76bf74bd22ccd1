using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Ast.Statements;
using ContainerCd.Parser.Text;
using static ContainerCd.Parser.Grammar.JenkinsfileParser;

namespace ContainerCd.Parser.Syntax;

internal sealed partial class AstBuilder
{
    public BlockStatement BuildBlock(BlockContext? context)
    {
        if (context is null)
        {
            return new BlockStatement([], default);
        }

        return new BlockStatement(BuildStatements(context.blockBody()), Span(context));
    }

    /// <summary>The statements of a block body, a switch section or a GString's <c>${ }</c>, without empty ones.</summary>
    private ImmutableArray<Statement> BuildStatements(Antlr4.Runtime.ParserRuleContext? body)
    {
        var count = Count<StatementContext>(body);
        if (count == 0)
        {
            return [];
        }

        var statements = new Statement[count];
        var n = 0;
        foreach (var child in Children(body))
        {
            if (child is StatementContext context && BuildStatement(context) is var statement and not EmptyStatement)
            {
                statements[n++] = statement;
            }
        }

        if (n < count)
        {
            Array.Resize(ref statements, n);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(statements);
    }

    /// <summary>
    /// Builds a statement as soon as the parser has finished it and drops its subtree: the statements
    /// around it will take the built one (see <see cref="Grammar.JenkinsfileParserBase.StatementParsed"/>).
    /// </summary>
    public void OnStatementParsed(StatementContext context)
    {
        context.Built = BuildStatement(context);
        context.children = null;
    }

    public Statement BuildStatement(StatementContext context)
    {
        if (context.Built is { } built)
        {
            return built;
        }

        EnsureStack();
        var span = Span(context);
        switch (context)
        {
            case BlockStatementContext block:
                return BuildBlock(block.block());
            case IfStatementContext c:
                var then = c.then;
                var otherwise = c.otherwise;
                return new IfStatement(
                    BuildExpression(c.expression()),
                    then is not null ? BuildStatement(then) : new EmptyStatement(span),
                    otherwise is not null ? BuildStatement(otherwise) : null,
                    span);
            case ForStatementContext c:
                return BuildFor(c);
            case WhileStatementContext c:
                return new WhileStatement(BuildExpression(c.expression()), BuildStatementOrEmpty(c.statement()), false, span);
            case DoWhileStatementContext c:
                return new WhileStatement(BuildExpression(c.expression()), BuildStatementOrEmpty(c.statement()), true, span);
            case SwitchStatementContext c:
                return BuildSwitch(c, span);
            case TryStatementContext c:
                return BuildTry(c, span);
            case ReturnStatementContext c:
                return new ReturnStatement(c.expression() is { } value ? BuildExpression(value) : null, span);
            case ThrowStatementContext c:
                return new ThrowStatement(BuildExpression(c.expression()), span);
            case BreakStatementContext c:
                return new BreakStatement(false, c.identifier() is { } breakLabel ? TextOf(breakLabel) : null, span);
            case ContinueStatementContext c:
                return new BreakStatement(true, c.identifier() is { } continueLabel ? TextOf(continueLabel) : null, span);
            case AssertStatementContext c:
                var condition = c.expression(0);
                var message = c.expression(1);
                return new AssertStatement(
                    BuildExpression(condition),
                    message is not null ? BuildExpression(message) : null,
                    span);
            case LabeledStatementContext c:
                return new LabeledStatement(TextOf(c.identifier()), BuildStatementOrEmpty(c.statement()), span);
            case DeclarationStatementContext c:
                return BuildDeclaration(c.localVariableDeclaration());
            case LocalMethodStatementContext c:
                return new MethodDeclarationStatement(BuildMethod(c.methodDeclaration()), span);
            case LocalClassStatementContext c:
                return new ClassDeclarationStatement(BuildClass(c.classDeclaration()), span);
            case CommandStatementContext c:
                return new ExpressionStatement(BuildCommand(c.commandExpression()), span);
            case MultipleAssignmentStatementContext c:
                // (a, b) = [b, a]
                var targets = ImmutableCollectionsMarshal.AsImmutableArray(Names(c));
                var list = new ListExpression(targets, SourceSpan.Between(targets[0].Span, targets[^1].Span));
                return new ExpressionStatement(new AssignmentExpression(list, null, false, BuildExpression(c.expression()), span), span);
            case ExpressionStatementContext c:
                return new ExpressionStatement(BuildExpression(c.expression()), span);
            default:
                return new EmptyStatement(span);
        }
    }

    /// <summary>The identifiers of a context as variables: <c>(a, b) = ...</c>.</summary>
    private static Expression[] Names(Antlr4.Runtime.ParserRuleContext context)
    {
        var names = new Expression[Count<IdentifierContext>(context)];
        var n = 0;
        foreach (var child in Children(context))
        {
            if (child is IdentifierContext name)
            {
                names[n++] = new VariableExpression(TextOf(name), Span(name));
            }
        }

        return names;
    }

    private Statement BuildStatementOrEmpty(StatementContext? context) =>
        context is null ? new EmptyStatement(default) : BuildStatement(context);

    private Statement BuildFor(ForStatementContext context)
    {
        var span = Span(context);
        var body = BuildStatementOrEmpty(context.statement());
        switch (context.forControl())
        {
            case ForInControlContext c:
                return new ForInStatement(
                    c.identifier() is { } variable ? TextOf(variable) : string.Empty,
                    c.type() is { } type ? BuildType(type) : null,
                    BuildExpression(c.expression()),
                    body,
                    span);
            case ClassicForControlContext c:
                Statement? initializer = c.forInit() switch
                {
                    { } init when init.localVariableDeclaration() is { } declaration => BuildDeclaration(declaration),
                    { } init when init.expressionList() is { } list => BuildExpressionListStatement(list),
                    _ => null,
                };
                return new ForStatement(
                    initializer,
                    c.expression() is { } condition ? BuildExpression(condition) : null,
                    c.expressionList() is { } updates ? BuildExpressionList(updates) : [],
                    body,
                    span);
            default:
                return new ForStatement(null, null, [], body, span);
        }
    }

    private Statement BuildExpressionListStatement(ExpressionListContext list)
    {
        var expressions = BuildExpressionList(list);
        if (expressions.Length == 1)
        {
            return new ExpressionStatement(expressions[0], expressions[0].Span);
        }

        var statements = new Statement[expressions.Length];
        for (var i = 0; i < expressions.Length; i++)
        {
            statements[i] = new ExpressionStatement(expressions[i], expressions[i].Span);
        }

        return new BlockStatement(ImmutableCollectionsMarshal.AsImmutableArray(statements), Span(list));
    }

    private SwitchStatement BuildSwitch(SwitchStatementContext context, SourceSpan span)
    {
        var sections = ImmutableArray.CreateBuilder<SwitchCase>(Count<SwitchSectionContext>(context));
        foreach (var child in Children(context))
        {
            if (child is SwitchSectionContext section)
            {
                sections.Add(BuildSwitchSection(section));
            }
        }

        return new SwitchStatement(BuildExpression(context.expression()), sections.MoveToImmutable(), span);
    }

    private SwitchCase BuildSwitchSection(SwitchSectionContext context)
    {
        var labels = ImmutableArray.CreateBuilder<Expression>();
        var isDefault = false;
        foreach (var child in Children(context))
        {
            if (child is not SwitchLabelContext label)
            {
                continue;
            }

            if (label.DEFAULT() is not null)
            {
                isDefault = true;
            }
            else
            {
                labels.Add(BuildExpression(label.expression()));
            }
        }

        return new SwitchCase(labels.ToImmutable(), isDefault, BuildStatements(context.blockBody()), Span(context));
    }

    private TryStatement BuildTry(TryStatementContext context, SourceSpan span)
    {
        var catches = ImmutableArray.CreateBuilder<CatchClause>(Count<CatchClauseContext>(context));
        BlockContext? body = null;
        BlockContext? last = null;
        foreach (var child in Children(context))
        {
            switch (child)
            {
                case BlockContext block:
                    body ??= block;
                    last = block;
                    break;
                case CatchClauseContext catchClause:
                    catches.Add(BuildCatch(catchClause));
                    break;
            }
        }

        return new TryStatement(
            BuildBlock(body),
            catches.MoveToImmutable(),
            context.FINALLY() is not null && last is not null && last != body ? BuildBlock(last) : null,
            span);
    }

    private CatchClause BuildCatch(CatchClauseContext context)
    {
        var types = ImmutableArray.CreateBuilder<string>();
        foreach (var child in Children(context.catchTypes()))
        {
            if (child is QualifiedClassNameContext type)
            {
                types.Add(TextOf(type));
            }
        }

        return new CatchClause(types.ToImmutable(), context.identifier() is { } name ? TextOf(name) : string.Empty,
            BuildBlock(context.block()), Span(context));
    }

    private DeclarationStatement BuildDeclaration(LocalVariableDeclarationContext context)
    {
        var span = Span(context);
        var annotations = Annotations(context.modifiers());
        var type = context.type() is { } typeContext ? BuildType(typeContext) : null;
        if (context.variableDeclarators() is { } declarators)
        {
            return new DeclarationStatement(type, BuildDeclarators(declarators), annotations, null, span);
        }

        // def (a, b) = [1, 2]
        var names = ImmutableArray.CreateBuilder<VariableDeclarator>(Count<IdentifierContext>(context));
        foreach (var child in Children(context))
        {
            if (child is IdentifierContext name)
            {
                names.Add(new VariableDeclarator(TextOf(name), null, Span(name)));
            }
        }

        return new DeclarationStatement(null, names.MoveToImmutable(), annotations, BuildExpression(context.expression()), span);
    }

    private ImmutableArray<VariableDeclarator> BuildDeclarators(VariableDeclaratorsContext? context)
    {
        var count = Count<VariableDeclaratorContext>(context);
        if (count == 0)
        {
            return [];
        }

        var declarators = new VariableDeclarator[count];
        var n = 0;
        foreach (var child in Children(context))
        {
            if (child is VariableDeclaratorContext declarator)
            {
                declarators[n++] = new VariableDeclarator(
                    declarator.identifier() is { } name ? TextOf(name) : string.Empty,
                    declarator.variableInitializer() is { } init ? BuildInitializer(init) : null,
                    Span(declarator));
            }
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(declarators);
    }

    private Expression BuildInitializer(VariableInitializerContext context) =>
        context.commandExpression() is { } command ? BuildCommand(command) : BuildExpression(context.expression());
}
