// Parser for Jenkinsfiles. A Jenkinsfile is a Groovy script; `pipeline { ... }` is a method call
// with a closure, exactly as Groovy sees it. This grammar parses the Groovy; the AST builder in
// Parser/ recognises the declarative structure, as Jenkins' own ModelParser does.
parser grammar JenkinsfileParser;

options {
    tokenVocab = JenkinsfileLexer;
    superClass = JenkinsfileParserBase;
}

// ---------------------------------------------------------------------------------------------
// Script structure
// ---------------------------------------------------------------------------------------------

compilationUnit
    : ( NL | SEMI )* packageDeclaration? ( scriptItem ( ( NL | SEMI )+ scriptItem )* ( NL | SEMI )* )? EOF
    ;

packageDeclaration
    : annotation* PACKAGE qualifiedName ( NL | SEMI )*
    ;

scriptItem
    : importDeclaration
    | classDeclaration
    | methodDeclaration
    | statement
    ;



importDeclaration
    : annotation* NL* IMPORT STATIC? qualifiedName ( DOT MUL | AS identifier )?
    ;

annotation
    : AT qualifiedName ( LPAREN annotationArguments? RPAREN )? NL*
    ;

annotationArguments
    : namedArgument ( COMMA namedArgument )*
    | expression
    ;

qualifiedName
    : identifier ( DOT identifier )*
    ;

// ---------------------------------------------------------------------------------------------
// Declarations
// ---------------------------------------------------------------------------------------------

modifier
    : DEF | FINAL | STATIC | PRIVATE | PROTECTED | PUBLIC | ABSTRACT | SYNCHRONIZED | TRANSIENT
    | VOLATILE | NATIVE | STRICTFP
    | annotation
    ;

modifiers
    : ( modifier NL* )+
    ;

classDeclaration
    : annotation* modifiers? ( CLASS | INTERFACE | ENUM ) identifier typeParameters?
      ( NL* EXTENDS NL* typeList )? ( NL* IMPLEMENTS NL* typeList )? NL* classBody
    ;

typeParameters
    : LT identifier ( EXTENDS type )? ( COMMA identifier ( EXTENDS type )? )* GT
    ;

classBody
    : LBRACE ( NL | SEMI )* ( classMember ( ( NL | SEMI )+ classMember )* ( NL | SEMI )* )? RBRACE
    ;

classMember
    : classDeclaration
    | constructorDeclaration
    | methodDeclaration
    | fieldDeclaration
    | enumConstants
    | STATIC? block
    ;

enumConstants
    : identifier ( COMMA NL* identifier )* COMMA?
    ;

constructorDeclaration
    : modifiers? identifier LPAREN formalParameters? RPAREN throwsClause? NL* block
    ;

fieldDeclaration
    : modifiers type? variableDeclarators
    | type variableDeclarators
    ;

// `def foo(a, b = 1) { }`, `String foo() { }`, `void foo() { }`, `@NonCPS def foo() { }`
methodDeclaration
    : modifiers typeOrVoid? methodName LPAREN formalParameters? RPAREN throwsClause? NL* block
    | typeOrVoid methodName LPAREN formalParameters? RPAREN throwsClause? NL* block
    ;

methodName
    : identifier
    | stringLiteral
    ;

typeOrVoid
    : VOID
    | type
    ;

throwsClause
    : NL* THROWS typeList
    ;

formalParameters
    : formalParameter ( COMMA NL* formalParameter )*
    ;

formalParameter
    : ( FINAL | DEF | annotation )* type? ellipsis? identifier ( NL* ASSIGN NL* expression )?
    ;

// `String...` is lexed as dots; accept them here.
ellipsis
    : DOT DOT DOT
    | RANGE_INCLUSIVE DOT
    ;

type
    : ( primitiveType | classType ) ( LBRACK RBRACK )*
    ;

primitiveType
    : BOOLEAN_TYPE | BYTE_TYPE | CHAR_TYPE | SHORT_TYPE | INT_TYPE | LONG_TYPE | FLOAT_TYPE | DOUBLE_TYPE
    ;

// A class type starts with an upper-case letter, or is a qualified name ending in one
// (java.util.List). This is how `String foo` is told apart from the command `echo foo`.
classType
    : { IsTypeStart() }? qualifiedClassName typeArguments?
    ;

qualifiedClassName
    : identifier ( DOT identifier )*
    ;

typeArguments
    : LT ( typeArgument ( COMMA typeArgument )* )? GT
    ;

typeArgument
    : type
    | QUESTION ( ( EXTENDS | SUPER ) type )?
    ;

typeList
    : type ( COMMA NL* type )*
    ;

// ---------------------------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------------------------

block
    : LBRACE blockBody RBRACE
    ;

blockBody
    : ( NL | SEMI )* ( statement ( ( NL | SEMI )+ statement )* ( NL | SEMI )* )?
    ;

// A lone `;` is an empty statement only as the body of if, for, while, do or a label (`while (next()) ;`):
// elsewhere semicolons only separate statements. Were `;` a statement everywhere, each one of a run
// could be a separator or a statement, and each decision would look to the end of the run.
// (The lexer merges each run of newlines and semicolons into one token; see JenkinsfileLexerBase.)
statement
    : block                                                                  # blockStatement
    | IF LPAREN expression RPAREN NL* ( then=statement | SEMI ) ( ( NL | SEMI )* ELSE NL* ( otherwise=statement | SEMI ) )?  # ifStatement
    | FOR LPAREN forControl RPAREN NL* ( statement | SEMI )                  # forStatement
    | WHILE LPAREN expression RPAREN NL* ( statement | SEMI )                # whileStatement
    | DO NL* ( statement | SEMI ) NL* WHILE LPAREN expression RPAREN         # doWhileStatement
    | SWITCH LPAREN expression RPAREN NL* LBRACE ( NL | SEMI )* switchSection* RBRACE  # switchStatement
    | TRY NL* block ( NL* catchClause )* ( NL* FINALLY NL* block )?          # tryStatement
    | RETURN expression?                                                     # returnStatement
    | THROW expression                                                       # throwStatement
    | BREAK identifier?                                                      # breakStatement
    | CONTINUE identifier?                                                   # continueStatement
    | ASSERT expression ( ( COLON | COMMA ) NL* expression )?                # assertStatement
    | identifier COLON NL* ( statement | SEMI )                              # labeledStatement
    | localVariableDeclaration                                               # declarationStatement
    | methodDeclaration                                                      # localMethodStatement
    | classDeclaration                                                       # localClassStatement
    | LPAREN identifier ( COMMA NL* identifier )+ RPAREN NL* ASSIGN NL* expression   # multipleAssignmentStatement
    | expression                                                             # expressionStatement
    | commandExpression                                                      # commandStatement
    ;

forControl
    : ( FINAL | DEF )? type? identifier ( IN | COLON ) expression                   # forInControl
    | forInit? SEMI NL* expression? SEMI NL* expressionList?                           # classicForControl
    ;

forInit
    : localVariableDeclaration
    | expressionList
    ;

switchSection
    : switchLabel ( NL* switchLabel )* blockBody
    ;

switchLabel
    : CASE expression COLON
    | DEFAULT COLON
    ;

catchClause
    : CATCH LPAREN ( FINAL )? catchTypes? identifier RPAREN NL* block
    ;

catchTypes
    : qualifiedClassName ( BITOR qualifiedClassName )*
    ;

localVariableDeclaration
    : modifiers type? variableDeclarators
    | modifiers LPAREN identifier ( COMMA identifier )* RPAREN NL* ASSIGN NL* expression
    | type variableDeclarators
    ;

variableDeclarators
    : variableDeclarator ( COMMA NL* variableDeclarator )*
    ;

variableDeclarator
    : identifier ( NL* ASSIGN NL* variableInitializer )?
    ;

variableInitializer
    : expression
    | commandExpression
    ;

// `sh 'make'`, `echo "hi"`, `agent any`, `sh script: 'x', returnStdout: true`, `foo.bar 'x'`.
// The name is a CMD_IDENTIFIER: the lexer says when an argument follows it on the line.
// (Rules on hot paths are kept flat: every rule invocation costs a context object per parse.)
commandExpression
    : ( THIS DOT )? ( identifier DOT )* name=CMD_IDENTIFIER commandArgument ( COMMA NL* commandArgument )*
    ;

commandArgument
    : namedArgument
    | expression
    ;

// ---------------------------------------------------------------------------------------------
// Expressions, lowest precedence last
// ---------------------------------------------------------------------------------------------

expression
    : primary pathElement* op=( INC | DEC )?                                               # postfixExpr
    | castParExpression expression                                                         # castExpr
    | op=( INC | DEC ) expression                                                          # prefixExpr
    | <assoc=right> left=expression op=POWER NL* right=expression                          # powerExpr
    // Unary minus binds looser than **, as in Groovy: -a ** 2 is -(a ** 2).
    | op=( NOT | BITNOT | ADD | SUB ) expression                                           # unaryExpr
    | left=expression op=( MUL | DIV | MOD ) NL* right=expression                          # multiplicativeExpr
    | left=expression op=( ADD | SUB ) NL* right=expression                                # additiveExpr
    | left=expression shiftOperator NL* right=expression                                   # shiftExpr
    | left=expression op=( RANGE_INCLUSIVE | RANGE_EXCLUSIVE ) NL* right=expression        # rangeExpr
    | left=expression op=( LT | LE | GT | GE | IN | NOT_IN ) NL* right=expression          # relationalExpr
    | left=expression op=( INSTANCEOF | NOT_INSTANCEOF ) NL* type                          # instanceofExpr
    | left=expression AS NL* type                                                          # asExpr
    | left=expression op=( EQUAL | NOT_EQUAL | IDENTICAL | NOT_IDENTICAL | SPACESHIP ) NL* right=expression # equalityExpr
    | left=expression op=( REGEX_FIND | REGEX_MATCH ) NL* right=expression                 # regexExpr
    | left=expression op=BITAND NL* right=expression                                       # bitAndExpr
    | left=expression op=XOR NL* right=expression                                          # xorExpr
    | left=expression op=BITOR NL* right=expression                                        # bitOrExpr
    | left=expression op=AND NL* right=expression                                          # andExpr
    | left=expression op=OR NL* right=expression                                           # orExpr
    | <assoc=right> condition=expression NL* QUESTION NL* whenTrue=expression NL* COLON NL* whenFalse=expression # ternaryExpr
    | <assoc=right> left=expression NL* ELVIS NL* right=expression                         # elvisExpr
    | <assoc=right> left=expression assignmentOperator NL* right=assignmentValue           # assignmentExpr
    ;

assignmentValue
    : expression
    | commandExpression
    ;

shiftOperator
    : LT LT
    | GT GT GT
    | GT GT
    ;

assignmentOperator
    : ASSIGN | ADD_ASSIGN | SUB_ASSIGN | MUL_ASSIGN | DIV_ASSIGN | MOD_ASSIGN | POWER_ASSIGN
    | AND_ASSIGN | OR_ASSIGN | XOR_ASSIGN | ELVIS_ASSIGN
    | LT LE | GT GE | GT GT GE
    ;

castParExpression
    : LPAREN type RPAREN { IsCastOperandStart() }?
    ;

pathElement
    : NL* ( DOT | SAFE_DOT | SPREAD_DOT | ATTR_DOT ) NL* memberName                        # memberAccess
    | NL* ( METHOD_POINTER | METHOD_REF ) NL* memberName                                    # methodPointer
    | arguments                                                                             # callArguments
    | NL* closure                                                                           # trailingClosure
    | ( LBRACK | SAFE_INDEX ) expressionList RBRACK                                         # indexAccess
    ;

memberName
    : IDENTIFIER
    | CMD_IDENTIFIER
    | keyword
    | SQ_STRING | TSQ_STRING | DQ_STRING | UNTERMINATED_SQ | UNTERMINATED_TSQ
    | gstring
    | LPAREN expression RPAREN
    ;

arguments
    : LPAREN ( argument ( COMMA NL* argument )* COMMA? )? RPAREN
    ;

argument
    : namedArgument
    | MUL expression
    | expression
    ;

namedArgument
    : mapKey COLON NL* expression
    | SPREAD_MAP expression
    ;

primary
    : value=( INTEGER_LITERAL | FLOAT_LITERAL | TRUE | FALSE | NULL )  # literalPrimary
    | value=( SQ_STRING | TSQ_STRING | DQ_STRING | UNTERMINATED_SQ | UNTERMINATED_TSQ )  # stringPrimary
    | gstring                                                      # gstringPrimary
    | name=( IDENTIFIER | CMD_IDENTIFIER )                          # identifierPrimary
    | THIS                                                         # thisPrimary
    | SUPER                                                        # superPrimary
    | LPAREN expression RPAREN                                     # parenPrimary
    | LBRACK COLON RBRACK                                          # emptyMapPrimary
    | LBRACK mapEntry ( COMMA NL* mapEntry )* COMMA? RBRACK        # mapPrimary
    | LBRACK ( listElement ( COMMA NL* listElement )* COMMA? )? RBRACK   # listPrimary
    | closure                                                      # closurePrimary
    | creator                                                      # creatorPrimary
    | primitiveType ( LBRACK RBRACK )* ( DOT CLASS )?              # primitiveTypePrimary
    ;

listElement
    : MUL expression
    | expression
    ;

mapEntry
    : mapKey COLON NL* expression
    | SPREAD_MAP expression
    ;

mapKey
    : IDENTIFIER
    | CMD_IDENTIFIER
    | keyword
    | SQ_STRING | TSQ_STRING | DQ_STRING | UNTERMINATED_SQ | UNTERMINATED_TSQ
    | gstring
    | INTEGER_LITERAL
    | FLOAT_LITERAL
    | LPAREN expression RPAREN
    ;

creator
    : NEW NL* ( primitiveType | qualifiedClassName typeArguments? ) ( arguments classBody? | arrayDimensions arrayInitializer? )
    ;

arrayDimensions
    : ( LBRACK expression? RBRACK )+
    ;

arrayInitializer
    : LBRACE ( expression ( COMMA NL* expression )* COMMA? )? RBRACE
    ;

// The newlines after `{` belong to the parameters when there are some and to the body otherwise;
// giving them to one side only keeps prediction from looking ahead to the closing brace.
closure
    : LBRACE ( NL* closureParameters? NL* ARROW )? blockBody RBRACE
    ;

closureParameters
    : formalParameter ( COMMA NL* formalParameter )*
    ;

expressionList
    : expression ( COMMA NL* expression )*
    ;

stringLiteral
    : SQ_STRING
    | TSQ_STRING
    | DQ_STRING
    | UNTERMINATED_SQ
    | UNTERMINATED_TSQ
    ;

gstring
    : DQ_BEGIN ( DQ_TEXT | DQ_DOLLAR | DQ_PATH | DQ_EXPR gstringExpression RBRACE )* ( DQ_END | DQ_UNTERMINATED )
    | TDQ_BEGIN ( TDQ_TEXT | TDQ_QUOTE | TDQ_DOLLAR | TDQ_PATH | TDQ_EXPR gstringExpression RBRACE )* TDQ_END
    | SLASHY_BEGIN ( SLASHY_TEXT | SLASHY_DOLLAR | SLASHY_PATH | SLASHY_EXPR gstringExpression RBRACE )* SLASHY_END
    | DSLASHY_BEGIN ( DSLASHY_TEXT | DSLASHY_PATH | DSLASHY_EXPR gstringExpression RBRACE )* DSLASHY_END
    ;

// `${x}`, `${ a ? b : c }`, `${}`, `${readFile file: 'x'}`, `${a; b}` (the last value counts);
// `${-> x}` is a lazy closure.
gstringExpression
    : ( NL | SEMI )* ( ARROW NL* )? ( statement ( ( NL | SEMI )+ statement )* ( NL | SEMI )* )?
    ;

identifier
    : IDENTIFIER
    | CMD_IDENTIFIER
    ;

keyword
    : ABSTRACT | AS | ASSERT | BREAK | CASE | CATCH | CLASS | CONST | CONTINUE | DEF | DEFAULT | DO
    | ELSE | ENUM | EXTENDS | FINAL | FINALLY | FOR | GOTO | IF | IMPLEMENTS | IMPORT | IN
    | INSTANCEOF | INTERFACE | NATIVE | NEW | PACKAGE | PRIVATE | PROTECTED | PUBLIC | RETURN
    | STATIC | STRICTFP | SUPER | SWITCH | SYNCHRONIZED | THIS | THROW | THROWS | TRANSIENT | TRY
    | VOID | VOLATILE | WHILE | TRUE | FALSE | NULL
    | BOOLEAN_TYPE | BYTE_TYPE | CHAR_TYPE | SHORT_TYPE | INT_TYPE | LONG_TYPE | FLOAT_TYPE | DOUBLE_TYPE
    ;
