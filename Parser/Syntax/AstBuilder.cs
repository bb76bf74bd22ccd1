using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Ast.Script;
using ContainerCd.Parser.Ast.Statements;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Text;
using static ContainerCd.Parser.Grammar.JenkinsfileParser;

namespace ContainerCd.Parser.Syntax;

/// <summary>
/// Turns ANTLR's parse tree into the immutable Groovy AST. This is the only place that sees ANTLR
/// contexts; positions become <see cref="SourceSpan"/>s here. Parse trees with syntax errors may
/// have missing children: those become <see cref="ErrorExpression"/>s rather than exceptions.
/// </summary>
internal sealed partial class AstBuilder
{
    private readonly List<Diagnostic> _diagnostics;

    public AstBuilder(List<Diagnostic> diagnostics)
    {
        _diagnostics = diagnostics;
    }

    public ScriptNode BuildScript(CompilationUnitContext context)
    {
        var imports = ImmutableArray.CreateBuilder<ImportNode>();
        var annotations = ImmutableArray.CreateBuilder<AnnotationNode>();
        var methods = ImmutableArray.CreateBuilder<MethodDeclaration>();
        var classes = ImmutableArray.CreateBuilder<ClassDeclaration>();
        var statements = ImmutableArray.CreateBuilder<Statement>();

        foreach (var item in context.scriptItem())
        {
            if (item.importDeclaration() is { } import)
            {
                imports.Add(BuildImport(import));
            }
            else if (item.classDeclaration() is { } classDeclaration)
            {
                classes.Add(BuildClass(classDeclaration));
            }
            else if (item.methodDeclaration() is { } method)
            {
                methods.Add(BuildMethod(method));
            }
            else if (item.statement() is { } statementContext)
            {
                var statement = BuildStatement(statementContext);
                if (IsAnnotatedPlaceholder(statement, out var placeholderAnnotations))
                {
                    // `@Library('lib') _`: the annotations belong to the script.
                    annotations.AddRange(placeholderAnnotations);
                }
                else
                {
                    statements.Add(statement);
                }
            }
        }

        return new ScriptNode(
            imports.ToImmutable(), annotations.ToImmutable(), methods.ToImmutable(), classes.ToImmutable(),
            statements.ToImmutable(), Span(context));
    }

    private static bool IsAnnotatedPlaceholder(Statement statement, out ImmutableArray<AnnotationNode> annotations)
    {
        annotations = [];
        if (statement is DeclarationStatement { Type: null, Declarators: [{ Name: "_", Initializer: null }] } declaration
            && !declaration.Annotations.IsEmpty)
        {
            annotations = declaration.Annotations;
            return true;
        }

        return false;
    }

    private ImportNode BuildImport(ImportDeclarationContext context)
    {
        var annotations = context.annotation().Select(BuildAnnotation).ToImmutableArray();
        var name = context.qualifiedName()?.GetText() ?? string.Empty;
        return new ImportNode(
            name,
            context.STATIC() is not null,
            context.MUL() is not null,
            context.identifier()?.GetText(),
            annotations,
            Span(context));
    }

    private AnnotationNode BuildAnnotation(AnnotationContext context)
    {
        var name = context.qualifiedName()?.GetText() ?? string.Empty;
        var arguments = context.annotationArguments() is { } args
            ? BuildAnnotationArguments(args)
            : ArgumentList.None(Span(context));
        return new AnnotationNode(name, arguments, Span(context));
    }

    private ArgumentList BuildAnnotationArguments(AnnotationArgumentsContext context)
    {
        if (context.expression() is { } value)
        {
            return new ArgumentList([BuildExpression(value)], [], true, Span(context));
        }

        var named = context.namedArgument().Select(BuildNamedArgument).ToImmutableArray();
        return new ArgumentList([], named, true, Span(context));
    }

    private ClassDeclaration BuildClass(ClassDeclarationContext context)
    {
        var fields = ImmutableArray.CreateBuilder<DeclarationStatement>();
        var methods = ImmutableArray.CreateBuilder<MethodDeclaration>();
        foreach (var member in context.classBody()?.classMember() ?? [])
        {
            if (member.methodDeclaration() is { } method)
            {
                methods.Add(BuildMethod(method));
            }
            else if (member.fieldDeclaration() is { } field)
            {
                fields.Add(new DeclarationStatement(
                    field.type() is { } type ? BuildType(type) : null,
                    BuildDeclarators(field.variableDeclarators()),
                    Annotations(field.modifiers()),
                    null,
                    Span(field)));
            }
        }

        var kind = context.CLASS() is not null ? "class" : context.INTERFACE() is not null ? "interface" : "enum";
        return new ClassDeclaration(kind, context.identifier()?.GetText() ?? string.Empty, fields.ToImmutable(),
            methods.ToImmutable(), Span(context));
    }

    private MethodDeclaration BuildMethod(MethodDeclarationContext context)
    {
        var name = context.methodName() is { } methodName
            ? methodName.stringLiteral() is { } literal ? StringValue(literal) : methodName.GetText()
            : string.Empty;
        var returnType = context.typeOrVoid() switch
        {
            { } t when t.VOID() is not null => new TypeReference("void", [], 0, Span(t)),
            { } t when t.type() is { } type => BuildType(type),
            _ => null,
        };
        var modifiers = context.modifiers();
        var isStatic = modifiers?.modifier().Any(m => m.STATIC() is not null) ?? false;
        return new MethodDeclaration(
            name,
            BuildParameters(context.formalParameters()?.formalParameter()),
            returnType,
            Annotations(modifiers),
            isStatic,
            BuildBlock(context.block()),
            Span(context));
    }

    private ImmutableArray<AnnotationNode> Annotations(ModifiersContext? modifiers) =>
        modifiers is null
            ? []
            : modifiers.modifier().Where(m => m.annotation() is not null).Select(m => BuildAnnotation(m.annotation())).ToImmutableArray();

    private ImmutableArray<Parameter> BuildParameters(IEnumerable<FormalParameterContext>? parameters) =>
        parameters is null ? [] : parameters.Select(BuildParameter).ToImmutableArray();

    private Parameter BuildParameter(FormalParameterContext context) => new(
        context.identifier()?.GetText() ?? string.Empty,
        context.type() is { } type ? BuildType(type) : null,
        context.expression() is { } value ? BuildExpression(value) : null,
        context.ellipsis() is not null,
        Span(context));

    private static TypeReference BuildType(TypeContext context)
    {
        var rank = context.LBRACK().Length;
        if (context.primitiveType() is { } primitive)
        {
            return new TypeReference(primitive.GetText(), [], rank, Span(context));
        }

        var classType = context.classType();
        var name = classType?.qualifiedClassName()?.GetText() ?? string.Empty;
        var arguments = classType?.typeArguments()?.typeArgument()
            .Select(a => a.type() is { } t ? BuildType(t) : new TypeReference("?", [], 0, Span(a)))
            .ToImmutableArray() ?? [];
        return new TypeReference(name, arguments, rank, Span(context));
    }

    private void Report(Diagnostic diagnostic) => _diagnostics.Add(diagnostic);

    private static void EnsureStack() => RuntimeHelpers.EnsureSufficientExecutionStack();

    internal static SourceSpan Span(ParserRuleContext context)
    {
        var start = context.Start?.StartIndex ?? 0;
        var stop = context.Stop is { } s && s.StopIndex >= start ? s.StopIndex : start - 1;
        return new SourceSpan(Math.Max(0, start), Math.Max(0, stop - start + 1));
    }

    internal static SourceSpan Span(IToken token) =>
        new(Math.Max(0, token.StartIndex), Math.Max(0, token.StopIndex - token.StartIndex + 1));

    internal static SourceSpan Span(ITerminalNode node) => Span(node.Symbol);
}
