using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Interpreter;

public sealed partial class GroovyInterpreter
{
    /// <summary>
    /// <c>new C(arguments)</c> of a script class: an object with the class's fields, initialised in order,
    /// then the constructor that takes the arguments; with no constructor declared, Groovy's map constructor
    /// (<c>new C(name: 'x')</c>) sets the named fields. Methods run with the instance as <c>this</c>.
    /// </summary>
    public async ValueTask<object?> InstantiateAsync(ScriptClass scriptClass, IReadOnlyList<object?> arguments, Frame caller, SourceSpan span)
    {
        var declaration = scriptClass.Declaration;
        if (declaration.SuperClass is { } superClass)
        {
            throw ScriptErrors.Unsupported($"class {declaration.Name} extends {superClass.Name}: inheritance between script classes")
                .At(scriptClass.Source, declaration.Span);
        }

        var instance = scriptClass.CreateObject();
        // Counted as a call: a field initialiser that creates its own class again hits the depth limit, not the stack.
        var frame = new Frame(this, instance, new Scope(null), null, caller.Flow, scriptClass.Source, EnterCall(caller, span));
        foreach (var field in declaration.Fields)
        {
            foreach (var declarator in field.Declarators)
            {
                var value = declarator.Initializer is null
                    ? DefaultValue(field.Type)
                    : await EvaluateAsync(declarator.Initializer, frame).ConfigureAwait(false);
                instance.Fields[declarator.Name] = field.Type is { } type ? Coerce(value, type, frame, declarator.Span) : value;
            }
        }

        if (declaration.Constructors.FirstOrDefault(c => ScriptObject.Accepts(c, arguments.Count)) is { } constructor)
        {
            await CallScriptMethodAsync(instance, constructor, arguments, caller, span).ConfigureAwait(false);
        }
        else if (declaration.Constructors.IsEmpty && arguments is [GroovyMap properties])
        {
            foreach (var (key, value) in properties)
            {
                var name = GroovyFormat.ToDisplayString(key);
                if (!instance.Fields.ContainsKey(name))
                {
                    throw ScriptErrors.MissingProperty(name, scriptClass.QualifiedName).At(caller.Source, span);
                }

                instance.Fields[name] = value;
            }
        }
        else if (arguments.Count > 0 || !declaration.Constructors.IsEmpty)
        {
            throw GroovyException.Create(JavaClasses.GroovyRuntimeException,
                $"Could not find matching constructor for: {scriptClass.QualifiedName}({string.Join(", ", arguments.Select(GroovyTypes.ClassName))})")
                .At(caller.Source, span);
        }

        return instance;
    }

    /// <summary>
    /// <c>C.name(arguments)</c> of a script class: its static method that takes the arguments (run with the
    /// class, not an instance, as <c>this</c>), or <see cref="Undefined.Value"/>.
    /// </summary>
    private async ValueTask<object?> InvokeStaticAsync(ClassValue type, string name, IReadOnlyList<object?> arguments, Frame frame, SourceSpan span)
    {
        if (ResolveClass(type.Name, frame) is not { } scriptClass
            || scriptClass.Declaration.Methods.FirstOrDefault(m => m.IsStatic && m.Name == name && ScriptObject.Accepts(m, arguments.Count)) is not { } method)
        {
            return Undefined.Value;
        }

        return await CallScriptMethodAsync(scriptClass.CreateObject(), method, arguments, frame, span).ConfigureAwait(false);
    }

    /// <summary>The class <c>new <paramref name="typeName"/>()</c> means: one of the script's own file, else one the host knows (a library's src/).</summary>
    internal ScriptClass? ResolveClass(string typeName, Frame frame)
    {
        var simple = typeName[(typeName.LastIndexOf('.') + 1)..];
        var script = frame.Script;
        if (script.Node.Classes.FirstOrDefault(c => c.Kind == "class" && c.Name == simple) is { } declared)
        {
            var qualified = script.IsInstance && script.ClassName.Contains('.', StringComparison.Ordinal)
                ? script.ClassName[..(script.ClassName.LastIndexOf('.') + 1)] + simple
                : simple;
            return new ScriptClass(qualified, declared, script.Node, script.Source);
        }

        return Host.ResolveClass(typeName);
    }
}
