using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
/// <remarks>
/// This runs on every parse, so it walks children directly and fills arrays of the exact size:
/// the generated accessors (<c>statement()</c>) copy children into a list and an array, and
/// <c>GetText()</c> concatenates through a StringBuilder.
/// </remarks>
internal sealed partial class AstBuilder
{
    private static readonly List<IParseTree> NoChildren = [];

    private readonly List<Diagnostic> _diagnostics;
    private readonly string _text;

    public AstBuilder(List<Diagnostic> diagnostics, string text)
    {
        _diagnostics = diagnostics;
        _text = text;
    }

    public ScriptNode BuildScript(CompilationUnitContext context)
    {
        var imports = ImmutableArray.CreateBuilder<ImportNode>(0);
        var annotations = ImmutableArray.CreateBuilder<AnnotationNode>(0);
        var methods = ImmutableArray.CreateBuilder<MethodDeclaration>(0);
        var classes = ImmutableArray.CreateBuilder<ClassDeclaration>(0);
        var statements = ImmutableArray.CreateBuilder<Statement>(Count<ScriptItemContext>(context));

        foreach (var child in Children(context))
        {
            if (child is not ScriptItemContext item || item.ChildCount == 0)
            {
                continue;
            }

            switch (item.GetChild(0))
            {
                case ImportDeclarationContext import:
                    imports.Add(BuildImport(import));
                    break;
                case ClassDeclarationContext classDeclaration:
                    classes.Add(BuildClass(classDeclaration));
                    break;
                case MethodDeclarationContext method:
                    methods.Add(BuildMethod(method));
                    break;
                case StatementContext statementContext:
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

                    break;
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

    private ImportNode BuildImport(ImportDeclarationContext context) => new(
        context.qualifiedName() is { } name ? TextOf(name) : string.Empty,
        context.STATIC() is not null,
        context.MUL() is not null,
        context.identifier() is { } alias ? TextOf(alias) : null,
        BuildAnnotations(context),
        Span(context));

    private ImmutableArray<AnnotationNode> BuildAnnotations(ParserRuleContext context)
    {
        var count = Count<AnnotationContext>(context);
        if (count == 0)
        {
            return [];
        }

        var annotations = new AnnotationNode[count];
        var n = 0;
        foreach (var child in Children(context))
        {
            if (child is AnnotationContext annotation)
            {
                annotations[n++] = BuildAnnotation(annotation);
            }
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(annotations);
    }

    private AnnotationNode BuildAnnotation(AnnotationContext context)
    {
        var name = context.qualifiedName() is { } qualifiedName ? TextOf(qualifiedName) : string.Empty;
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

        var named = ImmutableArray.CreateBuilder<NamedArgument>(Count<NamedArgumentContext>(context));
        foreach (var child in Children(context))
        {
            if (child is NamedArgumentContext argument)
            {
                named.Add(BuildNamedArgument(argument));
            }
        }

        return new ArgumentList([], named.MoveToImmutable(), true, Span(context));
    }

    private ClassDeclaration BuildClass(ClassDeclarationContext context)
    {
        var className = context.identifier() is { } identifier ? TextOf(identifier) : string.Empty;
        var fields = ImmutableArray.CreateBuilder<DeclarationStatement>();
        var methods = ImmutableArray.CreateBuilder<MethodDeclaration>();
        var constructors = ImmutableArray.CreateBuilder<MethodDeclaration>(0);
        foreach (var child in Children(context.classBody()))
        {
            if (child is not ClassMemberContext member)
            {
                continue;
            }

            if (member.methodDeclaration() is { } method)
            {
                methods.Add(BuildMethod(method));
            }
            else if (member.constructorDeclaration() is { } constructor)
            {
                // `Name(args) { }` and `def name(args) { }` read alike: only the class's own name makes a constructor.
                var memberName = TextOf(constructor.identifier());
                var declaration = new MethodDeclaration(
                    memberName,
                    BuildParameters(constructor.formalParameters()),
                    null,
                    Annotations(constructor.modifiers()),
                    HasStatic(constructor.modifiers()),
                    BuildBlock(constructor.block()),
                    Span(constructor));
                (memberName == className ? constructors : methods).Add(declaration);
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
        return new ClassDeclaration(kind, className, fields.ToImmutable(), methods.ToImmutable(), Span(context))
        {
            Constructors = constructors.ToImmutable(),
            SuperClass = context.EXTENDS() is not null && context.typeList(0)?.type(0) is { } superClass ? BuildType(superClass) : null,
        };
    }

    private MethodDeclaration BuildMethod(MethodDeclarationContext context)
    {
        var name = context.methodName() is { } methodName
            ? methodName.stringLiteral() is { } literal ? StringValue(literal.Start) : TextOf(methodName)
            : string.Empty;
        var returnType = context.typeOrVoid() switch
        {
            { } t when t.VOID() is not null => new TypeReference("void", [], 0, Span(t)),
            { } t when t.type() is { } type => BuildType(type),
            _ => null,
        };
        var modifiers = context.modifiers();
        return new MethodDeclaration(
            name,
            BuildParameters(context.formalParameters()),
            returnType,
            Annotations(modifiers),
            HasStatic(modifiers),
            BuildBlock(context.block()),
            Span(context));
    }

    private static bool HasStatic(ModifiersContext? modifiers)
    {
        foreach (var child in Children(modifiers))
        {
            if (child is ModifierContext modifier && modifier.STATIC() is not null)
            {
                return true;
            }
        }

        return false;
    }

    private ImmutableArray<AnnotationNode> Annotations(ModifiersContext? modifiers)
    {
        if (modifiers is null)
        {
            return [];
        }

        var annotations = ImmutableArray.CreateBuilder<AnnotationNode>(0);
        foreach (var child in Children(modifiers))
        {
            if (child is ModifierContext { ChildCount: > 0 } modifier && modifier.GetChild(0) is AnnotationContext annotation)
            {
                annotations.Add(BuildAnnotation(annotation));
            }
        }

        return annotations.ToImmutable();
    }

    /// <summary>The parameters of a method (formalParameters) or of a closure (closureParameters).</summary>
    private ImmutableArray<Parameter> BuildParameters(ParserRuleContext? parameters)
    {
        if (parameters is null)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<Parameter>(Count<FormalParameterContext>(parameters));
        foreach (var child in Children(parameters))
        {
            if (child is FormalParameterContext parameter)
            {
                result.Add(BuildParameter(parameter));
            }
        }

        return result.MoveToImmutable();
    }

    private Parameter BuildParameter(FormalParameterContext context) => new(
        context.identifier() is { } name ? TextOf(name) : string.Empty,
        context.type() is { } type ? BuildType(type) : null,
        context.expression() is { } value ? BuildExpression(value) : null,
        context.ellipsis() is not null,
        Span(context));

    /// <summary>A type; one that error recovery left out (<c>a as</c> followed by no type) is an empty name, as a missing expression is an error expression.</summary>
    private static TypeReference BuildType(TypeContext? context)
    {
        if (context is null)
        {
            return new TypeReference(string.Empty, [], 0, default);
        }

        var rank = 0;
        foreach (var child in Children(context))
        {
            rank += child is ITerminalNode { Symbol.Type: LBRACK } ? 1 : 0;
        }

        if (context.primitiveType() is { } primitive)
        {
            return new TypeReference(TextOf(primitive), [], rank, Span(context));
        }

        var classType = context.classType();
        var name = classType?.qualifiedClassName() is { } qualified ? TextOf(qualified) : string.Empty;
        return new TypeReference(name, BuildTypeArguments(classType?.typeArguments()), rank, Span(context));
    }

    private static ImmutableArray<TypeReference> BuildTypeArguments(TypeArgumentsContext? context)
    {
        if (context is null)
        {
            return [];
        }

        var arguments = ImmutableArray.CreateBuilder<TypeReference>(Count<TypeArgumentContext>(context));
        foreach (var child in Children(context))
        {
            if (child is TypeArgumentContext argument)
            {
                arguments.Add(argument.type() is { } type ? BuildType(type) : new TypeReference("?", [], 0, Span(argument)));
            }
        }

        return arguments.MoveToImmutable();
    }

    private void Report(Diagnostic diagnostic) => _diagnostics.Add(diagnostic);

    private static void EnsureStack() => RuntimeHelpers.EnsureSufficientExecutionStack();

    /// <summary>
    /// The children of a context (none for a missing one), without copying them. ANTLR keeps them in a
    /// List, whose struct enumerator a foreach uses without allocating (an IList's would be boxed).
    /// </summary>
    private static List<IParseTree> Children(ParserRuleContext? context) => context?.children switch
    {
        null => NoChildren,
        List<IParseTree> list => list,
        var other => [.. other],
    };

    /// <summary>How many children of type <typeparamref name="T"/> a context has.</summary>
    private static int Count<T>(ParserRuleContext? context)
    {
        var count = 0;
        foreach (var child in Children(context))
        {
            count += child is T ? 1 : 0;
        }

        return count;
    }

    /// <summary>The source text of a context: a name or a qualified name (tokens only, no spaces between them).</summary>
    private static string TextOf(ParserRuleContext context)
    {
        var children = context.children;
        if (children is null)
        {
            return string.Empty;
        }

        if (children.Count == 1)
        {
            return children[0] switch
            {
                ITerminalNode terminal => terminal.Symbol.Text,
                ParserRuleContext rule => TextOf(rule),
                var other => other.GetText(),
            };
        }

        return context.GetText();
    }

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
