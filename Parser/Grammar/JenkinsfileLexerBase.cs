using Antlr4.Runtime;

namespace ContainerCd.Parser.Grammar;

/// <summary>
/// State the generated lexer needs beyond regular expressions: bracket nesting (newlines inside
/// <c>( )</c> and <c>[ ]</c> do not end statements; <c>${</c> returns to a string mode at its
/// closing brace), whether a <c>/</c> may start a slashy string, and lexical diagnostics.
/// </summary>
public abstract class JenkinsfileLexerBase : Lexer
{
    /// <summary>Deeper nesting than this is reported and stops the parse before it can exhaust the stack.</summary>
    public const int MaxNesting = 1000;

    private const char InterpolationMarker = '$';
    private readonly Stack<char> _brackets = new();
    private int _lastSignificantType = -1;
    private int _noBlockCommentEndAfter = int.MaxValue;
    private bool _closedBlock;
    private IToken? _pending;
    private readonly Queue<IToken> _ready = new();
    private IToken? _afterRun;
    private int _lastEmittedType = -1;

    protected JenkinsfileLexerBase(ICharStream input, TextWriter output, TextWriter errorOutput)
        : base(input, output, errorOutput)
    {
    }

    /// <summary>Called for each lexical problem: (start offset, length, message).</summary>
    public Action<int, int, string>? OnDiagnostic { get; set; }

    /// <summary>True once the input nested deeper than <see cref="MaxNesting"/>.</summary>
    public bool NestingExceeded { get; private set; }

    /// <summary>The deepest bracket nesting seen so far.</summary>
    public int MaxDepth { get; private set; }

    /// <summary>
    /// The next token, with each run of newlines and semicolons between two statements merged into one
    /// separator token (see <see cref="MergeSeparators"/>), so that no parser decision has to look past
    /// more than a token or two of separators, however many there are.
    /// </summary>
    public override IToken NextToken()
    {
        IToken token;
        if (_ready.Count > 0)
        {
            token = _ready.Dequeue();
        }
        else if (_afterRun is { } held)
        {
            _afterRun = null;
            token = held;
        }
        else
        {
            token = ReadToken();
            if (token.Type is JenkinsfileLexer.NL or JenkinsfileLexer.SEMI && !InParentheses())
            {
                token = MergeSeparators(token);
            }
        }

        _lastEmittedType = token.Type;
        return token;
    }

    /// <summary>
    /// Reads the rest of a run of separators that starts with <paramref name="first"/> and returns it as one
    /// token: a SEMI (at the run's first semicolon) if it has one, else an NL. After <c>)</c>, <c>else</c>,
    /// <c>do</c> or a label's <c>:</c> the first semicolon may be an empty statement (<c>while (x) ;</c>), so
    /// there the run is split into the newlines before it, that semicolon, and the rest: at most three tokens.
    /// Only the tokens that may stand for a part are kept: a run of a million separators is garbage at once.
    /// </summary>
    private IToken MergeSeparators(IToken first)
    {
        IToken? semicolon = first.Type == JenkinsfileLexer.SEMI ? first : null;
        IToken? rest = null;
        IToken? restSemicolon = null;
        IToken next;
        while ((next = ReadToken()).Type is JenkinsfileLexer.NL or JenkinsfileLexer.SEMI)
        {
            var isSemicolon = next.Type == JenkinsfileLexer.SEMI;
            if (semicolon is null)
            {
                semicolon = isSemicolon ? next : null;
            }
            else if (rest is null)
            {
                rest = next;
                restSemicolon = isSemicolon ? next : null;
            }
            else if (isSemicolon)
            {
                restSemicolon ??= next;
            }
        }

        _afterRun = next;
        var mayBeEmptyBody = _lastEmittedType is JenkinsfileLexer.RPAREN or JenkinsfileLexer.ELSE or JenkinsfileLexer.DO or JenkinsfileLexer.COLON;
        if (semicolon is null || !mayBeEmptyBody)
        {
            return semicolon ?? first;
        }

        // The newlines before the first semicolon (if any), that semicolon, and the rest (at its first semicolon if any).
        if (semicolon != first)
        {
            _ready.Enqueue(semicolon);
        }

        if (rest is not null)
        {
            _ready.Enqueue(restSemicolon ?? rest);
        }

        return semicolon != first ? first : semicolon;
    }

    private bool InParentheses() => _brackets.Count > 0 && _brackets.Peek() is '(' or '[';

    private IToken ReadToken()
    {
        if (_pending is { } pending)
        {
            _pending = null;
            return pending;
        }

        var token = base.NextToken();
        if (token.Type == JenkinsfileLexer.RBRACE && _closedBlock && StatementFollowsOnSameLine())
        {
            // `agent { label 'x' } steps { ... }`: Groovy code in Jenkinsfiles often puts two
            // statements on a line after a closing brace; a virtual newline separates them.
            var separator = new CommonToken(JenkinsfileLexer.NL, string.Empty)
            {
                StartIndex = token.StopIndex + 1,
                StopIndex = token.StopIndex,
                Line = token.Line,
                Column = token.Column + 1,
            };
            _pending = separator;
        }

        if (token.Type == Eof && _brackets.Count > 0 && _brackets.Contains(InterpolationMarker))
        {
            Report(token.StartIndex, 0, "Unterminated string: a \"${\" expression has no closing \"}\"");
            _brackets.Clear();
        }
        else if (token.Type == Eof && CurrentMode != DEFAULT_MODE)
        {
            Report(token.StartIndex, 0, "Unterminated string literal at end of file");
        }

        if (token.Channel == DefaultTokenChannel)
        {
            _lastSignificantType = token.Type;
        }

        return token;
    }

    /// <summary>
    /// A slash starts a regular expression only where an operand is expected, that is, not right
    /// after something that ends an operand (name, literal, closing bracket).
    /// </summary>
    protected bool IsRegexAllowed() => _lastSignificantType switch
    {
        JenkinsfileLexer.IDENTIFIER or JenkinsfileLexer.CMD_IDENTIFIER or JenkinsfileLexer.INTEGER_LITERAL or JenkinsfileLexer.FLOAT_LITERAL
            or JenkinsfileLexer.SQ_STRING or JenkinsfileLexer.TSQ_STRING or JenkinsfileLexer.DQ_STRING
            or JenkinsfileLexer.DQ_END or JenkinsfileLexer.TDQ_END or JenkinsfileLexer.SLASHY_END
            or JenkinsfileLexer.DSLASHY_END or JenkinsfileLexer.RPAREN or JenkinsfileLexer.RBRACK
            or JenkinsfileLexer.RBRACE or JenkinsfileLexer.THIS or JenkinsfileLexer.SUPER
            or JenkinsfileLexer.TRUE or JenkinsfileLexer.FALSE or JenkinsfileLexer.NULL
            or JenkinsfileLexer.INC or JenkinsfileLexer.DEC => false,
        _ => true,
    };

    /// <summary>A <c>/</c> where an operand is expected starts a slashy string (a comment was matched before).</summary>
    protected void OnSlash()
    {
        if (IsRegexAllowed())
        {
            Type = JenkinsfileLexer.SLASHY_BEGIN;
            PushMode(JenkinsfileLexer.SLASHY);
        }
    }

    /// <summary>
    /// A dollar sign in a GString that starts no interpolation is text, except before another one:
    /// "$$" is reported and both are dropped, as the lexer's error recovery always did.
    /// </summary>
    protected void OnLoneDollar()
    {
        if (InputStream.LA(1) == InterpolationMarker)
        {
            Report(TokenStartCharIndex, 1, "Unexpected character at: '$$'");
            Interpreter.Consume((ICharStream)InputStream);
            Skip();
        }
    }

    /// <summary>Whether the character after a <c>$</c> in a GString starts an interpolation.</summary>
    protected static bool IsInterpolationStart(int c) =>
        c == '{' || c == '_' || c == '$' || (c >= 0 && c <= char.MaxValue && char.IsLetter((char)c));

    /// <summary>Whether the character just matched is a letter (for non-ASCII identifier characters).</summary>
    protected bool IsLetterBehind() => IsBehind(char.IsLetter);

    /// <summary>Whether the character just matched is a letter or a digit (for non-ASCII identifier characters).</summary>
    protected bool IsLetterOrDigitBehind() => IsBehind(char.IsLetterOrDigit);

    private bool IsBehind(Func<char, bool> test)
    {
        // The input is UTF-16 (offsets are the SourceText's): a character outside the BMP arrives as
        // two surrogates, neither of which is a letter here.
        var c = InputStream.LA(-1);
        return c is >= 0 and <= char.MaxValue && test((char)c);
    }

    protected bool AtFileStart() => TokenStartCharIndex == 0;

    /// <summary>Whether a <c>*/</c> follows; remembers a failed search so that scanning stays linear.</summary>
    protected bool HasBlockCommentEnd()
    {
        var start = InputStream.Index;
        if (start >= _noBlockCommentEndAfter)
        {
            return false;
        }

        var remaining = InputStream.Size - start;
        for (var i = 1; i < remaining; i++)
        {
            if (InputStream.LA(i) == '*' && InputStream.LA(i + 1) == '/')
            {
                return true;
            }
        }

        _noBlockCommentEndAfter = start;
        return false;
    }

    /// <summary>Groovy's keywords and the token type each gets (0 for any other name). A switch compiles to
    /// ahead-of-time code, which matters because every lint process starts cold.</summary>
    private static int KeywordType(string name) => name switch
    {
        "abstract" => JenkinsfileLexer.ABSTRACT,
        "as" => JenkinsfileLexer.AS,
        "assert" => JenkinsfileLexer.ASSERT,
        "break" => JenkinsfileLexer.BREAK,
        "case" => JenkinsfileLexer.CASE,
        "catch" => JenkinsfileLexer.CATCH,
        "class" => JenkinsfileLexer.CLASS,
        "const" => JenkinsfileLexer.CONST,
        "continue" => JenkinsfileLexer.CONTINUE,
        "def" => JenkinsfileLexer.DEF,
        "default" => JenkinsfileLexer.DEFAULT,
        "do" => JenkinsfileLexer.DO,
        "else" => JenkinsfileLexer.ELSE,
        "enum" => JenkinsfileLexer.ENUM,
        "extends" => JenkinsfileLexer.EXTENDS,
        "final" => JenkinsfileLexer.FINAL,
        "finally" => JenkinsfileLexer.FINALLY,
        "for" => JenkinsfileLexer.FOR,
        "goto" => JenkinsfileLexer.GOTO,
        "if" => JenkinsfileLexer.IF,
        "implements" => JenkinsfileLexer.IMPLEMENTS,
        "import" => JenkinsfileLexer.IMPORT,
        "in" => JenkinsfileLexer.IN,
        "instanceof" => JenkinsfileLexer.INSTANCEOF,
        "interface" => JenkinsfileLexer.INTERFACE,
        "native" => JenkinsfileLexer.NATIVE,
        "new" => JenkinsfileLexer.NEW,
        "package" => JenkinsfileLexer.PACKAGE,
        "private" => JenkinsfileLexer.PRIVATE,
        "protected" => JenkinsfileLexer.PROTECTED,
        "public" => JenkinsfileLexer.PUBLIC,
        "return" => JenkinsfileLexer.RETURN,
        "static" => JenkinsfileLexer.STATIC,
        "strictfp" => JenkinsfileLexer.STRICTFP,
        "super" => JenkinsfileLexer.SUPER,
        "switch" => JenkinsfileLexer.SWITCH,
        "synchronized" => JenkinsfileLexer.SYNCHRONIZED,
        "this" => JenkinsfileLexer.THIS,
        "throw" => JenkinsfileLexer.THROW,
        "throws" => JenkinsfileLexer.THROWS,
        "transient" => JenkinsfileLexer.TRANSIENT,
        "try" => JenkinsfileLexer.TRY,
        "void" => JenkinsfileLexer.VOID,
        "volatile" => JenkinsfileLexer.VOLATILE,
        "while" => JenkinsfileLexer.WHILE,
        "boolean" => JenkinsfileLexer.BOOLEAN_TYPE,
        "byte" => JenkinsfileLexer.BYTE_TYPE,
        "char" => JenkinsfileLexer.CHAR_TYPE,
        "short" => JenkinsfileLexer.SHORT_TYPE,
        "int" => JenkinsfileLexer.INT_TYPE,
        "long" => JenkinsfileLexer.LONG_TYPE,
        "float" => JenkinsfileLexer.FLOAT_TYPE,
        "double" => JenkinsfileLexer.DOUBLE_TYPE,
        "true" => JenkinsfileLexer.TRUE,
        "false" => JenkinsfileLexer.FALSE,
        "null" => JenkinsfileLexer.NULL,
        _ => 0,
    };

    /// <summary>A keyword gets its own token type; any other name may be a command name (see <see cref="MarkCommandName"/>).</summary>
    protected void ResolveIdentifier()
    {
        var text = Text;
        var keyword = KeywordType(text);
        if (keyword != 0)
        {
            Type = keyword;
            return;
        }

        // The token keeps the text: otherwise each read of IToken.Text copies it from the input again.
        Text = text;
        MarkCommandName();
    }

    /// <summary>
    /// Gives an identifier the type CMD_IDENTIFIER when, after spaces on the same line, comes what
    /// can start a command argument and not an operator: <c>sh 'x'</c>, <c>agent any</c>,
    /// <c>sleep 5</c>, <c>foo !x</c>, and a string with no space before it (<c>sh'x'</c>); but not <c>foo(</c>, <c>foo {</c>, <c>foo -1</c>, <c>foo.bar</c>.
    /// </summary>
    protected void MarkCommandName()
    {
        var i = 1;
        int c;
        while ((c = InputStream.LA(i)) is ' ' or '\t')
        {
            i++;
        }

        if (i == 1)
        {
            // A string right after the name is an argument too: sh'make', echo"done".
            if (c is '\'' or '"')
            {
                Type = JenkinsfileLexer.CMD_IDENTIFIER;
            }

            return;
        }

        var starts = c switch
        {
            '\'' or '"' or '_' or '$' => true,
            '!' => InputStream.LA(i + 1) != '=',
            _ => c >= 0 && c <= char.MaxValue && char.IsLetterOrDigit((char)c),
        };
        if (starts)
        {
            Type = JenkinsfileLexer.CMD_IDENTIFIER;
        }
    }

    /// <summary>After a block's closing brace: does a name that is not a keyword continuing the statement follow on the line?</summary>
    private bool StatementFollowsOnSameLine()
    {
        _closedBlock = false;
        if (_brackets.Count > 0 && _brackets.Peek() != '{')
        {
            return false;
        }

        var i = 1;
        int c;
        while ((c = InputStream.LA(i)) is ' ' or '\t')
        {
            i++;
        }

        if (i == 1 || c < 0 || c > char.MaxValue || !(char.IsLetter((char)c) || c == '_'))
        {
            return false;
        }

        var word = new System.Text.StringBuilder();
        while ((c = InputStream.LA(i)) >= 0 && c <= char.MaxValue && (char.IsLetterOrDigit((char)c) || c == '_' || c == '$'))
        {
            word.Append((char)c);
            i++;
        }

        return word.ToString() is not ("else" or "catch" or "finally" or "while" or "as" or "in" or "instanceof");
    }

    protected void OnNewline()
    {
        if (_brackets.Count > 0 && _brackets.Peek() is '(' or '[' or InterpolationMarker)
        {
            Skip();
        }
    }

    protected void OpenBracket(char kind) => Push(kind);

    protected void OpenBrace() => Push('{');

    protected void OpenInterpolation() => Push(InterpolationMarker);

    protected void CloseBracket()
    {
        if (_brackets.Count > 0 && _brackets.Peek() is '(' or '[')
        {
            _brackets.Pop();
        }
    }

    protected void CloseBrace()
    {
        if (_brackets.Count == 0)
        {
            return;
        }

        var top = _brackets.Peek();
        _closedBlock = top == '{';
        if (top == '{')
        {
            _brackets.Pop();
        }
        else if (top == InterpolationMarker)
        {
            _brackets.Pop();
            PopMode();
        }
    }

    protected void ReportUnterminated(string what) =>
        Report(TokenStartCharIndex, Math.Max(1, InputStream.Index - TokenStartCharIndex), $"Unterminated {what}");

    protected void ReportBadNumber()
    {
        var text = Text;
        Report(TokenStartCharIndex + text.Length - 1, 1,
            $"expecting token in range: '0'..'9', found '{text[^1]}'");
    }

    protected void ReportBadCharacter()
    {
        var text = Text;
        var shown = text.Length == 1 && char.IsControl(text[0]) ? $"\\u{(int)text[0]:X4}" : text;
        Report(TokenStartCharIndex, text.Length, $"Unexpected character: '{shown}'");
    }

    private void Push(char kind)
    {
        _brackets.Push(kind);
        MaxDepth = Math.Max(MaxDepth, _brackets.Count);
        if (_brackets.Count > MaxNesting && !NestingExceeded)
        {
            NestingExceeded = true;
            Report(TokenStartCharIndex, 1, $"Nesting is too deep: more than {MaxNesting} levels of brackets");
        }
    }

    private void Report(int start, int length, string message) => OnDiagnostic?.Invoke(start, length, message);
}
