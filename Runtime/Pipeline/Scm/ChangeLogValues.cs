using System.Collections.Immutable;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Scm;

namespace ContainerCd.Runtime.Pipeline.Scm;

/// <summary>
/// A Java bean for scripts: properties, their getters (<c>getMsg()</c> for <c>msg</c>) and <c>toString()</c>.
/// </summary>
internal abstract class BeanValue : IGroovyObject
{
    public abstract string GroovyClassName { get; }

    public abstract object? GetProperty(string name);

    public bool SetProperty(string name, object? value) => false;

    public ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        if (name == "toString")
        {
            return ValueTask.FromResult<object?>(ToString());
        }

        if (name.Length > 3 && name.StartsWith("get", StringComparison.Ordinal) && arguments.Flatten().Count == 0)
        {
            return ValueTask.FromResult(GetProperty(char.ToLowerInvariant(name[3]) + name[4..]));
        }

        return ValueTask.FromResult<object?>(Undefined.Value);
    }
}

/// <summary><c>currentBuild.changeSets[i]</c>: Jenkins' GitChangeSetList, its <c>items</c> (an array, oldest first) and <c>kind</c>.</summary>
internal sealed class ChangeLogSetValue(ChangeLogSet set) : BeanValue
{
    public override string GroovyClassName => "hudson.plugins.git.GitChangeSetList";

    public override object? GetProperty(string name) => name switch
    {
        "items" => new ArrayValue("java.lang.Object", set.Items.Select(c => (object?)new ChangeEntryValue(c))),
        "kind" => set.Kind,
        "emptySet" => set.Items.Count == 0,
        _ => Undefined.Value,
    };

    public override string ToString() => GroovyClassName + "@" + set.GetHashCode().ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    public static List<object?> ListOf(IEnumerable<ChangeLogSet> sets) => [.. sets.Select(s => (object?)new ChangeLogSetValue(s))];
}

/// <summary>One commit of a changelog, as Jenkins' GitChangeSet: commitId, msg, comment, author, authorEmail, timestamp, affectedPaths, affectedFiles.</summary>
internal sealed class ChangeEntryValue(GitCommitInfo commit) : BeanValue
{
    public override string GroovyClassName => "hudson.plugins.git.GitChangeSet";

    public override object? GetProperty(string name) => name switch
    {
        "commitId" or "id" or "revision" => commit.Commit,
        "msg" => commit.Subject,
        "comment" => commit.Message + "\n",
        "msgAnnotated" or "commentAnnotated" => commit.Message,
        "author" => new AuthorValue(commit.AuthorName, commit.AuthorEmail),
        "authorName" => commit.AuthorName,
        "authorEmail" => commit.AuthorEmail,
        "committerEmail" => commit.CommitterEmail,
        "timestamp" => commit.AuthorTime.ToUnixTimeMilliseconds(),
        "affectedPaths" => new List<object?>(commit.Paths.Select(p => (object?)p.Path)),
        "affectedFiles" or "paths" => new List<object?>(commit.Paths.Select(p => (object?)new AffectedFileValue(p))),
        _ => Undefined.Value,
    };

    public override string ToString() => GroovyClassName + "@" + commit.Commit[..8];
}

/// <summary>A changelog entry's author (Jenkins' User): <c>fullName</c>, <c>id</c>, printed as the full name.</summary>
internal sealed class AuthorValue(string name, string email) : BeanValue
{
    public override string GroovyClassName => "hudson.model.User";

    public override object? GetProperty(string property) => property switch
    {
        "fullName" or "displayName" => name,
        "id" => email.Contains('@', StringComparison.Ordinal) ? email[..email.IndexOf('@', StringComparison.Ordinal)] : name,
        _ => Undefined.Value,
    };

    public override string ToString() => name;
}

/// <summary>A path a commit changed: <c>path</c>, <c>src</c>, <c>dst</c> and <c>editType</c> (<c>editType.name</c> is add, edit or delete).</summary>
internal sealed class AffectedFileValue(GitChangedPath path) : BeanValue
{
    private static readonly ImmutableDictionary<GitEditType, string> Names = new Dictionary<GitEditType, string>
    {
        [GitEditType.Add] = "add",
        [GitEditType.Edit] = "edit",
        [GitEditType.Delete] = "delete",
    }.ToImmutableDictionary();

    public override string GroovyClassName => "hudson.plugins.git.GitChangeSet$Path";

    public override object? GetProperty(string name) => name switch
    {
        "path" or "src" or "dst" => path.Path,
        "editType" => new EditTypeValue(Names[path.EditType]),
        _ => Undefined.Value,
    };

    public override string ToString() => path.Path;
}

/// <summary>hudson.scm.EditType: <c>name</c> (add, edit, delete) and <c>description</c>.</summary>
internal sealed class EditTypeValue(string name) : BeanValue
{
    public override string GroovyClassName => "hudson.scm.EditType";

    public override object? GetProperty(string property) => property switch
    {
        "name" => name,
        "description" => name switch { "add" => "add", "delete" => "delete", _ => "edit" },
        _ => Undefined.Value,
    };

    public override string ToString() => name;
}
