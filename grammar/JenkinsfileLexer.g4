// Lexer for Jenkinsfiles: the Groovy that declarative pipelines are written in.
//
// Newlines are significant (they end statements) except inside ( ) and [ ]; the base class
// tracks bracket nesting and drops those newlines. Strings with
// interpolation (GStrings) are lexed in modes: "${" re-enters the default mode and the
// matching "}" returns to the string.
lexer grammar JenkinsfileLexer;

options { superClass = JenkinsfileLexerBase; }

// An identifier that may start a command expression (`sh 'make'`, `agent any`): the lexer gives it
// this type when an argument follows on the same line, so that the parser decides between a
// command and an expression from the next token instead of scanning a whole closure ahead.
tokens {
    CMD_IDENTIFIER,
    SLASHY_BEGIN,
    ABSTRACT,
    AS,
    ASSERT,
    BREAK,
    CASE,
    CATCH,
    CLASS,
    CONST,
    CONTINUE,
    DEF,
    DEFAULT,
    DO,
    ELSE,
    ENUM,
    EXTENDS,
    FINAL,
    FINALLY,
    FOR,
    GOTO,
    IF,
    IMPLEMENTS,
    IMPORT,
    IN,
    INSTANCEOF,
    INTERFACE,
    NATIVE,
    NEW,
    PACKAGE,
    PRIVATE,
    PROTECTED,
    PUBLIC,
    RETURN,
    STATIC,
    STRICTFP,
    SUPER,
    SWITCH,
    SYNCHRONIZED,
    THIS,
    THROW,
    THROWS,
    TRANSIENT,
    TRY,
    VOID,
    VOLATILE,
    WHILE,
    BOOLEAN_TYPE,
    BYTE_TYPE,
    CHAR_TYPE,
    SHORT_TYPE,
    INT_TYPE,
    LONG_TYPE,
    FLOAT_TYPE,
    DOUBLE_TYPE,
    TRUE,
    FALSE,
    NULL
}

// ---------------------------------------------------------------------------------------------
// Strings
// ---------------------------------------------------------------------------------------------

// Inside ''' one or two quotes may stand before any character but a third quote, an escape included
// ('\\-ls' in '''grep '\\-ls''''): the character after them is matched as text or as an escape.
TSQ_STRING    : '\'\'\'' ( TsqCharacter | '\\' EOF )*? '\'\'\'' ;
SQ_STRING     : '\'' ( ~['\\\r\n] | Escape )* '\'' ;
// A double-quoted string without a dollar sign is one token; any other is lexed in a mode.
// (The lexer has no semantic predicate on common paths: a transition that evaluates one is never
// cached in its DFA, so every such character would be simulated on the full automaton.)
DQ_STRING     : '"' ( ~["\\$\r\n] | Escape )* '"' ;
TDQ_BEGIN     : '"""' -> pushMode(TDQ) ;
DQ_BEGIN      : '"' -> pushMode(DQ) ;
DSLASHY_BEGIN : '$/' { IsRegexAllowed() }? -> pushMode(DSLASHY) ;
// A slashy string begins with a DIV token that the base class retypes (SLASHY_BEGIN) where an operand is expected.

// Reported by the base class as "unterminated string"; kept as tokens so the parser can go on.
UNTERMINATED_SQ  : '\'' ( ~['\\\r\n] | Escape )* { ReportUnterminated("string literal"); } ;
UNTERMINATED_TSQ : '\'\'\'' TsqCharacter* { ReportUnterminated("triple-quoted string literal"); } ;

// ---------------------------------------------------------------------------------------------
// Keywords
// ---------------------------------------------------------------------------------------------

// Keywords are identifiers the base class retypes (see JenkinsfileLexerBase.Keywords): one identifier
// rule instead of one rule per keyword keeps the lexer's automaton small, which is most of its start-up cost.


// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

FLOAT_LITERAL
    : Digits '.' Digits Exponent? FloatSuffix?
    | Digits Exponent FloatSuffix?
    | Digits FloatSuffix
    ;
INTEGER_LITERAL
    : ( '0' [xX] HexDigit ( HexDigit | '_' )*
      | '0' [bB] [01] ( [01] | '_' )*
      | Digits
      ) IntegerSuffix?
    ;
// "1BAR" is read as a name, so that the validator can say it is not a valid identifier.
DIGIT_IDENTIFIER : [0-9]+ [a-zA-Z$] [a-zA-Z0-9_$]* -> type(IDENTIFIER) ;
// "123_ABC": Groovy's lexer wants a digit after the underscore.
BAD_NUMBER : Digits '_' [a-zA-Z_$] { ReportBadNumber(); } ;

// ---------------------------------------------------------------------------------------------
// Operators and punctuation
// ---------------------------------------------------------------------------------------------

RANGE_EXCLUSIVE : '..<' ;
RANGE_INCLUSIVE : '..' ;
SPREAD_DOT      : '*.' ;
SAFE_DOT        : '?.' ;
SAFE_INDEX      : '?[' { OpenBracket('['); } ;
ELVIS           : '?:' ;
METHOD_POINTER  : '.&' ;
METHOD_REF      : '::' ;
ATTR_DOT        : '.@' ;
SPREAD_MAP      : '*:' ;
ARROW           : '->' ;

LPAREN   : '(' { OpenBracket('('); } ;
RPAREN   : ')' { CloseBracket(); } ;
LBRACK   : '[' { OpenBracket('['); } ;
RBRACK   : ']' { CloseBracket(); } ;
LBRACE   : '{' { OpenBrace(); } ;
RBRACE   : '}' { CloseBrace(); } ;
SEMI     : ';' ;
COMMA    : ',' ;
DOT      : '.' ;
AT       : '@' ;

ASSIGN          : '=' ;
IDENTICAL       : '===' ;
NOT_IDENTICAL   : '!==' ;
EQUAL           : '==' ;
NOT_EQUAL       : '!=' ;
REGEX_MATCH     : '==~' ;
REGEX_FIND      : '=~' ;
SPACESHIP       : '<=>' ;
LE              : '<=' ;
GE              : '>=' ;
LT              : '<' ;
GT              : '>' ;
NOT_IN          : '!in' [ \t\r\n] ;
NOT_INSTANCEOF  : '!instanceof' [ \t\r\n] ;
AND             : '&&' ;
OR              : '||' ;
NOT             : '!' ;
BITNOT          : '~' ;
QUESTION        : '?' ;
COLON           : ':' ;
INC             : '++' ;
DEC             : '--' ;
POWER           : '**' ;
ADD             : '+' ;
SUB             : '-' ;
MUL             : '*' ;
DIV             : '/' { OnSlash(); } ;
MOD             : '%' ;
BITAND          : '&' ;
BITOR           : '|' ;
XOR             : '^' ;

ADD_ASSIGN      : '+=' ;
SUB_ASSIGN      : '-=' ;
MUL_ASSIGN      : '*=' ;
DIV_ASSIGN      : '/=' { !IsRegexAllowed() }? ;
MOD_ASSIGN      : '%=' ;
POWER_ASSIGN    : '**=' ;
AND_ASSIGN      : '&=' ;
OR_ASSIGN       : '|=' ;
XOR_ASSIGN      : '^=' ;
ELVIS_ASSIGN    : '?=' ;
// <<= >>= >>>= are parsed as LT LE / GT GE / GT GT GE so that generics like List<List<String>> work.

// ---------------------------------------------------------------------------------------------
// Identifiers, whitespace, comments
// ---------------------------------------------------------------------------------------------

IDENTIFIER : IdentifierStart IdentifierPart* { ResolveIdentifier(); } ;

NL          : ( '\r'? '\n' | '\r' ) { OnNewline(); } ;
// Whitespace and comments are dropped: nothing after the lexer reads them, and every token kept
// costs an object per parse.
WS          : [ \t\f\u00A0\uFEFF]+ -> skip ;
// A backslash at the end of a line joins the next line.
LINE_JOIN   : '\\' [ \t]* ( '\r'? '\n' | '\r' ) -> skip ;
SHEBANG     : '#!' { AtFileStart() }? ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
UNTERMINATED_COMMENT : '/*' { !HasBlockCommentEnd() }? [\u0000-\u{10FFFF}]* { ReportUnterminated("comment"); } -> skip ;
LINE_COMMENT  : '//' ~[\r\n]* -> skip ;

// Anything else is a single bad character (a character outside the BMP, as its surrogate pair);
// the base class reports it.
ERROR_CHAR : ( [\uD800-\uDBFF] [\uDC00-\uDFFF] | . ) { ReportBadCharacter(); } -> skip ;

// ---------------------------------------------------------------------------------------------
// Fragments
// ---------------------------------------------------------------------------------------------

fragment Escape
    : '\\' ( [btnfr"'\\$/ ] | 'u' HexDigit HexDigit HexDigit HexDigit | [0-7] [0-7]? [0-7]? | '\r'? '\n' )
    ;
fragment TsqCharacter : '\''? '\''? ( ~[\\'] | Escape ) ;
fragment Digits     : [0-9] ( [0-9] | '_' [0-9] )* ;
fragment HexDigit   : [0-9a-fA-F] ;
fragment Exponent   : [eE] [+-]? Digits ;
fragment FloatSuffix   : [fFdDgG] ;
fragment IntegerSuffix : [lLiIgG] ;
// Non-ASCII letters are checked by a predicate instead of Unicode classes: \p{L} expands to
// thousands of intervals that every process would deserialize and match at start-up.
fragment IdentifierStart : [a-zA-Z$_] | [\u0080-\u{10FFFF}] { IsLetterBehind() }? ;
fragment IdentifierPart  : [a-zA-Z0-9$_] | [\u0080-\u{10FFFF}] { IsLetterOrDigitBehind() }? ;
// "$a$b" is two interpolations: names in a GString path do not take the dollar sign.
fragment InterpolatedPath : '$' PathStart PathPart* ( '.' PathStart PathPart* )* ;
fragment PathStart : [a-zA-Z_] | [\u0080-\u{10FFFF}] { IsLetterBehind() }? ;
fragment PathPart  : [a-zA-Z0-9_] | [\u0080-\u{10FFFF}] { IsLetterOrDigitBehind() }? ;

// ---------------------------------------------------------------------------------------------
// String modes. Each has text, "$path", "${" and its own end token.
// ---------------------------------------------------------------------------------------------

mode DQ;
DQ_END     : '"' -> popMode ;
DQ_TEXT    : ( ~["\\$\r\n] | Escape )+ ;
DQ_PATH    : InterpolatedPath ;
// A dollar sign that starts neither a path nor ${ (the longer match wins) is text.
DQ_DOLLAR  : '$' { OnLoneDollar(); } ;
DQ_EXPR    : '${' { OpenInterpolation(); } -> pushMode(DEFAULT_MODE) ;
DQ_UNTERMINATED : ( '\r'? '\n' | '\r' ) { ReportUnterminated("string literal"); } -> popMode ;

mode TDQ;
TDQ_END    : '"""' -> popMode ;
TDQ_TEXT   : ( ~["\\$] | Escape | '"' ~["\\$] | '""' ~["\\$] )+ ;
TDQ_QUOTE  : '"' ;
TDQ_PATH   : InterpolatedPath ;
TDQ_DOLLAR : '$' { OnLoneDollar(); } ;
TDQ_EXPR   : '${' { OpenInterpolation(); } -> pushMode(DEFAULT_MODE) ;

mode SLASHY;
SLASHY_END  : '/' -> popMode ;
SLASHY_TEXT : ( ~[/\\$] | '\\/' | '\\' ~'/' )+ ;
SLASHY_PATH : InterpolatedPath ;
SLASHY_DOLLAR : '$' { OnLoneDollar(); } ;
SLASHY_EXPR : '${' { OpenInterpolation(); } -> pushMode(DEFAULT_MODE) ;

mode DSLASHY;
DSLASHY_END  : '/$' -> popMode ;
DSLASHY_TEXT : ( ~[$/] | '$$' | '$/' | '/' { InputStream.LA(1) != '$' }? | '$' { !IsInterpolationStart(InputStream.LA(1)) }? )+ ;
DSLASHY_PATH : InterpolatedPath ;
DSLASHY_EXPR : '${' { OpenInterpolation(); } -> pushMode(DEFAULT_MODE) ;
