using System.Collections.Immutable;
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

    private ImmutableArray<Statement> BuildStatements(BlockBodyContext? body) =>
        body is null ? [] : body.statement().Select(BuildStatement).Where(s => s is not EmptyStatement).ToImmutableArray();

    public Statement BuildStatement(StatementContext context)
    {
        EnsureStack();
        var span = Span(context);
        switch (context)
        {
            case BlockStatementContext block:
                return BuildBlock(block.block());
            case IfStatementContext c:
                var branches = c.statement();
                return new IfStatement(
                    BuildExpression(c.expression()),
                    branches.Length > 0 ? BuildStatement(branches[0]) : new EmptyStatement(span),
                    branches.Length > 1 ? BuildStatement(branches[1]) : null,
                    span);
            case ForStatementContext c:
                return BuildFor(c);
            case WhileStatementContext c:
                return new WhileStatement(BuildExpression(c.expression()), BuildStatementOrEmpty(c.statement()), false, span);
            case DoWhileStatementContext c:
                return new WhileStatement(BuildExpression(c.expression()), BuildStatementOrEmpty(c.statement()), true, span);
            case SwitchStatementContext c:
                return new SwitchStatement(BuildExpression(c.expression()), c.switchSection().Select(BuildSwitchSection).ToImmutableArray(), span);
            case TryStatementContext c:
                var blocks = c.block();
                return new TryStatement(
                    BuildBlock(blocks.Length > 0 ? blocks[0] : null),
                    c.catchClause().Select(BuildCatch).ToImmutableArray(),
                    c.FINALLY() is not null && blocks.Length > 1 ? BuildBlock(blocks[^1]) : null,
                    span);
            case ReturnStatementContext c:
                return new ReturnStatement(c.expression() is { } value ? BuildExpression(value) : null, span);
            case ThrowStatementContext c:
                return new ThrowStatement(BuildExpression(c.expression()), span);
            case BreakStatementContext c:
                return new BreakStatement(false, c.identifier()?.GetText(), span);
            case ContinueStatementContext c:
                return new BreakStatement(true, c.identifier()?.GetText(), span);
            case AssertStatementContext c:
                var parts = c.expression();
                return new AssertStatement(
                    BuildExpression(parts.Length > 0 ? parts[0] : null),
                    parts.Length > 1 ? BuildExpression(parts[1]) : null,
                    span);
            case LabeledStatementContext c:
                return new LabeledStatement(c.identifier().GetText(), BuildStatementOrEmpty(c.statement()), span);
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
                var targets = c.identifier().Select(id => (Expression)new VariableExpression(id.GetText(), Span(id))).ToImmutableArray();
                var list = new ListExpression(targets, SourceSpan.Between(targets[0].Span, targets[^1].Span));
                return new ExpressionStatement(new AssignmentExpression(list, null, false, BuildExpression(c.expression()), span), span);
            case ExpressionStatementContext c:
                return new ExpressionStatement(BuildExpression(c.expression()), span);
            default:
                return new EmptyStatement(span);
        }
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
                    c.identifier()?.GetText() ?? string.Empty,
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
        var statements = expressions.Select(e => (Statement)new ExpressionStatement(e, e.Span)).ToImmutableArray();
        return statements.Length == 1 ? statements[0] : new BlockStatement(statements, Span(list));
    }

    private SwitchCase BuildSwitchSection(SwitchSectionContext context)
    {
        var labels = ImmutableArray.CreateBuilder<Expression>();
        var isDefault = false;
        foreach (var label in context.switchLabel())
        {
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

    private CatchClause BuildCatch(CatchClauseContext context)
    {
        var types = context.catchTypes()?.qualifiedClassName().Select(t => t.GetText()).ToImmutableArray() ?? [];
        return new CatchClause(types, context.identifier()?.GetText() ?? string.Empty, BuildBlock(context.block()), Span(context));
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
        var names = context.identifier()
            .Select(id => new VariableDeclarator(id.GetText(), null, Span(id)))
            .ToImmutableArray();
        return new DeclarationStatement(null, names, annotations, BuildExpression(context.expression()), span);
    }

    private ImmutableArray<VariableDeclarator> BuildDeclarators(VariableDeclaratorsContext? context) =>
        context is null
            ? []
            : context.variableDeclarator().Select(d => new VariableDeclarator(
                d.identifier()?.GetText() ?? string.Empty,
                d.variableInitializer() is { } init ? BuildInitializer(init) : null,
                Span(d))).ToImmutableArray();

    private Expression BuildInitializer(VariableInitializerContext context) =>
        context.commandExpression() is { } command ? BuildCommand(command) : BuildExpression(context.expression());
}
